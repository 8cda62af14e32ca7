"""End to end for the compiled wrappers of c-archive modules (issue 15): which functions are C,
and that every call they hand to their Python fallback behaves as the Python wrapper does.

The wrapper, safety and stress suites run against both modes unchanged, so they cover the C
functions' results, errors, panics, fork guard and threads too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import E2E_SCRIPTS, Venv, install_fixture

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, pip_env: dict[str, str]) -> Venv:
    base = tmp_path_factory.mktemp("compiled")
    return install_fixture(base, "bindings", "c-archive", pip_env)


def test_compiled_wrappers_behave_as_the_python_ones(installed: Venv, tmp_path: Path) -> None:
    result = installed.run_python(
        E2E_SCRIPTS / "check_compiled.py", "fixture_pkg._native", cwd=tmp_path
    )
    assert "compiled ok" in result.stdout


def test_c_shared_modules_keep_python_wrappers(
    tmp_path_factory: pytest.TempPathFactory, pip_env: dict[str, str], tmp_path: Path
) -> None:
    env = install_fixture(tmp_path_factory.mktemp("shared"), "bindings", "c-shared", pip_env)
    script = "import fixture_pkg._native as m; print(type(m.ParseInt).__name__, m.ParseInt('4'))"
    assert env.run_python("-c", script, cwd=tmp_path).stdout.split() == ["function", "4"]
