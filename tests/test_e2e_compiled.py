"""End to end for the compiled wrappers of c-archive modules (issue 15): which functions are C,
and that every call they hand to their Python fallback behaves as the Python wrapper does.

The wrapper, safety and stress suites run against both modes unchanged, so they cover the C
functions' results, errors, panics, fork guard and threads too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import (
    E2E_SCRIPTS,
    InstalledFixture,
    Venv,
    make_project,
    run,
    wheel_files,
)
from test_e2e_pythons import NEWEST, OLDEST, venv_with_pip

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def installed(installed_fixture: InstalledFixture) -> Venv:
    return installed_fixture("bindings", "c-archive")


def test_compiled_wrappers_behave_as_the_python_ones(installed: Venv, tmp_path: Path) -> None:
    result = installed.run_python(
        E2E_SCRIPTS / "check_compiled.py", "fixture_pkg._native", cwd=tmp_path
    )
    assert "compiled ok" in result.stdout


def test_c_shared_modules_keep_python_wrappers(
    installed_fixture: InstalledFixture, tmp_path: Path
) -> None:
    env = installed_fixture("bindings", "c-shared")
    script = "import fixture_pkg._native as m; print(type(m.ParseInt).__name__, m.ParseInt('4'))"
    assert env.run_python("-c", script, cwd=tmp_path).stdout.split() == ["function", "4"]


def test_methods_of_go_objects_are_compiled(
    installed_fixture: InstalledFixture, tmp_path: Path
) -> None:
    """Counter.Add and the objects fixture's other methods of direct ways are C methods that
    behave as the Python ones: errors, closed objects, panics, a forked child, introspection."""
    env = installed_fixture("objects", "c-archive")
    script = E2E_SCRIPTS / "check_compiled.py"
    result = env.run_python(script, "fixture_pkg._native", "methods", cwd=tmp_path)
    assert "compiled methods ok" in result.stdout


PLAIN_CHECK = """
import fixture_pkg._native as m

compiled = {n for n in m.__all__ if type(getattr(m, n)).__name__ == "compiled_function"}
direct = {"Add", "Half", "Hello", "Not", "Nothing", "Small", "Boom", "Words"}
assert compiled >= direct and "Count" not in compiled, compiled
assert m.Add(2, 3) == 5 and m.Add(a=2, b=3) == 5 and m.Half(3.0) == 1.5 and m.Half(3) == 1.5
assert m.Not(True) is False and m.Not(0) is True and m.Nothing() is None
assert m.Hello() == "h\\u00e9llo" and m.Small(255) == 255 and m.Words(b"a b") == 2
for call in (lambda: m.Small(256), lambda: m.Small(-1), lambda: m.Add("1", 2)):
    try:
        call()
    except (OverflowError, TypeError) as error:
        print(type(error).__name__, error)
try:
    m.Words("  ")
except m.ErrEmpty as error:
    print("ErrEmpty", error)
try:
    m.Boom("bang")
except m.GoPanic as panic:
    print("GoPanic", panic.value, panic.function)
"""


def test_plain_functions_of_the_direct_ways_are_compiled(
    installed_fixture: InstalledFixture, tmp_path: Path
) -> None:
    env = installed_fixture("plain", "c-archive")
    printed = env.run_python("-c", PLAIN_CHECK, cwd=tmp_path).stdout.splitlines()
    assert printed[0].startswith("OverflowError") and printed[1].startswith("OverflowError")
    assert printed[2].startswith("TypeError")
    assert printed[3:] == ['ErrEmpty words of "  ": empty text', "GoPanic bang Boom"]


@pytest.mark.skipif(OLDEST is None or NEWEST is None, reason="needs Python 3.9 and 3.12+")
@pytest.mark.parametrize(("fixture", "check"), [("bindings", ()), ("objects", ("methods",))])
def test_one_abi3_wheel_compiles_calls_on_old_and_new_pythons(
    tmp_path: Path, pip_env: dict[str, str], fixture: str, check: tuple[str, ...]
) -> None:
    """The C functions use vectorcall through PyType_FromSpec (stable ABI from 3.12) in a
    cp39-abi3 module, the C methods the method descriptor flag too: the same wheel's C
    functions and methods work on 3.9 and on the newest Python."""
    project = make_project(tmp_path, fixture, mode="c-archive")
    wheel_command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q"]
    run([*wheel_command, "-w", tmp_path / "dist", project.root], env=pip_env)
    (wheel,) = wheel_files(tmp_path / "dist")
    assert "-cp39-abi3-" in wheel.name
    for interpreter in (OLDEST, NEWEST):
        assert interpreter is not None
        python = venv_with_pip(interpreter, tmp_path / interpreter.name)
        run([python, "-m", "pip", "install", "-q", wheel], env=pip_env)
        script = E2E_SCRIPTS / "check_compiled.py"
        result = run([python, script, project.target, *check], cwd=tmp_path)
        assert ("compiled methods ok" if check else "compiled ok") in result.stdout
