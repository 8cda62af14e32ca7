"""Portable wheels from this machine, without Docker: manylinux with zig, Windows cross builds,
reproducible rebuilds, and the checkers PyPI uploads go through (auditwheel, abi3audit,
check-wheel-contents, twine). Real Go, real pip with build isolation, fresh venvs."""

from __future__ import annotations

import json
import platform
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, Venv, make_project, run, wheel_files
from pe import read_pe

from setuptools_golang_ext.names import (
    GUARD_PREFIX,
    PACKAGE_EXPORTS,
    TOOL_EXPORTS,
    package_export,
    shim_prefix,
)

# Linux x86_64 and aarch64 and Windows wheels, checked (and the x86_64 ones run) on a Linux
# x86_64 machine; test_e2e_macos.py has the macOS builds, for CI's Macs.
ON_LINUX_X86_64 = sys.platform == "linux" and platform.machine() == "x86_64"
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not ON_LINUX_X86_64, reason="cross builds are tested from Linux x86_64"),
]
# The example's wheels are built once and shared: keep their tests on one xdist worker.
shares_wheels = pytest.mark.xdist_group("example-wheels")

SCRIPTS = Path(sys.executable).parent
EPOCH = "1700000000"
ELF_MACHINES = {"x86_64": 62, "aarch64": 183}


def copy_example(destination: Path, mode: str) -> Path:
    shutil.copytree(
        ROOT / "example_pkg",
        destination,
        ignore=shutil.ignore_patterns("build", "*.egg-info", "*.so", "_native*.py", "dist"),
    )
    pyproject = destination / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('mode = "c-shared"', f'mode = "{mode}"'))
    return destination


def pip_wheel(project: Path, out: Path, env: dict[str, str], *options: str) -> Path:
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, *options, project],
        env=env,
    )
    (wheel,) = wheel_files(out)
    return wheel


def build_example(
    base: Path, pip_env: dict[str, str], mode: str, target: str | None, *, setting: bool = False
) -> Path:
    """Build example_pkg from a fresh copy under *base*; the target by env var or config setting."""
    project = copy_example(base / "src" / "example_pkg", mode)
    env = {**pip_env, "SOURCE_DATE_EPOCH": EPOCH}
    options: list[str] = []
    if target and setting:
        options = ["-C", f"go-target={target}"]
    elif target:
        env["SETUPTOOLS_GOLANG_EXT_TARGET"] = target
    if target and target.startswith("win"):
        # zig keys its cache by its own install path, and compiles MinGW's C runtime (minutes) for
        # the first Windows link: with this environment's zig, that happens once per machine.
        options.append("--no-build-isolation")
    return pip_wheel(project, base / "dist", env, *options)


class ExampleWheels:
    """example_pkg wheels built once per session and (mode, target), shared by the tests below."""

    def __init__(self, base: Path, pip_env: dict[str, str]) -> None:
        self.base = base
        self.pip_env = pip_env
        self.built: dict[tuple[str, str | None], Path] = {}

    def get(self, mode: str, target: str | None) -> Path:
        key = (mode, target)
        if key not in self.built:
            directory = self.base / f"{mode}-{target or 'native'}"
            # c-archive builds take the config setting, c-shared ones the environment variable.
            self.built[key] = build_example(
                directory, self.pip_env, mode, target, setting=mode == "c-archive"
            )
        return self.built[key]


@pytest.fixture(scope="session")
def example_wheels(
    tmp_path_factory: pytest.TempPathFactory, pip_env: dict[str, str]
) -> ExampleWheels:
    return ExampleWheels(tmp_path_factory.mktemp("example-wheels"), pip_env)


def auditwheel_show(wheel: Path) -> str:
    output = run([SCRIPTS / "auditwheel", "show", wheel]).stdout
    return " ".join(output.split())  # auditwheel wraps its lines


def glibc_versions(report: str) -> list[tuple[int, ...]]:
    return [tuple(map(int, found.split("."))) for found in re.findall(r"GLIBC_([\d.]+)", report)]


def elf_machines(wheel: Path) -> set[int]:
    with zipfile.ZipFile(wheel) as archive:
        binaries = [archive.read(name) for name in archive.namelist() if name.endswith(".so")]
    assert binaries, "the wheel holds no shared object"
    assert all(binary[:4] == b"\x7fELF" for binary in binaries)
    return {int.from_bytes(binary[18:20], "little") for binary in binaries}


@shares_wheels
@pytest.mark.parametrize(
    ("mode", "target", "glibc", "arch"),
    [
        ("c-shared", "manylinux2014_x86_64", (2, 17), "x86_64"),
        ("c-shared", "manylinux2014_aarch64", (2, 17), "aarch64"),
        ("c-archive", "manylinux2014_aarch64", (2, 17), "aarch64"),
        ("c-archive", "manylinux_2_28_x86_64", (2, 28), "x86_64"),
    ],
)
def test_manylinux_wheels_are_auditwheel_clean(
    example_wheels: ExampleWheels, mode: str, target: str, glibc: tuple[int, int], arch: str
) -> None:
    wheel = example_wheels.get(mode, target)
    policy = f"manylinux_{glibc[0]}_{glibc[1]}_{arch}"
    assert policy in wheel.name
    if glibc == (2, 17):
        assert wheel.name.endswith(f"{policy}.manylinux2014_{arch}.whl")
    assert elf_machines(wheel) == {ELF_MACHINES[arch]}

    report = auditwheel_show(wheel)
    consistent = re.search(
        r'consistent with the following platform tag: "manylinux_2_(\d+)_(\w+)"', report
    )
    assert consistent, report
    assert int(consistent[1]) <= glibc[1], report  # the tag the wheel carries holds: no repair
    assert consistent[2] == arch
    assert "The wheel requires no external shared libraries" in report
    assert max(glibc_versions(report)) <= glibc, report


@shares_wheels
@pytest.mark.parametrize(
    "case", [("c-shared", "manylinux2014_x86_64"), ("c-archive", "manylinux_2_28_x86_64")]
)
def test_x86_64_manylinux_wheels_install_and_pass_the_examples_tests(
    example_wheels: ExampleWheels,
    tmp_path: Path,
    pip_env: dict[str, str],
    make_venv,
    case: tuple[str, str],
) -> None:
    mode, target = case
    wheel = example_wheels.get(mode, target)
    env: Venv = make_venv()
    env.pip("install", "-q", wheel, "pytest", env=pip_env)
    tests = copy_example(tmp_path / "example", mode) / "tests"
    env.run_python("-m", "pytest", "-q", "-p", "no:cacheprovider", tests, cwd=tmp_path)


@shares_wheels
@pytest.mark.parametrize(
    ("mode", "target"),
    [
        ("c-archive", None),
        ("c-shared", "manylinux2014_x86_64"),
        ("c-archive", "manylinux_2_28_x86_64"),
    ],
)
def test_example_wheels_pass_check_wheel_contents_and_twine(
    example_wheels: ExampleWheels, mode: str, target: str | None
) -> None:
    wheel = example_wheels.get(mode, target)
    run([SCRIPTS / "check-wheel-contents", wheel])
    run([SCRIPTS / "twine", "check", "--strict", wheel])


@shares_wheels
@pytest.mark.parametrize("target", [None, "manylinux2014_aarch64", "manylinux_2_28_x86_64"])
def test_c_archive_wheels_pass_abi3audit(example_wheels: ExampleWheels, target: str | None) -> None:
    wheel = example_wheels.get("c-archive", target)
    assert "-cp39-abi3-" in wheel.name
    result = run([SCRIPTS / "abi3audit", "--strict", "--report", wheel])
    report = json.loads(result.stdout)
    (module,) = next(iter(report["specs"].values()))["wheel"]
    assert module["result"]["is_abi3"] is True
    assert module["result"]["non_abi3_symbols"] == []


@shares_wheels
@pytest.mark.parametrize(
    ("mode", "target"),
    [
        ("c-shared", None),
        ("c-archive", None),
        ("c-shared", "manylinux2014_x86_64"),
        ("c-archive", "manylinux2014_aarch64"),
        ("c-shared", "win_amd64"),
    ],
)
def test_rebuilds_are_byte_identical(
    example_wheels: ExampleWheels,
    tmp_path: Path,
    pip_env: dict[str, str],
    mode: str,
    target: str | None,
) -> None:
    """Same source, another directory, another isolated build environment, same SOURCE_DATE_EPOCH."""
    first = example_wheels.get(mode, target)
    second = build_example(tmp_path / "again", pip_env, mode, target, setting=mode == "c-archive")
    assert second.name == first.name
    assert second.read_bytes() == first.read_bytes(), differing_members(first, second)


def differing_members(first: Path, second: Path) -> str:
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        names = sorted(set(a.namelist()) | set(b.namelist()))
        differing = [
            name
            for name in names
            if name not in a.namelist()
            or name not in b.namelist()
            or a.read(name) != b.read(name)
            or a.getinfo(name).date_time != b.getinfo(name).date_time
        ]
    return f"members that differ: {differing}"


def go_exports(directory: Path) -> set[str]:
    sources = "".join(path.read_text() for path in sorted(directory.glob("*.go")))
    return {line.split()[1] for line in sources.splitlines() if line.startswith("//export ")}


@shares_wheels
def test_win_amd64_cross_build_is_a_dll_exporting_the_go_functions(
    example_wheels: ExampleWheels,
) -> None:
    wheel = example_wheels.get("c-shared", "win_amd64")
    assert wheel.name.endswith("-py3-none-win_amd64.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        # example_pkg has two Go extensions: one library beside the runtime module.
        dll = archive.read("example_pkg/_go_runtime.dll")
    assert not [name for name in names if name.endswith((".so", ".h", ".go"))], names
    pe = read_pe(dll)
    assert pe.machine == 0x8664  # AMD64
    assert pe.is_dll
    # The Go exports, their guards, the shims of the plain package go/scan (its exported
    # functions, the methods and field accessors of its object type Pattern, the exports its
    # objects and iterators share), and the runtime support the tool adds to every build.
    exports = go_exports(ROOT / "example_pkg" / "go")
    scan = (ROOT / "example_pkg" / "go" / "scan" / "scan.go").read_text()
    prefix = shim_prefix("example.com/example_pkg/go/scan")
    shims = {prefix + name for name in re.findall(r"^func ([A-Z]\w*)\(", scan, re.M)}
    methods = re.findall(r"^func \(\w+ \*?(\w+)\) ([A-Z]\w*)\(", scan, re.M)
    shims |= {f"{prefix}{type_}_method_{name}" for type_, name in methods}
    shims |= {f"{prefix}Pattern_{way}_Searches" for way in ("get", "set")}
    shims |= {package_export(what, "example_pkg._scan") for what in PACKAGE_EXPORTS}
    assert len(shims) == 3 + 3 + 2 + len(PACKAGE_EXPORTS)
    guards = {GUARD_PREFIX + name for name in exports}
    assert set(pe.exports) == exports | guards | shims | set(TOOL_EXPORTS)


def failed_build(project: Path, out: Path, env: dict[str, str], *options: str) -> str:
    result = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", out, *options, project],
        env=env,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert wheel_files(out) == [], "a failed build must not leave a wheel"
    return output


@pytest.mark.parametrize(
    ("target", "mode", "expected"),
    [
        (
            "musllinux_1_2_x86_64",
            "c-shared",
            ["musllinux_1_2_x86_64", "golang/go#54805", "manylinux2014_x86_64"],
        ),
        (
            "macosx_11_0_arm64",
            "c-shared",
            ["macosx_11_0_arm64", "Apple's SDK", "Build macOS wheels on macOS"],
        ),
        (
            "win_amd64",
            "c-archive",
            ['mode = "c-archive" is not supported on Windows', 'Use mode = "c-shared"'],
        ),
        (
            "manylinux2014_i686",
            "c-archive",
            ["manylinux2014_i686", "64-bit little-endian", 'Use mode = "c-shared"'],
        ),
        (
            "bogus_tag",
            "c-shared",
            ["'bogus_tag'", "SETUPTOOLS_GOLANG_EXT_TARGET", "manylinux2014_x86_64"],
        ),
    ],
)
def test_targets_that_cannot_be_built_fail_clearly(
    tmp_path: Path, pip_env: dict[str, str], target: str, mode: str, expected: list[str]
) -> None:
    project = make_project(tmp_path, "kitchen", mode=mode)
    env = {**pip_env, "SETUPTOOLS_GOLANG_EXT_TARGET": target}
    output = failed_build(project.root, tmp_path / "out", env)
    for text in expected:
        assert text in output, output


def test_go_target_setting_given_twice(tmp_path: Path, pip_env: dict[str, str]) -> None:
    project = make_project(tmp_path, "kitchen")
    output = failed_build(
        project.root,
        tmp_path / "out",
        pip_env,
        "-C",
        "go-target=manylinux2014_x86_64",
        "-C",
        "go-target=manylinux2014_aarch64",
    )
    assert "go-target must be given once" in output
    assert "['manylinux2014_x86_64', 'manylinux2014_aarch64']" in output


def test_zig_target_without_ziglang_installed(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]
) -> None:
    """Without build isolation nobody adds ziglang: the error names the package and the fix."""
    project = make_project(tmp_path, "kitchen")
    env = {**pip_env, "SETUPTOOLS_GOLANG_EXT_TARGET": "manylinux2014_x86_64"}
    result = builder_venv.pip(
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        tmp_path / "out",
        project.root,
        env=env,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert wheel_files(tmp_path / "out") == []
    assert "`ziglang` package is not installed" in output
    assert "pip install" in output
    assert "x86_64-linux-gnu.2.17" in output
