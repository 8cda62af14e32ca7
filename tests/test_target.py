"""target: wheel platform tag → GOOS/GOARCH, zig target, wheel tag; macOS minimums. No Go needed."""

from __future__ import annotations

import shlex

import pytest

from setuptools_golang_ext.errors import ConfigError, UnsupportedTargetError
from setuptools_golang_ext.stages import target
from setuptools_golang_ext.stages.target import Target

LINUX = "linux-x86_64"
MAC_ARM = "macosx-11.0-arm64"
ZIG = ("/opt/zig dir/zig",)


@pytest.mark.parametrize(
    ("tag", "goarch", "zig_target", "platform"),
    [
        (
            "manylinux2014_x86_64",
            "amd64",
            "x86_64-linux-gnu.2.17",
            "manylinux_2_17_x86_64.manylinux2014_x86_64",
        ),
        (
            "manylinux2014_aarch64",
            "arm64",
            "aarch64-linux-gnu.2.17",
            "manylinux_2_17_aarch64.manylinux2014_aarch64",
        ),
        (
            "manylinux_2_17_x86_64",
            "amd64",
            "x86_64-linux-gnu.2.17",
            "manylinux_2_17_x86_64.manylinux2014_x86_64",
        ),
        ("manylinux_2_28_x86_64", "amd64", "x86_64-linux-gnu.2.28", "manylinux_2_28_x86_64"),
        ("manylinux_2_34_aarch64", "arm64", "aarch64-linux-gnu.2.34", "manylinux_2_34_aarch64"),
        (
            "manylinux2014_i686",
            "386",
            "x86-linux-gnu.2.17",
            "manylinux_2_17_i686.manylinux2014_i686",
        ),
        (
            "manylinux2014_s390x",
            "s390x",
            "s390x-linux-gnu.2.17",
            "manylinux_2_17_s390x.manylinux2014_s390x",
        ),
    ],
)
def test_manylinux_targets(tag: str, goarch: str, zig_target: str, platform: str) -> None:
    parsed = target.parse(tag)
    assert (parsed.goos, parsed.goarchs, parsed.zig_target) == ("linux", (goarch,), zig_target)
    assert parsed.wheel_platform == platform
    assert parsed.needs_zig
    assert parsed.macos_min is None


def test_armv7l_sets_goarm() -> None:
    parsed = target.parse("manylinux2014_armv7l")
    assert parsed.zig_target == "arm-linux-gnueabihf.2.17"
    assert dict(parsed.goenv) == {"GOARM": "7"}
    assert parsed.pointer_bits == 32
    assert target.go_environment(parsed, {}, ZIG)["GOARM"] == "7"


def test_spelling_is_normalised() -> None:
    assert target.parse(" ManyLinux2014-x86_64 ").tag == "manylinux2014_x86_64"
    assert target.parse("macosx-11.0-arm64").tag == "macosx_11_0_arm64"


@pytest.mark.parametrize(
    ("tag", "goarchs", "minimum", "platform"),
    [
        ("macosx_11_0_arm64", ("arm64",), (11, 0), "macosx_11_0_arm64"),
        ("macosx_10_15_x86_64", ("amd64",), (10, 15), "macosx_10_15_x86_64"),
        ("macosx_11_0_universal2", ("arm64", "amd64"), (11, 0), "macosx_11_0_universal2"),
        ("macosx_12_3_arm64", ("arm64",), (12, 3), "macosx_12_0_arm64"),
    ],
)
def test_macos_targets(
    tag: str, goarchs: tuple[str, ...], minimum: tuple[int, int], platform: str
) -> None:
    parsed = target.parse(tag)
    assert (parsed.goos, parsed.goarchs, parsed.macos_min) == ("darwin", goarchs, minimum)
    assert parsed.wheel_platform == platform
    assert not parsed.needs_zig


def test_windows_targets_use_zig_except_on_windows() -> None:
    cross = target.parse("win_amd64")
    assert (cross.goos, cross.goarch, cross.zig_target) == (
        "windows",
        "amd64",
        "x86_64-windows-gnu",
    )
    assert cross.wheel_platform == "win_amd64"
    assert target.parse("win_arm64").zig_target == "aarch64-windows-gnu"
    native = target.parse("win_amd64", host_is_windows=True)
    assert (native.goarch, native.zig_target) == ("amd64", None)


@pytest.mark.parametrize(
    ("tag", "error", "expected"),
    [
        (
            "musllinux_1_2_x86_64",
            UnsupportedTargetError,
            ["golang/go#54805", "manylinux2014_x86_64"],
        ),
        ("manylinux1_x86_64", UnsupportedTargetError, ["end-of-life", "manylinux2014_<arch>"]),
        ("manylinux2010_x86_64", UnsupportedTargetError, ["end-of-life"]),
        ("manylinux_2_12_x86_64", UnsupportedTargetError, ["glibc 2.12", "manylinux2014_x86_64"]),
        ("manylinux2014_ppc64le", UnsupportedTargetError, ["'ppc64le'", "manylinux2014_aarch64"]),
        ("linux_x86_64", UnsupportedTargetError, ["not portable", "manylinux2014_x86_64"]),
        ("macosx_11_0_ppc", UnsupportedTargetError, ["'ppc'", "universal2"]),
        ("any", ConfigError, ["'any'", "SETUPTOOLS_GOLANG_EXT_TARGET", "manylinux2014_x86_64"]),
    ],
)
def test_refused_targets_say_why_and_what_to_use(
    tag: str, error: type[Exception], expected: list[str]
) -> None:
    with pytest.raises(error) as info:
        target.parse(tag)
    assert tag in str(info.value)
    for text in expected:
        assert text in str(info.value)


def test_unset_knob_is_native_on_linux_and_windows() -> None:
    assert target.from_environment({}, host_platform=LINUX) is None
    assert target.from_environment({target.TARGET_ENV: "  "}, host_platform=LINUX) is None
    assert target.from_environment({}, host_platform="win-amd64", host_is_windows=True) is None
    # On Linux, the variables cibuildwheel sets for macOS mean nothing.
    env = {"ARCHFLAGS": "-arch arm64", "MACOSX_DEPLOYMENT_TARGET": "11.0"}
    assert target.from_environment(env, host_platform=LINUX) is None


def test_knob_wins() -> None:
    env = {target.TARGET_ENV: "manylinux2014_aarch64", "ARCHFLAGS": "-arch x86_64"}
    chosen = target.from_environment(env, host_platform=MAC_ARM)
    assert chosen is not None
    assert chosen.tag == "manylinux2014_aarch64"


@pytest.mark.parametrize(
    ("env", "host", "machine", "goarchs", "tag"),
    [
        # What cibuildwheel sets for each macOS build.
        (
            {
                "ARCHFLAGS": "-arch arm64",
                "_PYTHON_HOST_PLATFORM": "macosx-11.0-arm64",
                "MACOSX_DEPLOYMENT_TARGET": "11.0",
            },
            "macosx-10.9-universal2",
            "x86_64",
            ("arm64",),
            "macosx_11_0_arm64",
        ),
        (
            {
                "ARCHFLAGS": "-arch x86_64",
                "_PYTHON_HOST_PLATFORM": "macosx-10.13-x86_64",
                "MACOSX_DEPLOYMENT_TARGET": "10.13",
            },
            "macosx-10.9-universal2",
            "arm64",
            ("amd64",),
            "macosx_10_13_x86_64",
        ),
        (
            {"ARCHFLAGS": "-arch arm64 -arch x86_64", "MACOSX_DEPLOYMENT_TARGET": "10.15"},
            "macosx-10.9-universal2",
            "arm64",
            ("arm64", "amd64"),
            "macosx_10_15_universal2",
        ),
        # No ARCHFLAGS: the cross platform, else the interpreter's; a universal2 interpreter
        # builds for the machine it runs on.
        (
            {"_PYTHON_HOST_PLATFORM": "macosx-11.0-x86_64"},
            MAC_ARM,
            "arm64",
            ("amd64",),
            "macosx_11_0_x86_64",
        ),
        ({}, "macosx-10.9-universal2", "x86_64", ("amd64",), "macosx_10_9_x86_64"),
        ({}, "macosx-14.0-arm64", "arm64", ("arm64",), "macosx_14_0_arm64"),
        ({"MACOSX_DEPLOYMENT_TARGET": "12"}, MAC_ARM, "arm64", ("arm64",), "macosx_12_0_arm64"),
    ],
)
def test_macos_target_from_what_cibuildwheel_sets(
    env: dict[str, str], host: str, machine: str, goarchs: tuple[str, ...], tag: str
) -> None:
    chosen = target.from_environment(env, host_platform=host, host_machine=machine)
    assert chosen is not None
    assert (chosen.goos, chosen.goarchs, chosen.wheel_platform) == ("darwin", goarchs, tag)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"ARCHFLAGS": "-arch ppc64"}, ["ARCHFLAGS='-arch ppc64'", "ppc64", "-arch arm64"]),
        (
            {"ARCHFLAGS": "-arch arm64", "MACOSX_DEPLOYMENT_TARGET": "eleven"},
            ["'eleven'", "MAJOR.MINOR"],
        ),
        ({"_PYTHON_HOST_PLATFORM": "macosx-11.0-ppc"}, ["macosx-11.0-ppc", "ARCHFLAGS"]),
    ],
)
def test_bad_macos_environment(env: dict[str, str], expected: list[str]) -> None:
    with pytest.raises((UnsupportedTargetError, ConfigError)) as info:
        target.from_environment(env, host_platform=MAC_ARM, host_machine="arm64")
    for text in expected:
        assert text in str(info.value)


@pytest.mark.parametrize(
    ("go", "floor"),
    [
        ((1, 21, 13), (10, 15)),
        ((1, 22, 0), (10, 15)),
        ((1, 23, 4), (11, 0)),
        ((1, 24, 0), (11, 0)),
        ((1, 25, 5), (12, 0)),
        ((1, 26, 8), (12, 0)),
        ((1, 27, 3), (13, 0)),
        ((1, 30, 0), (13, 0)),
    ],
)
def test_go_macos_floor(go: tuple[int, int, int], floor: tuple[int, int]) -> None:
    assert target.go_macos_floor(go) == floor


def test_deployment_target_below_gos_floor_is_raised_with_a_warning() -> None:
    asked = target.from_environment(
        {"ARCHFLAGS": "-arch x86_64", "MACOSX_DEPLOYMENT_TARGET": "10.13"},
        host_platform=MAC_ARM,
        host_machine="arm64",
    )
    assert asked is not None
    raised = target.with_go_floor(asked, (1, 25, 5), "go1.25.5")
    assert raised.macos_min == (12, 0)
    assert raised.wheel_platform == "macosx_12_0_x86_64"
    (warning,) = raised.warnings
    for text in ("MACOSX_DEPLOYMENT_TARGET", "10.13", "go1.25.5", "12.0", "macosx_12_0_x86_64"):
        assert text in warning
    assert target.go_environment(raised, {}, None)["MACOSX_DEPLOYMENT_TARGET"] == "12.0"


def test_deployment_target_at_or_above_the_floor_is_kept() -> None:
    asked = target.parse("macosx_14_0_arm64")
    assert target.with_go_floor(asked, (1, 25, 5), "go1.25.5") == asked
    assert target.with_go_floor(asked, (1, 25, 5), "go1.25.5").warnings == ()


def test_arm64_needs_macos_11_whatever_go_says() -> None:
    raised = target.with_go_floor(target.parse("macosx_10_15_arm64"), (1, 21, 0), "go1.21.0")
    assert raised.wheel_platform == "macosx_11_0_arm64"
    assert "arm64 Macs" in raised.warnings[0]
    # universal2 keeps the x86_64 slice's minimum: its arm64 slice is 11.0 by definition.
    universal = target.with_go_floor(target.parse("macosx_10_15_universal2"), (1, 21, 0), "go1.21")
    assert universal.wheel_platform == "macosx_10_15_universal2"


def test_go_floor_ignores_other_platforms() -> None:
    linux = target.parse("manylinux2014_x86_64")
    assert target.with_go_floor(linux, (1, 27, 0), "go1.27") is linux


def test_macos_platform_tag_drops_the_minor_version_from_11_on() -> None:
    assert target.macos_platform_tag((10, 15), "x86_64") == "macosx_10_15_x86_64"
    assert target.macos_platform_tag((11, 3), "arm64") == "macosx_11_0_arm64"


def check(
    chosen: Target, host: str = LINUX, modes: tuple[str, ...] = ("c-shared",), **host_facts: object
) -> None:
    facts: dict[str, object] = {
        "host_pointer_bits": 64,
        "host_big_endian": False,
        "limited_api": True,
    }
    facts.update(host_facts)
    target.check_host(chosen, host_platform=host, modes=modes, **facts)  # type: ignore[arg-type]


def test_host_checks_accept_what_works() -> None:
    check(target.parse("manylinux2014_aarch64"), modes=("c-shared", "c-archive"))
    check(target.parse("manylinux2014_i686"))  # c-shared needs no Python headers
    check(target.parse("win_amd64"))
    check(target.parse("macosx_11_0_arm64"), host=MAC_ARM, modes=("c-archive",))


def test_macos_targets_need_a_mac() -> None:
    with pytest.raises(UnsupportedTargetError) as info:
        check(target.parse("macosx_11_0_arm64"))
    assert "macosx_11_0_arm64" in str(info.value)
    assert "SDK" in str(info.value)
    assert "Build macOS wheels on macOS" in str(info.value)


@pytest.mark.parametrize(
    ("tag", "host", "facts", "expected"),
    [
        ("manylinux2014_i686", LINUX, {}, "64-bit little-endian"),
        ("manylinux2014_s390x", LINUX, {}, "64-bit little-endian"),
        ("manylinux2014_x86_64", LINUX, {"limited_api": False}, "no limited API"),
        ("manylinux2014_x86_64", "win-amd64", {}, "on Windows"),
    ],
)
def test_c_archive_cross_builds_that_cannot_work_are_refused(
    tag: str, host: str, facts: dict[str, object], expected: str
) -> None:
    with pytest.raises(UnsupportedTargetError) as info:
        check(target.parse(tag), host=host, modes=("c-shared", "c-archive"), **facts)
    message = str(info.value)
    assert 'mode = "c-archive"' in message
    assert expected in message
    assert 'Use mode = "c-shared"' in message


def test_go_environment_for_zig() -> None:
    env = target.go_environment(target.parse("manylinux2014_aarch64"), {"PATH": "/bin"}, ZIG)
    assert env["GOOS"] == "linux"
    assert env["GOARCH"] == "arm64"
    assert env["PATH"] == "/bin"
    # Go splits CC like a shell: a zig path with a space survives.
    assert shlex.split(env["CC"]) == [*ZIG, "cc", "-target", "aarch64-linux-gnu.2.17"]
    assert shlex.split(env["CXX"]) == [*ZIG, "c++", "-target", "aarch64-linux-gnu.2.17"]
    assert "MACOSX_DEPLOYMENT_TARGET" not in env


def test_go_environment_on_a_mac_keeps_the_compiler() -> None:
    env = target.go_environment(target.parse("macosx_11_0_universal2"), {"CC": "clang"}, None)
    assert (env["GOOS"], env["GOARCH"], env["CC"]) == ("darwin", "arm64", "clang")
    assert env["MACOSX_DEPLOYMENT_TARGET"] == "11.0"


def test_go_link_environment() -> None:
    linux = target.parse("manylinux2014_x86_64")
    assert target.go_link_environment(linux, {}, debug=False)["CGO_LDFLAGS"] == "-Wl,--strip-all"
    assert (
        target.go_link_environment(linux, {"CGO_LDFLAGS": "-L/x"}, debug=False)["CGO_LDFLAGS"]
        == "-L/x -Wl,--strip-all"
    )
    assert "CGO_LDFLAGS" not in target.go_link_environment(linux, {}, debug=True)
    windows = target.parse("win_amd64")
    assert target.go_link_environment(windows, {}, debug=True)["CGO_LDFLAGS"] == "-Wl,-Brepro"
    mac = target.parse("macosx_11_0_arm64")
    assert target.go_link_environment(mac, {"A": "1"}, debug=False) == {"A": "1"}


HOST_COMMANDS = {
    "compiler": ["gcc", "-O3", "-march=x86-64"],
    "compiler_so": ["gcc", "-O3", "-fPIC", "-march=x86-64"],
    "linker_so": ["gcc", "-shared", "-Wl,-rpath,/opt/python/lib"],
    "linker_exe": ["gcc"],
}


def test_compiler_for_zig_leaves_the_hosts_flags_behind() -> None:
    chosen = target.parse("manylinux2014_aarch64")
    commands = target.compiler_executables(
        chosen, HOST_COMMANDS, ZIG, {"CFLAGS": "-DX=1", "LDFLAGS": "-L/opt"}, "/b/exports.map"
    )
    cc = [*ZIG, "cc", "-target", "aarch64-linux-gnu.2.17"]
    assert commands["compiler_so"] == [*cc, "-O2", "-fPIC", "-DNDEBUG", "-DX=1"]
    assert commands["linker_so"] == [
        *cc,
        "-shared",
        "-L/opt",
        "-Wl,--version-script,/b/exports.map",
    ]
    assert set(commands) == {"compiler", "compiler_so", "linker_so"}  # only what the compiler has
    assert "PyInit_*" in target.EXPORTS_VERSION_SCRIPT


def test_compiler_on_a_mac_gets_the_targets_archs_and_minimum() -> None:
    current = {
        "compiler_so": [
            "clang",
            "-arch",
            "arm64",
            "-arch",
            "x86_64",
            "-mmacosx-version-min=10.9",
            "-O3",
        ],
        "linker_so": ["clang", "-bundle", "-undefined", "dynamic_lookup", "-arch", "arm64"],
        "compiler_cxx": [],
    }
    raised = target.with_go_floor(target.parse("macosx_10_15_x86_64"), (1, 23, 0), "go1.23")
    commands = target.compiler_executables(raised, current, None, {})
    assert commands == {
        "compiler_so": ["clang", "-O3", "-mmacosx-version-min=11.0", "-arch", "x86_64"],
        "linker_so": [
            "clang",
            "-bundle",
            "-undefined",
            "dynamic_lookup",
            "-mmacosx-version-min=11.0",
            "-arch",
            "x86_64",
        ],
    }
    universal = target.compiler_executables(
        target.parse("macosx_11_0_universal2"), current, None, {}
    )
    assert universal["linker_so"][-4:] == ["-arch", "arm64", "-arch", "x86_64"]


def test_extension_link_args_drop_what_zig_rejects() -> None:
    args = ["-Wl,--exclude-libs,ALL", "-Wl,-Bsymbolic", "-s"]
    assert target.extension_link_args(target.parse("manylinux2014_x86_64"), args) == [
        "-Wl,-Bsymbolic",
        "-s",
    ]
    assert target.extension_link_args(target.parse("macosx_11_0_arm64"), args) == args


def test_lipo_command() -> None:
    assert target.lipo_command("lipo", ["a/lib.dylib", "b/lib.dylib"], "lib.dylib") == [
        "lipo",
        "-create",
        "a/lib.dylib",
        "b/lib.dylib",
        "-output",
        "lib.dylib",
    ]


def test_merge_wheel_platform() -> None:
    linux = target.parse("manylinux2014_x86_64")
    assert target.merge_wheel_platform(linux, "linux_x86_64") == linux.wheel_platform
    mac = target.parse("macosx_12_0_arm64")
    # setuptools read an older minimum from the binaries: ours stands.
    assert target.merge_wheel_platform(mac, "macosx_11_0_arm64") == "macosx_12_0_arm64"
    # A user's own C extension needs a newer macOS: the wheel says so.
    assert target.merge_wheel_platform(mac, "macosx_14_0_arm64") == "macosx_14_0_arm64"
