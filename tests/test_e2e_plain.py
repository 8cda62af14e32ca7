"""End to end for ordinary Go packages bound without cgo: every type of the table in both modes,
a third-party package through ``package =``, what is skipped, strict, exclude, stubs, memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest
from conftest import (
    E2E_SCRIPTS,
    GOPKGS,
    InstalledFixture,
    Venv,
    failed_build,
    make_project,
    run,
    wheel_files,
)

pytestmark = pytest.mark.e2e

MODES = ["c-shared", "c-archive"]
MEMORY_BUDGET = 8 * 2**20

USER_CODE = """\
from datetime import datetime

from fixture_pkg._native import Count, DivMod, ErrEmpty, Generic_int, GoError, Stats, Texts, Tokens

stats: Stats = Count("a b", 1)
words: int = stats.Words
top: list[str] = stats.Top
at: datetime = stats.At
tokens: list[str] = Tokens("x y")
quotient: int = DivMod(7, 2).quotient
made = Stats(Words=1, Top=["a"])
seven: int = Generic_int(7)
texts: list[str] = Texts(["a"])
try:
    Count("", 1)
except ErrEmpty as empty:
    print(empty.go_type)
except GoError as error:
    print(error.go_type)
"""

WRONG_CODE = """\
from fixture_pkg._native import Count, Stats

stats: str = Count("a b", 1)
other = Count(1, 1)
made = Stats(Words="many")
"""


@pytest.fixture(scope="module", params=MODES)
def installed(
    request: pytest.FixtureRequest,
    installed_fixture: InstalledFixture,
) -> Venv:
    """The plain fixture installed (with mypy and hypothesis) into a fresh venv, once per mode."""
    return installed_fixture("plain", request.param)


def test_every_type_crosses_both_ways(installed: Venv, tmp_path: Path) -> None:
    result = installed.run_python(
        E2E_SCRIPTS / "check_plain.py", "fixture_pkg._native", cwd=tmp_path
    )
    assert "plain ok" in result.stdout


def test_importing_the_module_leaves_pickle_for_later(installed: Venv, tmp_path: Path) -> None:
    """pickle (with re, enum...) was half of the import: it is imported at its first use."""
    script = (
        "import sys, fixture_pkg._native as m\n"
        "print('pickle' in sys.modules)\n"
        "print(m.Echo({'k': [1]}), 'pickle' in sys.modules)\n"
    )
    printed = installed.run_python("-c", script, cwd=tmp_path).stdout.split("\n")
    assert printed[:2] == ["False", "{'k': [1]} True"], printed


def test_importing_the_module_leaves_array_and_datetime_py_for_later(
    installed: Venv, tmp_path: Path
) -> None:
    """array (with collections.abc), functools and datetime.py were half of what was left of the
    import (issue 22): array is imported at the first array, datetime's classes come from its C
    module, partial and ref from functools' and weakref's."""
    script = (
        "import sys, fixture_pkg._native as m\n"
        "print(sorted({'array', 'datetime', 'functools', 'weakref'} & set(sys.modules)))\n"
        "print(m.Range(3), 'array' in sys.modules)\n"
        "print(m.Duration(1500), 'datetime' in sys.modules)\n"
    )
    printed = installed.run_python("-c", script, cwd=tmp_path).stdout.split("\n")
    assert printed[:3] == ["[]", "array('d', [0.0, 1.0, 2.0]) True", "0:00:00.000001 False"], (
        printed
    )


def test_values_cross_without_loss_or_corruption(installed: Venv, tmp_path: Path) -> None:
    """Go never writes immutable bytes nor keeps Python memory; invalid UTF-8, surrogates,
    float32 overflow, shared references, timeouts, other mappings and sequences (check_values)."""
    result = installed.run_python(
        E2E_SCRIPTS / "check_values.py", "fixture_pkg._native", cwd=tmp_path
    )
    assert "values ok" in result.stdout


def test_random_nested_values_round_trip_through_go(installed: Venv, tmp_path: Path) -> None:
    """Property test (hypothesis, check_roundtrip.py): 300 random nested values of None, bool,
    int64, float (nan, inf, -0.0), text (surrogateescape too), bytes, timedelta, lists, tuples
    and dicts go through Go's ``Echo(value any) any`` and come back equal."""
    result = installed.run_python(
        E2E_SCRIPTS / "check_roundtrip.py", "fixture_pkg._native", "300", cwd=tmp_path
    )
    assert "roundtrip ok" in result.stdout


def test_structs_of_fixed_shape_cross_as_c_values(installed: Venv, tmp_path: Path) -> None:
    """Structs whose fields are numbers and bools cross without a pickle where C converts them
    (an instance of exactly the class: the compiled wrapper in c-archive) and as the pickle
    otherwise (a mapping, a subclass, values the codec refuses): the same values (NaN, -0.0,
    inf, every integer's limits) and the same errors either way (check_fields.py, 300 random
    structs of every field kind). A slice of numbers or bytes as the result crosses as its
    memory: the same arrays and bytes as pickled ones, bit for bit, nil and empty alike."""
    result = installed.run_python(
        E2E_SCRIPTS / "check_fields.py", "fixture_pkg._native", "300", cwd=tmp_path
    )
    assert "fields ok" in result.stdout


@pytest.mark.skipif(
    os.environ.get("SETUPTOOLS_GOLANG_EXT_TESTS_BIG_MEMORY") != "1",
    reason="needs ~7 GiB of memory: set SETUPTOOLS_GOLANG_EXT_TESTS_BIG_MEMORY=1",
)
def test_values_above_2_gib_cross_whole(installed: Venv, tmp_path: Path) -> None:
    result = installed.run_python(E2E_SCRIPTS / "check_big.py", "fixture_pkg._native", cwd=tmp_path)
    assert "big ok" in result.stdout


def test_stubs_type_check_and_match_the_module(installed: Venv, tmp_path: Path) -> None:
    good, wrong = tmp_path / "good.py", tmp_path / "wrong.py"
    good.write_text(USER_CODE)
    wrong.write_text(WRONG_CODE)
    installed.run_python("-m", "mypy", "--strict", good, cwd=tmp_path)
    rejected = run([installed.python, "-m", "mypy", "--strict", wrong], cwd=tmp_path, check=False)
    assert rejected.returncode == 1, rejected.stdout
    assert 'expression has type "Stats", variable has type "str"' in rejected.stdout
    assert 'Argument 1 to "Count" has incompatible type "int"' in rejected.stdout
    assert 'Argument "Words" to "Stats" has incompatible type "str"' in rejected.stdout
    installed.run_python(
        "-m", "mypy.stubtest", "fixture_pkg._native", "fixture_pkg._go_runtime", cwd=tmp_path
    )


def test_a_million_calls_returning_maps_and_strings_leave_memory_flat(
    installed: Venv, tmp_path: Path
) -> None:
    script = textwrap.dedent(
        """
        import resource, sys
        from fixture_pkg._native import Count, Hello, Squares
        def rss():
            with open("/proc/self/statm") as f:
                return int(f.read().split()[1]) * resource.getpagesize()
        for _ in range(20000):
            Count("a b a", 1); Hello(); Squares(3)
        before = rss()
        for _ in range(int(sys.argv[1])):
            Count("a b a", 1); Hello(); Squares(3)
        print(rss() - before)
        """
    )
    result = installed.run_python("-c", script, "333334", cwd=tmp_path)
    assert int(result.stdout) < MEMORY_BUDGET


def test_the_build_warns_of_each_function_it_skips(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]
) -> None:
    project = make_project(tmp_path, "plain")
    result = builder_venv.pip(
        "wheel",
        "-v",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        tmp_path / "out",
        project.root,
        env=pip_env,
    )
    output = result.stdout + result.stderr
    expected = {
        "Channel": "parameter c: chan int is bound only as the only result",
        "Callback": "parameter f: func() (int, int): a callback returns one value or none, and then maybe an error",
        "Generic": 'generic functions cannot be called from C: name their instantiations in `instantiate` (e.g. "Generic[int]", a type argument per type parameter)',
        "Point.Feeder": "result: chan<- int32 (send-only channel) has no Python equivalent",
        "Celsius.Warm": "a method of *Celsius changes a copy (Celsius crosses as a value)",
        "Meter": "field Feed: chan<- int (send-only channel) has no Python equivalent",
    }
    for name, reason in expected.items():
        assert f"Go extension fixture_pkg._native: {name} is not bound: {reason}" in output


def test_strict_refuses_what_cannot_be_bound_and_exclude_leaves_it_out(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]
) -> None:
    strict = make_project(tmp_path / "strict", "plain")
    _set_table(strict.root, "strict = true\n")
    output = failed_build(builder_venv, strict.root, tmp_path / "out-strict", pip_env)
    assert "strict = true, and these exported names of example.com/plain cannot be bound" in output
    assert "Channel: parameter c: chan int" in output

    excluded = make_project(tmp_path / "exclude", "plain")
    names = ["Channel", "Callback", "Generic", "Boom", "Point.Feeder", "Meter.Feed"]
    names.append("Celsius.Warm")  # methods and fields too: strict can always be met
    _set_table(excluded.root, f"strict = true\nexclude = {json.dumps(names)}\n")
    out = tmp_path / "out-exclude"
    builder_venv.pip(
        "wheel", "--no-deps", "--no-build-isolation", "-w", out, excluded.root, env=pip_env
    )
    [wheel] = wheel_files(out)
    target = Venv(tmp_path / "venv")
    venv.EnvBuilder(with_pip=False).create(target.path)
    target.pip("install", "-q", wheel, env=pip_env)
    check = (
        "import fixture_pkg._native as m; print(hasattr(m, 'Boom'), m.Add(1, 2), "
        "m.Read(m.Meter(Value=3)), hasattr(m.Meter(), 'Feed'), hasattr(m.Point(), 'Feeder'))"
    )
    printed = target.run_python("-c", check, cwd=tmp_path).stdout.split()
    assert printed == ["False", "3", "3", "False", "False"]

    unknown = make_project(tmp_path / "unknown", "plain")
    _set_table(unknown.root, 'exclude = ["Nope"]\n')
    output = failed_build(builder_venv, unknown.root, tmp_path / "out-unknown", pip_env)
    assert "`exclude` names Nope, which the Go package example.com/plain does not export" in output


@pytest.mark.parametrize("mode", MODES)
def test_a_third_party_package_is_bound_with_no_go_written(
    tmp_path: Path, pip_env: dict[str, str], mode: str
) -> None:
    project = make_project(tmp_path, "thirdparty", mode=mode)
    _set_table(project.root, 'package = "github.com/google/uuid"\n')
    target = Venv(tmp_path / "venv")
    venv.EnvBuilder(with_pip=False).create(target.path)
    target.pip("install", "-q", project.root, env=pip_env)
    script = textwrap.dedent(
        """
        import uuid
        import fixture_pkg._native as m
        text = m.NewString()
        assert uuid.UUID(text).version == 4, text
        parsed = m.Parse(text)
        assert parsed == uuid.UUID(text).bytes, (parsed, text)
        try:
            m.Parse("not a uuid")
        except m.GoError as error:
            assert "invalid UUID length" in str(error), error
        else:
            raise AssertionError("Parse did not raise")
        assert m.Validate(text) is None
        space = uuid.NAMESPACE_DNS
        assert m.NewSHA1(space.bytes, b"python.org") == uuid.uuid5(space, "python.org").bytes
        print("uuid ok")
        """
    )
    assert "uuid ok" in target.run_python("-c", script, cwd=tmp_path).stdout


def _set_table(root: Path, lines: str) -> None:
    """Add *lines* to the project's extension table (the last table of its pyproject.toml)."""
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + lines)


def test_the_api_command_prints_the_stub_and_what_is_skipped(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "setuptools_golang_ext", "api", GOPKGS / "plain", "--target", "p.m"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "def Count(text: str | bytes, top: int) -> Stats:" in result.stdout
    assert "class Stats(_GoStruct):" in result.stdout
    assert (
        "# not bound: Channel: parameter c: chan int is bound only as the only result"
        in result.stdout
    )


def test_a_package_the_module_cannot_import_fails_with_gos_advice(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]
) -> None:
    project = make_project(tmp_path, "thirdparty")
    _set_table(project.root, 'package = "github.com/nope/nope"\n')
    output = failed_build(builder_venv, project.root, tmp_path / "out", pip_env)
    assert "no required module provides package github.com/nope/nope" in output
    assert "go get github.com/nope/nope" in output


def test_a_package_with_nothing_to_bind_fails(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]
) -> None:
    project = make_project(tmp_path, "plain")
    (project.root / "go" / "plain.go").write_text(
        "package textstats\n\nfunc Only(c chan int) {}\n\nfunc private() {}\n"
    )
    (project.root / "go" / "values.go").unlink()
    output = failed_build(builder_venv, project.root, tmp_path / "out", pip_env)
    assert (
        "the Go package example.com/plain has no exported function, struct or interface type"
        in output
    )
    assert "Only is not bound: parameter c: chan int" in output


def test_the_api_command_says_what_is_wrong(tmp_path: Path) -> None:
    def api(*args: str | Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "setuptools_golang_ext", "api", *map(str, args)]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    missing = api(tmp_path / "nowhere")
    assert missing.returncode == 2 and "is not a directory" in missing.stderr
    unknown = api(GOPKGS / "thirdparty", "--package", "github.com/nope/nope")
    assert unknown.returncode == 1
    assert "no required module provides package github.com/nope/nope" in unknown.stderr
    bad = api(GOPKGS / "plain", "--exclude", "Point.X.Y")  # a config error: one line
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.count("\n") == 1 and "an exported Go name or Type.Member" in bad.stderr
    member = api(GOPKGS / "plain", "--exclude", "Point.Feeder", "--exclude", "Meter.Feed")
    assert member.returncode == 0 and "def Read(m: Meter" in member.stdout
    assert "# not bound: Point.Feeder" not in member.stdout
    generic = api(GOPKGS / "plain", "--instantiate", "Texts = Generic[[]string]")
    assert generic.returncode == 0 and "def Texts(t: " in generic.stdout
    refused = api(GOPKGS / "plain", "--instantiate", "Generic[int, int]")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "`instantiate` names instantiations of example.com/plain" in refused.stderr
    # A package-level name the generated files import a package as (found by a hostile test:
    # the build failed in Go's compiler): one clear line, and how to bind it anyway.
    clashing = tmp_path / "clash"
    clashing.mkdir()
    (clashing / "go.mod").write_text("module example.com/clash\n\ngo 1.21\n")
    (clashing / "clash.go").write_text(
        'package clash\n\nvar hex, fs = "0123456789abcdef", 2\n\n'
        "// Digit is a hex digit.\nfunc Digit(i int) string { return string(hex[i%16]) }\n"
    )
    clash = api(clashing)
    assert clash.returncode == 1 and "Traceback" not in clash.stderr
    assert "declares fs, hex at package level" in clash.stderr
    assert 'package = "example.com/clash" and path = an empty directory' in clash.stderr


@pytest.mark.parametrize("mode", MODES)
def test_plain_and_cgo_extensions_share_one_library(
    tmp_path: Path, pip_env: dict[str, str], mode: str
) -> None:
    cgo = f'\n[[tool.setuptools-golang-ext.ext-modules]]\ntarget = "fixture_pkg._cgo"\npath = "go/cgo"\nmode = "{mode}"\n'
    project = make_project(tmp_path, "plain", mode=mode, extra_table=cgo)
    target = Venv(tmp_path / "venv")
    venv.EnvBuilder(with_pip=False).create(target.path)
    target.pip("install", "-q", project.root, env=pip_env)
    script = (
        "import fixture_pkg._native as plain, fixture_pkg._cgo as cgo\n"
        "assert cgo.Twice(21) == 42 and plain.Add(1, 2) == 3\n"
        "assert plain.GoPanic is cgo.GoPanic\n"
        "print(plain.Count('a a', 1).Top)\n"
    )
    assert target.run_python("-c", script, cwd=tmp_path).stdout.split() == ["['a']"]
    site = Path(
        target.run_python(
            "-c", "import fixture_pkg; print(fixture_pkg.__path__[0])", cwd=tmp_path
        ).stdout.strip()
    )
    # One Go runtime: lib_go_runtime.so (c-shared), or the carrier's cffi module (c-archive).
    go_built = [path.name for path in site.iterdir() if path.suffix == ".so"]
    assert len(go_built) == 1, go_built


def test_two_extensions_cannot_bind_one_package(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]
) -> None:
    again = (
        '\n[[tool.setuptools-golang-ext.ext-modules]]\ntarget = "fixture_pkg._again"\npath = "go"\n'
    )
    project = make_project(tmp_path, "plain", extra_table=again)
    output = failed_build(builder_venv, project.root, tmp_path / "out", pip_env)
    assert (
        "Go extensions fixture_pkg._again and fixture_pkg._native both bind Go code from" in output
    )
