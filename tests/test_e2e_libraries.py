"""Ten well-known Go libraries bound with no Go written (issue 21): one distribution with a
module per library (``package =``), built once, its calls compared one by one with the same
calls run natively in Go (tests/libraries.py has the harness, benchmarks/libraries.py prints
the table).

The floors are what the tool achieves today: raise them as features land. Every difference
between Go and Python must be one of KNOWN_DIFFERENCES, each a defect of the tool named there,
and each must still occur (a fixed one is taken off the list).
"""

from __future__ import annotations

import json
from pathlib import Path

import libraries
import pytest
from conftest import Venv, go_available, wheel_files

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not go_available(), reason="the libraries are Go"),
    # One worker builds the ten libraries once for the tests that share them (--dist loadgroup).
    pytest.mark.xdist_group("libraries"),
]

# (library, calls, text in Python's result): a difference of one of those calls whose Python
# result holds the text is explained by the defect named.
KNOWN_DIFFERENCES: dict[tuple[str, tuple[str, ...], str], str] = {}

# Calls compared (made from Python and Go alike) today, at least, per library.
COMPARED_FLOOR = {
    "decimal": 3697,
    "diffmatchpatch": 405,
    "expr": 251,
    "gjson": 4163,
    "gojq": 3751,
    "humanize": 361,
    "semver": 5339,
    "slug": 125,
    "toml": 56,
    "validator": 58,
}

# Exported functions and methods bound today (of go doc's count), at least, per library.
BOUND_FLOOR = {
    "decimal": 110,
    "diffmatchpatch": 36,
    "expr": 25,
    "gjson": 36,
    "gojq": 54,
    "humanize": 27,
    "semver": 37,
    "slug": 5,
    "toml": 23,
    "validator": 65,
}

# mypy --strict errors today, at most, on code using each library as its Go documentation shows
# (tests/e2e/libraries/usage): issue 21 wants none.
MYPY_CEILING = {
    "decimal": 0,
    "diffmatchpatch": 0,
    "expr": 0,
    "gjson": 0,
    "gojq": 0,
    "humanize": 0,
    "semver": 0,
    "slug": 0,
    "toml": 0,
    "validator": 0,
}

# The small check in the other mode: the three libraries that each export a New.
SHARED_CHECK = ("decimal", "diffmatchpatch", "semver")


class Built:
    def __init__(self, root: Path, runtime: Venv, output: str) -> None:
        self.root, self.runtime, self.output = root, runtime, output

    @property
    def module(self) -> Path:
        return self.root / "project" / "go"


def build(
    root: Path, mode: str, builder: Venv, env: dict[str, str], names: tuple[str, ...]
) -> Built:
    project = libraries.write_project(root / "project", mode, names)
    result = builder.pip(
        "wheel", "-v", "--no-deps", "--no-build-isolation", "-w", root / "out", project, env=env
    )
    runtime = Venv.create(root / "runtime")
    [wheel] = wheel_files(root / "out")
    runtime.pip("install", "-q", wheel, env=env)
    return Built(root, runtime, result.stdout + result.stderr)


@pytest.fixture(scope="module")
def archive(
    tmp_path_factory: pytest.TempPathFactory, builder_venv: Venv, pip_env: dict[str, str]
) -> Built:
    """All ten libraries, c-archive, installed into a fresh venv."""
    root = tmp_path_factory.mktemp("libraries-archive")
    return build(root, "c-archive", builder_venv, pip_env, tuple(libraries.LIBRARIES))


@pytest.fixture(scope="module")
def comparisons(archive: Built) -> dict[str, libraries.Comparison]:
    go = libraries.native_results(archive.module, archive.root)
    python = libraries.python_results(archive.runtime.python, archive.root)
    return {name: libraries.compare(go[name], python[name]) for name in libraries.LIBRARIES}


def unexplained(library: str, comparison: libraries.Comparison) -> dict[str, object]:
    """The differences of *library* that no known defect explains."""
    out: dict[str, object] = {}
    for key, (go, python) in comparison.differ.items():
        text = json.dumps(python, ensure_ascii=False)
        call = libraries.call_name(key)
        if not any(
            library == lib and call in calls and marker in text
            for lib, calls, marker in KNOWN_DIFFERENCES
        ):
            out[key] = {"go": go, "python": python}
    return out


def test_every_call_gives_what_go_gives(comparisons: dict[str, libraries.Comparison]) -> None:
    for library, comparison in comparisons.items():
        assert unexplained(library, comparison) == {}, library
    for library, calls, marker in KNOWN_DIFFERENCES:
        texts = [
            json.dumps(python, ensure_ascii=False)
            for key, (_, python) in comparisons[library].differ.items()
            if libraries.call_name(key) in calls
        ]
        assert any(marker in text for text in texts), (
            f"{library} {calls} ({marker!r}) no longer differs: take it off KNOWN_DIFFERENCES"
        )


def test_as_many_calls_are_compared_as_before(
    comparisons: dict[str, libraries.Comparison],
) -> None:
    compared = {name: comparison.compared for name, comparison in comparisons.items()}
    assert {n: c for n, c in compared.items() if c < COMPARED_FLOOR[n]} == {}
    assert sum(compared.values()) >= 17000


def test_as_much_of_each_library_is_bound_as_before(
    archive: Built, comparisons: dict[str, libraries.Comparison]
) -> None:
    names = {
        name: libraries.go_names(archive.module, path) for name, path in libraries.LIBRARIES.items()
    }
    bound = libraries.bound_names(archive.runtime.python, archive.root, names)
    counts = {name: len(found) for name, found in bound.items()}
    assert {n: c for n, c in counts.items() if c < BOUND_FLOOR[n]} == {}
    reasons = libraries.skip_reasons(archive.output)
    rows = libraries.rows(names, bound, reasons, comparisons)
    # Every exported function and method that is not bound is named by a build warning.
    unreported = {row.library: row.skipped for row in rows if row.unreported}
    assert unreported == {}
    # Every library is bound whole: the build reports nothing skipped.
    assert {name: found for name, found in reasons.items() if found} == {}
    assert "Function" in bound["expr"]  # a variadic callback returning an error
    assert "Compile" in bound["expr"] and "New" in bound["validator"]  # options: opaque values
    assert "Constraints.Validate" in bound["semver"]  # (bool, []error): errors inside results
    assert "HaltError.ExitCode" in bound["gojq"] and "Decoder.Decode" in bound["toml"]


def test_the_stubs_type_check_code_written_as_the_go_documentation_shows(
    archive: Built, pip_env: dict[str, str]
) -> None:
    archive.runtime.pip("install", "-q", "mypy", env=pip_env)
    errors = libraries.mypy_errors(archive.runtime.python, archive.root)
    over = {n: found for n, found in errors.items() if len(found) > MYPY_CEILING[n]}
    assert over == {}


@pytest.mark.parametrize("mode", ["c-shared"])
def test_the_other_mode_gives_the_same_calls(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str], mode: str
) -> None:
    """Three libraries that each export a New (their shims' C names must differ), c-shared."""
    built = build(tmp_path, mode, builder_venv, pip_env, SHARED_CHECK)
    go = libraries.native_results(built.module, tmp_path)
    python = libraries.python_results(built.runtime.python, tmp_path, SHARED_CHECK)
    for name in SHARED_CHECK:
        comparison = libraries.compare(go[name], python[name])
        assert comparison.differ == {}, name
        assert comparison.compared >= COMPARED_FLOOR[name], name
