"""End to end for issue 19's defects of the binding core: two ordinary Go packages
(tests/data/gopkgs/core) bound as two modules of one distribution, in both modes.

``named`` has methods that need what functions get (buffer formats, named results, an
interface result) and Go names that are Python's (TypeError, ValueError, Exception, Buffer);
``lonely``'s whole API is one Go object type. ``named`` also has ``*big.Int`` parameters and
results (the conversion added as one file, conversions/bigint.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import E2E_SCRIPTS, Venv, distribution_project

pytestmark = pytest.mark.e2e

MODES = ["c-shared", "c-archive"]
TARGETS = {"named": "core_pkg._named", "lonely": "core_pkg._lonely"}

USER_CODE = """\
import core_pkg._lonely as lonely
import core_pkg._named as named

bounds: named.RangeBoundsResult = named.Range(0, 2).Bounds()
low: int = bounds.lo
buffer: named.Buffer_ = named.Fill(b"x")
data: bytes = buffer.Data
stepper: named.Stepper | None = named.Range(0, 1).Steps()
total: int = lonely.Tally().Add(1)
half: int | None = named.Half(named.Factorial(3) or 0)
"""


def core_project(base: Path, mode: str) -> Path:
    return distribution_project(base / "core-project", "core", TARGETS, mode)


@pytest.fixture(scope="module", params=MODES)
def installed(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    pip_env: dict[str, str],
) -> Venv:
    """The two modules installed (with mypy) into a fresh venv, once per mode (in c-archive,
    two ordinary packages in one distribution: defect 7)."""
    base = tmp_path_factory.mktemp(f"core-{request.param}")
    env = Venv.create(base / "venv")
    env.pip("install", "-q", core_project(base, request.param), "mypy", env=pip_env)
    return env


def test_members_and_names_behave(installed: Venv, tmp_path: Path) -> None:
    result = installed.run_python(E2E_SCRIPTS / "check_core.py", cwd=tmp_path)
    assert "core ok" in result.stdout
    assert result.stderr == ""


def test_stubs_type_check_and_match_the_modules(installed: Venv, tmp_path: Path) -> None:
    # The stubs themselves first (a class that redefines an import is an error there).
    modules = [arg for target in TARGETS.values() for arg in ("-m", target)]
    installed.run_python("-m", "mypy", "--strict", *modules, cwd=tmp_path)
    code = tmp_path / "user.py"
    code.write_text(USER_CODE)
    installed.run_python("-m", "mypy", "--strict", code, cwd=tmp_path)
    installed.run_python(
        "-m", "mypy.stubtest", *TARGETS.values(), "core_pkg._go_runtime", cwd=tmp_path
    )
