"""The target platform of a build: one wheel platform tag → GOOS, GOARCH, the C compiler, the tag.

The knob is ``SETUPTOOLS_GOLANG_EXT_TARGET=<wheel platform tag>`` (or the build backend's config
setting ``go-target``). Unset, a Linux or Windows build is native, as it always was; on macOS the
target is read from what cibuildwheel and the interpreter say (``ARCHFLAGS``,
``_PYTHON_HOST_PLATFORM``, ``MACOSX_DEPLOYMENT_TARGET``), because a macOS wheel's tag must carry
the oldest macOS the Go runtime inside supports.

Everything here is a pure function of its arguments: the host is passed in, never looked up.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from setuptools_golang_ext.errors import ConfigError, UnsupportedTargetError

TARGET_ENV = "SETUPTOOLS_GOLANG_EXT_TARGET"
CONFIG_SETTING = "go-target"

MacVersion = tuple[int, int]


@dataclass(frozen=True)
class LinuxArch:
    goarch: str
    zig: str  # the architecture part of zig's target triple
    abi: str = "gnu"
    goenv: tuple[tuple[str, str], ...] = ()
    pointer_bits: int = 64
    big_endian: bool = False


# manylinux architectures that Go builds c-shared/c-archive for and zig has glibc for.
# (ppc64le is left out: zig ships no glibc headers that cgo's runtime/cgo compiles against.)
LINUX_ARCHS: Mapping[str, LinuxArch] = {
    "x86_64": LinuxArch("amd64", "x86_64"),
    "aarch64": LinuxArch("arm64", "aarch64"),
    "i686": LinuxArch("386", "x86", pointer_bits=32),
    "armv7l": LinuxArch("arm", "arm", "gnueabihf", (("GOARM", "7"),), pointer_bits=32),
    "s390x": LinuxArch("s390x", "s390x", big_endian=True),
}
WINDOWS_ARCHS: Mapping[str, tuple[str, str, int]] = {  # tag → (GOARCH, zig arch, pointer bits)
    "win_amd64": ("amd64", "x86_64", 64),
    "win_arm64": ("arm64", "aarch64", 64),
    "win32": ("386", "x86", 32),
}
MACOS_ARCHS: Mapping[str, tuple[str, ...]] = {  # tag arch → GOARCH of each slice
    "arm64": ("arm64",),
    "x86_64": ("amd64",),
    "universal2": ("arm64", "amd64"),
}
GOARCH_TO_MACOS = {"arm64": "arm64", "amd64": "x86_64"}

OLDEST_GLIBC = (2, 17)  # manylinux2014; older manylinux standards are end-of-life
# The oldest macOS each Go release runs on (Go's release notes); later releases keep the last.
GO_MACOS_FLOOR: tuple[tuple[tuple[int, int], MacVersion], ...] = (
    ((1, 21), (10, 15)),
    ((1, 23), (11, 0)),
    ((1, 25), (12, 0)),
    ((1, 27), (13, 0)),
)
ARM64_MACOS_FLOOR: MacVersion = (11, 0)  # the first macOS on Apple Silicon

_MANYLINUX_2014 = re.compile(r"manylinux2014_(?P<arch>\w+)")
_MANYLINUX = re.compile(r"manylinux_(?P<major>\d+)_(?P<minor>\d+)_(?P<arch>\w+)")
_MACOSX = re.compile(r"macosx_(?P<major>\d+)_(?P<minor>\d+)_(?P<arch>\w+)")
_DEPLOYMENT_TARGET = re.compile(r"(?P<major>\d+)(?:\.(?P<minor>\d+))?")


@dataclass(frozen=True)
class Target:
    """What a build for one wheel platform needs.

    *goarchs* has two entries for macOS universal2: two Go builds joined with ``lipo``.
    *zig_target* is set when the C compiler is ``zig cc -target <zig_target>``.
    """

    tag: str
    goos: str
    goarchs: tuple[str, ...]
    arch: str  # the architecture as the wheel tag spells it: x86_64, aarch64, universal2, amd64
    zig_target: str | None = None
    goenv: tuple[tuple[str, str], ...] = ()
    macos_min: MacVersion | None = None
    glibc: tuple[int, int] | None = None
    pointer_bits: int = 64
    big_endian: bool = False
    requested_by: str = TARGET_ENV
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def goarch(self) -> str:
        return self.goarchs[0]

    @property
    def needs_zig(self) -> bool:
        return self.zig_target is not None

    @property
    def wheel_platform(self) -> str:
        """The platform part of the wheel's name (``.``-joined when it is a tag set)."""
        if self.macos_min is not None:
            return macos_platform_tag(self.macos_min, self.arch)
        if self.glibc is None:
            return self.tag
        platform = f"manylinux_{self.glibc[0]}_{self.glibc[1]}_{self.arch}"
        if self.glibc == OLDEST_GLIBC:
            # Both spellings, as auditwheel writes them: pip < 20.3 knows only the legacy one.
            platform += f".manylinux2014_{self.arch}"
        return platform


def parse(tag: str, *, host_is_windows: bool = False) -> Target:
    """The :class:`Target` for a wheel platform tag such as ``manylinux2014_x86_64``."""
    tag = tag.strip().lower().replace("-", "_").replace(".", "_")
    legacy = _MANYLINUX_2014.fullmatch(tag)
    manylinux = _MANYLINUX.fullmatch(f"manylinux_2_17_{legacy['arch']}" if legacy else tag)
    if manylinux:
        return _manylinux(tag, manylinux)
    macos = _MACOSX.fullmatch(tag)
    if macos:
        return _macos(tag, macos)
    if tag in WINDOWS_ARCHS:
        goarch, zig_arch, bits = WINDOWS_ARCHS[tag]
        # On Windows, Go's own C compiler setup (MinGW gcc) builds DLLs; elsewhere zig cross-builds.
        zig = None if host_is_windows else f"{zig_arch}-windows-gnu"
        return Target(tag, "windows", (goarch,), goarch, zig, pointer_bits=bits)
    raise _unknown(tag)


def _manylinux(tag: str, match: re.Match[str]) -> Target:
    glibc = int(match["major"]), int(match["minor"])
    arch = match["arch"]
    if arch not in LINUX_ARCHS:
        raise UnsupportedTargetError(
            f"cannot build for the target {tag}: the architecture {arch!r} is not supported\n\n"
            f"Use one of: {', '.join(f'manylinux2014_{name}' for name in LINUX_ARCHS)}."
        )
    if glibc < OLDEST_GLIBC:
        raise UnsupportedTargetError(
            f"cannot build for the target {tag}: glibc {glibc[0]}.{glibc[1]} is older than "
            "manylinux2014 (glibc 2.17), the oldest manylinux standard still maintained\n\n"
            f"Use manylinux2014_{arch}: every pip since 19.3 installs it."
        )
    spec = LINUX_ARCHS[arch]
    zig = f"{spec.zig}-linux-{spec.abi}.{glibc[0]}.{glibc[1]}"
    return Target(
        tag,
        "linux",
        (spec.goarch,),
        arch,
        zig,
        spec.goenv,
        glibc=glibc,
        pointer_bits=spec.pointer_bits,
        big_endian=spec.big_endian,
    )


def _macos(tag: str, match: re.Match[str]) -> Target:
    arch = match["arch"]
    if arch not in MACOS_ARCHS:
        raise UnsupportedTargetError(
            f"cannot build for the target {tag}: the macOS architecture {arch!r} is not supported\n\n"
            f"Use one of: {', '.join(MACOS_ARCHS)} (e.g. macosx_11_0_arm64)."
        )
    version = int(match["major"]), int(match["minor"])
    return Target(tag, "darwin", MACOS_ARCHS[arch], arch, macos_min=version)


def _unknown(tag: str) -> UnsupportedTargetError | ConfigError:
    if tag.startswith("musllinux"):
        return UnsupportedTargetError(
            f"cannot build Go extensions for the target {tag}: musl libc cannot load the Go "
            "runtime in a shared object (golang/go#54805)\n\n"
            "Build for glibc instead, e.g. manylinux2014_x86_64."
        )
    if tag.startswith(("manylinux1", "manylinux2010")):
        return UnsupportedTargetError(
            f"cannot build for the target {tag}: manylinux1 and manylinux2010 are end-of-life\n\n"
            "Use manylinux2014_<arch> (glibc 2.17): every pip since 19.3 installs it."
        )
    if tag.startswith("linux_"):
        return UnsupportedTargetError(
            f"cannot build for the target {tag}: a linux_* wheel is not portable (PyPI refuses it)\n\n"
            f"Use manylinux2014_{tag.removeprefix('linux_')}, or unset {TARGET_ENV} for a native build."
        )
    return ConfigError(
        f"{TARGET_ENV} / {CONFIG_SETTING}: {tag!r} is not a wheel platform tag this tool builds for\n\n"
        "Use one of: manylinux2014_x86_64, manylinux2014_aarch64, manylinux_2_28_x86_64, "
        "macosx_11_0_arm64, macosx_11_0_x86_64, macosx_11_0_universal2, win_amd64."
    )


def from_environment(
    env: Mapping[str, str],
    *,
    host_platform: str,
    host_machine: str = "",
    host_is_windows: bool = False,
) -> Target | None:
    """The build's target: the knob if set; on a macOS host, what the environment says; else None.

    *host_platform* is ``sysconfig.get_platform()`` (``macosx-11.0-arm64``, ``linux-x86_64``),
    *host_machine* is ``platform.machine()``.
    """
    requested = env.get(TARGET_ENV, "").strip()
    if requested:
        return parse(requested, host_is_windows=host_is_windows)
    if host_platform.startswith("macosx"):
        return macos_from_environment(env, host_platform, host_machine)
    return None


def macos_from_environment(env: Mapping[str, str], host_platform: str, host_machine: str) -> Target:
    """The macOS target cibuildwheel (or the interpreter) asks for.

    Architectures: ``ARCHFLAGS`` (``-arch arm64 -arch x86_64``), else ``_PYTHON_HOST_PLATFORM``,
    else the interpreter's platform; an interpreter built universal2 builds for the machine's own
    architecture unless ARCHFLAGS asks for both (two Go builds take twice as long). Minimum macOS:
    ``MACOSX_DEPLOYMENT_TARGET``, else the version in ``_PYTHON_HOST_PLATFORM`` or the interpreter's.
    """
    cross_platform = env.get("_PYTHON_HOST_PLATFORM", "")
    platform = cross_platform or host_platform
    _, version_text, platform_arch = ([*platform.split("-", 2), "", ""])[:3]
    archs = _archflags(env.get("ARCHFLAGS", ""))
    if not archs and platform_arch == "universal2" and not cross_platform:
        platform_arch = host_machine
    archs = archs or MACOS_ARCHS.get(platform_arch, ())
    if not archs:
        raise UnsupportedTargetError(
            f"cannot tell which macOS architecture to build for: ARCHFLAGS={env.get('ARCHFLAGS', '')!r}, "
            f"platform {platform!r}\n\nSet ARCHFLAGS to '-arch arm64' or '-arch x86_64', or set "
            f"{TARGET_ENV}, e.g. macosx_11_0_arm64."
        )
    deployment = env.get("MACOSX_DEPLOYMENT_TARGET") or version_text
    version = parse_macos_version(deployment, "MACOSX_DEPLOYMENT_TARGET")
    tag_arch = "universal2" if len(archs) > 1 else GOARCH_TO_MACOS[archs[0]]
    tag = macos_platform_tag(version, tag_arch)
    return Target(
        tag, "darwin", archs, tag_arch, macos_min=version, requested_by="MACOSX_DEPLOYMENT_TARGET"
    )


def _archflags(text: str) -> tuple[str, ...]:
    """``-arch arm64 -arch x86_64`` → ("arm64", "amd64"), in Go's names, arm64 first."""
    words = shlex.split(text)
    named = {words[i + 1] for i, word in enumerate(words[:-1]) if word == "-arch"}
    unknown = named - set(GOARCH_TO_MACOS.values())
    if unknown:
        raise UnsupportedTargetError(
            f"ARCHFLAGS={text!r} names an architecture Go cannot build for macOS: "
            f"{', '.join(sorted(unknown))}\n\nUse -arch arm64 and/or -arch x86_64."
        )
    goarch = {"arm64": "arm64", "x86_64": "amd64"}
    return tuple(goarch[name] for name in ("arm64", "x86_64") if name in named)


def parse_macos_version(text: str, source: str) -> MacVersion:
    match = _DEPLOYMENT_TARGET.fullmatch(text.strip())
    if match is None:
        raise ConfigError(
            f"{source}={text!r} is not a macOS version\n\nUse MAJOR.MINOR, e.g. 11.0 or 10.15."
        )
    return int(match["major"]), int(match["minor"] or 0)


def macos_platform_tag(version: MacVersion, arch: str) -> str:
    """``macosx_11_0_arm64``; from macOS 11 on, pip only looks for ``_0`` minor versions."""
    major, minor = version
    if major >= 11:
        minor = 0
    return f"macosx_{major}_{minor}_{arch}"


def go_macos_floor(go_version: tuple[int, int, int]) -> MacVersion:
    """The oldest macOS that programs built by this Go release run on."""
    floor = GO_MACOS_FLOOR[0][1]
    for release, minimum in GO_MACOS_FLOOR:
        if go_version[:2] >= release:
            floor = minimum
    return floor


def with_go_floor(target: Target, go_version: tuple[int, int, int], go_text: str) -> Target:
    """Raise a macOS target's minimum to what Go (and Apple Silicon) supports, with a warning, so
    that the wheel never claims an older macOS than its Go runtime runs on."""
    if target.macos_min is None:
        return target
    floor = go_macos_floor(go_version)
    reason = f"{go_text} runs on macOS {_format(floor)} and newer"
    if target.goarchs == ("arm64",) and floor < ARM64_MACOS_FLOOR:
        floor = ARM64_MACOS_FLOOR
        reason = f"arm64 Macs run macOS {_format(floor)} and newer"
    if target.macos_min >= floor:
        return target
    raised = replace(target, macos_min=floor)
    warning = (
        f"{target.requested_by} asks for macOS {_format(target.macos_min)}, but {reason}: "
        f"building for macOS {_format(floor)}, wheel tagged {raised.wheel_platform}; "
        f"set MACOSX_DEPLOYMENT_TARGET={_format(floor)} to silence this warning"
    )
    return replace(raised, warnings=(*target.warnings, warning))


def _format(version: MacVersion) -> str:
    return f"{version[0]}.{version[1]}"


def check_host(
    target: Target,
    *,
    host_platform: str,
    modes: Sequence[str],
    host_pointer_bits: int,
    host_big_endian: bool,
    limited_api: bool,
) -> None:
    """Refuse what this host cannot build for *target*, before anything is built."""
    if target.goos == "darwin" and not host_platform.startswith("macosx"):
        raise UnsupportedTargetError(
            f"cannot build for the target {target.tag} on {host_platform}: linking for macOS needs "
            "Apple's SDK\n\nBuild macOS wheels on macOS (e.g. cibuildwheel on GitHub's macOS runners)."
        )
    if "c-archive" in modes and target.needs_zig:
        _check_cffi_cross_compile(
            target, host_platform, host_pointer_bits, host_big_endian, limited_api
        )


def _check_cffi_cross_compile(
    target: Target, host_platform: str, pointer_bits: int, big_endian: bool, limited_api: bool
) -> None:
    """c-archive mode compiles a cffi module against this interpreter's headers, with zig."""
    problem = ""
    if host_platform.startswith("win"):
        problem = "setuptools cannot drive zig as its C compiler on Windows"
    elif not limited_api:
        problem = (
            "this interpreter has no limited API (free-threaded CPython, PyPy), so the module "
            "would be named and tagged for this interpreter's platform"
        )
    elif (target.pointer_bits, target.big_endian) != (pointer_bits, big_endian):
        endian = "big" if big_endian else "little"
        problem = f"its Python headers are for a {pointer_bits}-bit {endian}-endian machine"
    if problem:
        raise UnsupportedTargetError(
            f'cannot build mode = "c-archive" for the target {target.tag} with this interpreter: '
            f"the cffi module is compiled against its headers, and {problem}\n\n"
            'Use mode = "c-shared" (no Python headers involved), or build on a machine of the target\'s '
            "kind with a CPython that has the GIL (e.g. with cibuildwheel)."
        )


def go_environment(
    target: Target, base: Mapping[str, str], zig: Sequence[str] | None
) -> dict[str, str]:
    """*base* with what ``go`` needs for *target*: GOOS/GOARCH, and zig as cgo's C compiler."""
    env = dict(base)
    env.update(GOOS=target.goos, GOARCH=target.goarch, **dict(target.goenv))
    if target.zig_target is not None:
        if zig is None:
            raise ValueError("a zig target needs the zig command")
        env["CC"] = shlex.join([*zig, "cc", "-target", target.zig_target])
        env["CXX"] = shlex.join([*zig, "c++", "-target", target.zig_target])
    if target.macos_min is not None:
        env["MACOSX_DEPLOYMENT_TARGET"] = _format(target.macos_min)
    return env


def go_link_environment(target: Target, env: Mapping[str, str], *, debug: bool) -> dict[str, str]:
    """*env* with the linker flags one extension's Go build needs with zig, in ``CGO_LDFLAGS``.

    Go asks the linker to strip (``-s``), which zig's ELF linker ignores: ``--strip-all`` it
    honours (not for ``debug`` extensions). A PE file records the link time unless ``-Brepro``.
    """
    flags = []
    if target.zig_target is not None and target.goos == "linux" and not debug:
        flags.append("-Wl,--strip-all")
    if target.zig_target is not None and target.goos == "windows":
        flags.append("-Wl,-Brepro")
    if not flags:
        return dict(env)
    existing = env.get("CGO_LDFLAGS", "")
    return {**env, "CGO_LDFLAGS": " ".join([*([existing] if existing else []), *flags])}


# A module needs to export only its init function. zig's linker has no --exclude-libs (which keeps
# the Go runtime's symbols private on gcc's side); a version script does that job, and more.
EXPORTS_VERSION_SCRIPT = "{ global: PyInit_*; local: *; };\n"
ZIG_REPLACED_LINK_ARGS = frozenset({"-Wl,--exclude-libs,ALL"})


def compiler_executables(
    target: Target,
    current: Mapping[str, Sequence[str]],
    zig: Sequence[str] | None,
    env: Mapping[str, str],
    version_script: str = "",
) -> dict[str, list[str]]:
    """setuptools' compiler commands (``compiler_so``, ``linker_so``, …) rewritten for *target*.

    With zig the commands are built from scratch: the host interpreter's own CFLAGS and LDSHARED
    (``-march``, ``-rpath`` into its prefix) have no place in a wheel for another platform. On
    macOS the interpreter's commands are kept and only ``-arch`` and the minimum macOS replaced.
    """
    if target.zig_target is not None:
        if zig is None:
            raise ValueError("a zig target needs the zig command")
        cc = [*zig, "cc", "-target", target.zig_target]
        cflags = [*shlex.split(env.get("CFLAGS", "")), *shlex.split(env.get("CPPFLAGS", ""))]
        compile_args = [*cc, "-O2", "-fPIC", "-DNDEBUG", *cflags]
        link_args = [*cc, "-shared", *shlex.split(env.get("LDFLAGS", ""))]
        if version_script:
            link_args.append(f"-Wl,--version-script,{version_script}")
        wanted = {
            "compiler": compile_args,
            "compiler_so": compile_args,
            "linker_so": link_args,
            "linker_so_cxx": link_args,
        }
        return {name: args for name, args in wanted.items() if name in current}
    if target.macos_min is not None:
        flags = [f"-mmacosx-version-min={_format(target.macos_min)}"]
        for goarch in target.goarchs:
            flags += ["-arch", GOARCH_TO_MACOS[goarch]]
        names = ("compiler", "compiler_so", "compiler_cxx", "linker_so", "linker_so_cxx")
        return {
            name: [*_without_arch_flags(current[name]), *flags]
            for name in names
            if current.get(name)
        }
    return {}


def extension_link_args(target: Target, args: Sequence[str]) -> list[str]:
    """An extension's ``extra_link_args`` without what zig's linker rejects (see above)."""
    if target.zig_target is None:
        return list(args)
    return [arg for arg in args if arg not in ZIG_REPLACED_LINK_ARGS]


def _without_arch_flags(command: Sequence[str]) -> list[str]:
    kept: list[str] = []
    skip = False
    for word in command:
        if skip:
            skip = False
        elif word == "-arch":
            skip = True
        elif not word.startswith("-mmacosx-version-min="):
            kept.append(word)
    return kept


def lipo_command(lipo: str, slices: Sequence[str], output: str) -> list[str]:
    """The command that joins per-architecture libraries into one universal2 file."""
    return [lipo, "-create", *slices, "-output", output]


def merge_wheel_platform(target: Target, default: str) -> str:
    """The wheel's platform: the target's; on macOS the newer of it and setuptools' own, which
    reads the minimum macOS of every binary in the wheel (a user's C extension may need more)."""
    ours = target.wheel_platform
    theirs = _MACOSX.fullmatch(default)
    if target.macos_min is None or theirs is None:
        return ours
    theirs_version = int(theirs["major"]), int(theirs["minor"])
    if theirs_version <= target.macos_min:
        return ours
    return macos_platform_tag(theirs_version, target.arch)
