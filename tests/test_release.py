"""Releasing setuptools-golang-ext itself: one source for the version, a changelog entry for it,
and a release workflow that builds, checks and publishes with trusted publishing."""

from __future__ import annotations

import re
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest
from conftest import ROOT, run

from setuptools_golang_ext import __version__
from setuptools_golang_ext.frontends.config import tomllib

WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def test_the_version_has_one_source() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    dynamic = project["tool"]["setuptools"]["dynamic"]
    assert dynamic["version"] == {"attr": "setuptools_golang_ext.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_the_version_has_a_changelog_entry() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert re.search(rf"^## {re.escape(__version__)}\b", changelog, re.M)


def test_the_release_workflow_builds_checks_and_publishes() -> None:
    text = WORKFLOW.read_text()
    assert "release:\n    types: [published]" in text
    assert "python -m build --outdir dist" in text  # the sdist and the wheel
    assert "python -m twine check --strict dist/*" in text
    publish = text[text.index("  publish:") :]
    assert "if: github.event_name == 'release'" in publish
    assert "id-token: write" in publish  # trusted publishing, no token stored
    assert "url: https://pypi.org/p/setuptools-golang-ext" in publish
    assert "id-token" not in text[: text.index("  publish:")]
    for action in re.findall(r"uses: (\S+)", text):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action  # pinned by commit


def test_the_release_workflow_checks_the_tag_against_the_version() -> None:
    """Its shell step, run here on this checkout's files, finds the version the build uses."""
    script = re.search(r'version="\$\((sed .*)\)"$', WORKFLOW.read_text(), re.M)
    assert script is not None
    found = run(["sh", "-c", script.group(1)], cwd=ROOT).stdout.strip()
    assert found == __version__


@pytest.mark.e2e
def test_the_wheel_is_pure_and_passes_twine_check(wheelhouse: Path) -> None:
    [wheel] = wheelhouse.glob("setuptools_golang_ext-*.whl")
    assert wheel.name == f"setuptools_golang_ext-{__version__}-py3-none-any.whl"
    run([sys.executable, "-m", "twine", "check", "--strict", wheel])


def test_the_wheel_declares_every_package_and_template() -> None:
    """Every subpackage is listed, and every Go, C and template file the tool reads matches a
    package-data pattern: a file left out breaks every build from the wheel, not the tests
    run from the tree."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    source = ROOT / "setuptools_golang_ext"
    packages = {
        ".".join(path.parent.relative_to(ROOT).parts) for path in source.rglob("__init__.py")
    }
    assert packages <= set(setuptools["packages"])
    data, excluded = setuptools["package-data"], setuptools["exclude-package-data"]
    development_only = {source / "runtime" / "go" / "codec" / "go.mod"}  # for the codec's Go tests
    for path in sorted(source.rglob("*.*")):
        if path.suffix in (".py", ".pyc") or path in development_only:
            continue
        package = path.parent
        while not (package / "__init__.py").exists():
            package = package.parent
        name = ".".join(package.relative_to(ROOT).parts)
        relative = path.relative_to(package).as_posix()
        # fnmatch's `*` crosses `/`, as setuptools' globs with `**` do.
        if any(fnmatch(relative, pattern) for pattern in excluded.get(name, [])):
            continue
        assert any(fnmatch(relative, pattern) for pattern in data.get(name, [])), (name, relative)
