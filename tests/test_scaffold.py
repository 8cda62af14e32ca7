"""``python -m setuptools_golang_ext new``: names, files, determinism, and that what it writes
is what this repository holds itself to (pinned actions, formatted Go, valid configuration).
The projects are built and tested end to end in test_e2e_developer_loop.py."""

from __future__ import annotations

import ast
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, assert_same_bytes, generated_in_fresh_interpreters, run

from setuptools_golang_ext import __version__
from setuptools_golang_ext.errors import ConfigError
from setuptools_golang_ext.frontends import config, scaffold
from setuptools_golang_ext.frontends.config import tomllib

COMBINATIONS = [(style, mode) for style in scaffold.STYLES for mode in scaffold.MODES]


def render(style: str, mode: str, name: str = "my-package") -> dict[str, str]:
    return scaffold.render(style, scaffold.template_values(name, style=style, mode=mode))


def rendered_projects() -> dict[str, str]:
    """Every file of every style and mode, for the determinism test (run in fresh interpreters)."""
    return {
        f"{style}/{mode}/{path}": text
        for style, mode in COMBINATIONS
        for path, text in render(style, mode).items()
    }


def test_the_same_arguments_give_the_same_bytes() -> None:
    assert_same_bytes(*generated_in_fresh_interpreters("test_scaffold", "rendered_projects"))


@pytest.mark.parametrize("style", scaffold.STYLES)
def test_the_files_of_a_project(style: str) -> None:
    go_file = "native.go" if style == "plain" else "main.go"
    assert list(render(style, "c-shared")) == sorted(
        [
            ".github/workflows/ci.yml",
            ".github/workflows/wheels.yml",
            ".gitignore",
            "README.md",
            "go/go.mod",
            f"go/native/{go_file}",
            f"go/native/{go_file.replace('.go', '_test.go')}",
            "my_package/__init__.py",
            "my_package/py.typed",
            "pyproject.toml",
            "tests/test_native.py",
        ]
    )


@pytest.mark.parametrize(("style", "mode"), COMBINATIONS)
def test_no_placeholder_is_left(style: str, mode: str) -> None:
    for path, text in render(style, mode).items():
        assert not re.search(r"@[A-Z_]+@", path + text), path


@pytest.mark.parametrize(("style", "mode"), COMBINATIONS)
def test_the_pyproject_declares_the_extension(style: str, mode: str) -> None:
    text = render(style, mode)["pyproject.toml"]
    document = tomllib.loads(text)
    assert document["project"]["name"] == "my-package"
    assert document["build-system"]["build-backend"] == "setuptools_golang_ext.build_meta"
    assert f"setuptools-golang-ext>={__version__},<0.2" in document["build-system"]["requires"]
    [extension] = config.extensions_from_pyproject(document, "pyproject.toml")
    assert (extension.target, extension.path, extension.mode) == (
        "my_package._native",
        "go/native",
        mode,
    )
    example = tomllib.loads((ROOT / "example_pkg" / "pyproject.toml").read_text())
    assert document["tool"]["cibuildwheel"] == example["tool"]["cibuildwheel"]


def uses(workflow: str) -> set[str]:
    return set(re.findall(r"uses: (\S+@\S+) # (\S+)", workflow))


def test_the_workflows_pin_the_actions_this_repository_pins() -> None:
    ours = uses(
        "".join(path.read_text() for path in (ROOT / ".github" / "workflows").glob("*.yml"))
    )
    files = render("plain", "c-shared")
    for name in (".github/workflows/ci.yml", ".github/workflows/wheels.yml"):
        pinned = uses(files[name])
        assert pinned, name
        assert pinned <= ours, f"{name} pins actions (or versions) this repository does not"
    wheels = files[".github/workflows/wheels.yml"]
    assert "url: https://pypi.org/p/my-package" in wheels
    assert "id-token: write" in wheels


@pytest.mark.parametrize(("style", "mode"), COMBINATIONS)
def test_the_python_files_parse_and_are_clean(style: str, mode: str, tmp_path: Path) -> None:
    project = scaffold.create(tmp_path, "my-package", style=style, mode=mode)
    for path in project.rglob("*.py"):
        ast.parse(path.read_text(), str(path))
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    if ruff is not None:
        rules = ["--select", "E,F,W,I,UP,B,RUF"]
        run([ruff, "check", "--no-cache", "--isolated", *rules, "."], cwd=project)
        run([ruff, "format", "--no-cache", "--isolated", "--check", "."], cwd=project)


@pytest.mark.skipif(shutil.which("gofmt") is None, reason="needs gofmt")
@pytest.mark.parametrize("style", scaffold.STYLES)
def test_the_go_files_are_formatted(style: str, tmp_path: Path) -> None:
    project = scaffold.create(tmp_path, "my-package", style=style, mode="c-shared")
    assert run(["gofmt", "-l", project / "go"]).stdout == ""


def test_names_map_to_packages_and_go_modules() -> None:
    assert scaffold.package_name("My.Package_2") == "my_package_2"
    values = scaffold.template_values("My.Package_2", style="cgo", mode="c-archive")
    assert values["GO_MODULE"] == "example.com/my-package-2"
    assert values["DIST"] == "My.Package_2"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("-x", "'-x' is not a valid distribution name"),
        ("a b", "'a b' is not a valid distribution name"),
        ("x-", "'x-' is not a valid distribution name"),
        ("1up", "which is not a Python identifier (it must not start with a digit)"),
        ("class", "which is a Python keyword"),
        ("json", "which is a module of Python's standard library"),
        ("tests", "which the build or the project needs for something else"),
        ("setuptools-golang-ext", "which the build or the project needs for something else"),
    ],
)
def test_invalid_names_are_refused(name: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(problem)):
        scaffold.package_name(name)


def test_an_existing_directory_is_never_written_into(tmp_path: Path) -> None:
    (tmp_path / "my-package").mkdir()
    with pytest.raises(ConfigError) as raised:
        scaffold.create(tmp_path, "my-package", style="plain", mode="c-shared")
    assert str(raised.value) == (
        f"{tmp_path / 'my-package'} exists already: `new` never writes into an existing "
        "directory\n\nChoose another name, or move the existing one away."
    )
    assert list((tmp_path / "my-package").iterdir()) == []


def test_new_projects_are_c_archive_unless_asked(tmp_path: Path) -> None:
    """c-archive calls cost a third of c-shared's (README, "Which mode")."""
    command = [sys.executable, "-m", "setuptools_golang_ext", "new"]
    result = run([*command, "fast-package"], cwd=tmp_path)
    assert "bound as fast_package._native (c-archive)" in result.stdout
    assert 'mode = "c-archive"' in (tmp_path / "fast-package" / "pyproject.toml").read_text()


def test_the_command(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "setuptools_golang_ext", "new"]
    result = run([*command, "my-package", "--style", "cgo", "--mode", "c-archive"], cwd=tmp_path)
    assert result.stdout == (
        "created my-package/: cgo Go in go/native, bound as my_package._native (c-archive)\n"
        "\n"
        "next, in a virtual environment:\n"
        "\n"
        "  cd my-package\n"
        "  pip install -e '.[test]'   # builds the Go code in place\n"
        "  pytest                     # the Python tests; cd go && go test ./... for Go's\n"
    )
    written = {
        path.relative_to(tmp_path / "my-package").as_posix(): path.read_text()
        for path in (tmp_path / "my-package").rglob("*")
        if path.is_file()
    }
    assert written == render("cgo", "c-archive")
    again = run([*command, "my-package"], cwd=tmp_path, check=False)
    assert again.returncode == 2
    assert again.stderr.startswith(f"error: {tmp_path / 'my-package'} exists already")
    bad = run([*command, "json"], cwd=tmp_path, check=False)
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr == (
        "error: 'json' cannot be a project here: its Python package would be 'json', which is a "
        "module of Python's standard library\n\nChoose another name.\n"
    )
    assert not (tmp_path / "json").exists()
