"""End to end for the generated wrappers: conventions, zero copy, memory, stubs, mypy, stubtest."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import E2E_SCRIPTS, GOPKGS, InstalledFixture, Venv, go_exports, run

pytestmark = pytest.mark.e2e

MODES = ["c-shared", "c-archive"]
MEMORY_BUDGET = 5 * 2**20

USER_CODE = """\
from array import array

from fixture_pkg._native import (
    DescribeResult,
    GoError,
    GoPanic,
    MinMax,
    ParseInt,
    Split,
    Upper,
    interruptible,
)

value: int = ParseInt("1")
later: int = interruptible(ParseInt, "2")
head: str = Split("a=b", "=").head
pair: tuple[int, int] = MinMax(array("i", [1, 2]))
described: DescribeResult
try:
    text: str = Upper(b"x")
except GoError as error:
    print(error)
except GoPanic as panic:
    print(panic.value, panic.go_type, panic.go_stack)
"""

WRONG_CODE = """\
from fixture_pkg._native import ParseInt, interruptible

value: str = ParseInt(1)
other: int = interruptible(ParseInt, 1)
"""


@pytest.fixture(scope="module", params=MODES)
def installed(
    request: pytest.FixtureRequest,
    installed_fixture: InstalledFixture,
) -> Venv:
    """The bindings fixture installed (with mypy) into a fresh venv, once per mode."""
    return installed_fixture("bindings", request.param)


def test_wrappers_follow_the_conventions(installed: Venv, tmp_path: Path) -> None:
    result = installed.run_python(
        E2E_SCRIPTS / "check_bindings.py", "fixture_pkg._native", cwd=tmp_path
    )
    assert "bindings ok" in result.stdout


def test_a_million_string_results_leave_memory_flat(installed: Venv, tmp_path: Path) -> None:
    result = installed.run_python(
        E2E_SCRIPTS / "check_memory.py", "fixture_pkg._native", "1000000", cwd=tmp_path
    )
    assert int(result.stdout) < MEMORY_BUDGET


def test_stubs_type_check_and_match_the_module(installed: Venv, tmp_path: Path) -> None:
    site = Path(
        installed.run_python(
            "-c", "import fixture_pkg; print(fixture_pkg.__path__[0])", cwd=tmp_path
        ).stdout.strip()
    )
    assert (site / "_native.pyi").is_file() and (site / "py.typed").is_file()

    good, wrong = tmp_path / "good.py", tmp_path / "wrong.py"
    good.write_text(USER_CODE)
    wrong.write_text(WRONG_CODE)
    installed.run_python("-m", "mypy", "--strict", good, cwd=tmp_path)
    rejected = run([installed.python, "-m", "mypy", "--strict", wrong], cwd=tmp_path, check=False)
    assert rejected.returncode == 1
    assert 'Argument 1 to "ParseInt" has incompatible type "int"' in rejected.stdout
    assert 'expression has type "int", variable has type "str"' in rejected.stdout
    assert 'Argument 2 to "interruptible" has incompatible type "int"' in rejected.stdout

    installed.run_python(
        "-m", "mypy.stubtest", "fixture_pkg._native", "fixture_pkg._go_runtime", cwd=tmp_path
    )


def test_signatures_and_docstrings_come_from_go(installed: Venv, tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import inspect
        import fixture_pkg._native as m
        for name in m.__all__:
            function = getattr(m, name)
            if inspect.isfunction(function):
                print(name, list(inspect.signature(function).parameters), repr(function.__doc__))
        """
    )
    printed = installed.run_python("-c", script, cwd=tmp_path).stdout
    for name in go_exports(GOPKGS / "bindings"):  # at least one
        assert f"\n{name} " in "\n" + printed
    source = (GOPKGS / "bindings" / "bindings.go").read_text()
    doc_line = next(line for line in source.splitlines() if line.startswith("// ParseInt "))
    assert doc_line.removeprefix("// ") in printed
