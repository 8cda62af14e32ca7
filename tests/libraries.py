"""Ten Go libraries bound with no Go written, compared call by call with the same calls run
natively in Go (issue 21). Shared by tests/test_e2e_libraries.py and benchmarks/libraries.py.

The fixture tests/data/gopkgs/libraries is one Go module requiring the ten libraries; the
project built from it binds each with ``package =`` as a module ``libs.<name>`` of one
distribution (one Go library, one runtime). Its ``native`` command runs the calls of each
library in Go and prints the results as JSON; tests/e2e/libraries/compare.py makes the same
calls through the generated modules. Results are compared key by key.

How much of each library is bound is counted against ``go doc -all``: its exported functions,
the methods declared on its exported types (pointer or value receiver, any kind of type) and
the methods of its exported interfaces. A name is bound when the installed module has it
(a function, or an attribute of the type's class); the build's warnings give the reason of each
skip, and a name that is neither bound nor reported was dropped silently.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import textwrap
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conftest import project_header

from setuptools_golang_ext import _process
from setuptools_golang_ext.errors import CommandError

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "gopkgs" / "libraries"
INPUTS = FIXTURE / "inputs.json"
CALLS = ROOT / "tests" / "e2e" / "libraries"
# Code using each library as its Go documentation shows, for mypy --strict (usage_<name>.py).
USAGE = CALLS / "usage"
PACKAGE = "libs"

# The library of each module libs.<name>: what shape of API it has is in the README's table.
LIBRARIES = {
    "decimal": "github.com/shopspring/decimal",
    "diffmatchpatch": "github.com/sergi/go-diff/diffmatchpatch",
    "expr": "github.com/expr-lang/expr",
    "gjson": "github.com/tidwall/gjson",
    "gojq": "github.com/itchyny/gojq",
    "humanize": "github.com/dustin/go-humanize",
    "semver": "github.com/Masterminds/semver/v3",
    "slug": "github.com/gosimple/slug",
    "toml": "github.com/BurntSushi/toml",
    "validator": "github.com/go-playground/validator/v10",
}


# What a library's table adds to `package =`: gojq's iterator of given values is generic.
EXTRA_CONFIG = {"gojq": 'instantiate = ["NewIter = NewIter[any]"]'}

# Libraries whose `path` holds only a `//go:build tools` file (the README's way to keep the
# requirement for `go mod tidy`); the others' is empty.
TOOLS_FILE = ("decimal", "slug")


def write_project(root: Path, mode: str, names: Sequence[str] = tuple(LIBRARIES)) -> Path:
    """The distribution ``libs`` under *root*: the fixture's Go module in go/, and one extension
    per library of *names*, each with a directory of its own (go/bind/<name>: empty, or a
    tools file) and ``package =``."""
    shutil.copytree(FIXTURE, root / "go", ignore=shutil.ignore_patterns("inputs.json"))
    (root / PACKAGE).mkdir()
    (root / PACKAGE / "__init__.py").write_text('"""Go libraries, bound with no Go written."""\n')
    tables = ""
    for name in names:
        import_path = LIBRARIES[name]
        directory = root / "go" / "bind" / name
        directory.mkdir(parents=True)
        if name in TOOLS_FILE:
            (directory / "tools.go").write_text(
                f'//go:build tools\n\npackage bind\n\nimport _ "{import_path}"\n'
            )
        tables += textwrap.dedent(
            f"""
            [[tool.setuptools-golang-ext.ext-modules]]
            target = "{PACKAGE}.{name}"
            path = "go/bind/{name}"
            package = "{import_path}"
            mode = "{mode}"
            """
        )
        tables += EXTRA_CONFIG.get(name, "") + "\n"
    header = project_header(PACKAGE, [PACKAGE])
    (root / "pyproject.toml").write_text(header + tables)
    return root


def go_env() -> dict[str, str]:
    return {**os.environ, "GOFLAGS": os.environ.get("GOFLAGS", "-mod=readonly")}


# -- the calls ------------------------------------------------------------------------------------


def native_results(module: Path, scratch: Path) -> dict[str, list[list[Any]]]:
    """The results of every library's calls run natively in Go (the fixture's ``native``)."""
    binary = scratch / "native"
    _process.run(["go", "build", "-o", binary, "./native"], env=go_env(), cwd=module)
    return dict(json.loads(_process.run([binary, INPUTS], env=go_env(), cwd=module)))


def python_results(
    python: Path, cwd: Path, names: Sequence[str] = ()
) -> dict[str, list[list[Any]]]:
    """The results of the same calls made through the installed modules ``libs.<name>`` (of
    *names*, or of every library)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    command = [python, CALLS / "compare.py", INPUTS, PACKAGE, *names]
    output = _process.run(command, env=env, cwd=cwd)
    return dict(json.loads(output))


@dataclass
class Comparison:
    """One library's calls: Go's keys, each equal, different, or not made from Python (its
    function is not bound: ``missing``; a call it needs was not: ``absent``)."""

    equal: list[str] = field(default_factory=list)
    differ: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)

    @property
    def compared(self) -> int:
        return len(self.equal) + len(self.differ)


def compare(go: Sequence[list[Any]], python: Sequence[list[Any]]) -> Comparison:
    """Go's results against Python's, key by key. A key only Python has is a difference too,
    unless it records a name the module lacks."""
    made = dict(python)
    result = Comparison()
    for key, expected in go:
        if key not in made:
            result.absent.append(key)
            continue
        got = made.pop(key)
        if isinstance(got, dict) and set(got) == {"missing"}:
            result.missing[key] = got["missing"]
        elif same(expected, got):
            result.equal.append(key)
        else:
            result.differ[key] = (expected, got)
    for key, got in made.items():
        if not (isinstance(got, dict) and set(got) == {"missing"}):
            result.differ[key] = (None, got)
    return result


def same(go: Any, python: Any) -> bool:
    """Equal as JSON values: a bool is no number; numbers compare as floats (Go writes a large
    float64 as an integer: 1e20 is 100000000000000000000)."""
    if isinstance(go, bool) or isinstance(python, bool):
        return type(go) is type(python) and go == python
    if isinstance(go, (int, float)) and isinstance(python, (int, float)):
        return go == python or float(go) == float(python)
    if isinstance(go, list) and isinstance(python, list):
        return len(go) == len(python) and all(map(same, go, python))
    if isinstance(go, dict) and isinstance(python, dict):
        return go.keys() == python.keys() and all(same(go[k], python[k]) for k in go)
    return bool(go == python)


def call_name(key: str) -> str:
    """The call a key names: ``3,7:Get`` → ``Get``, ``c0:Check:5`` → ``Check``."""
    parts = key.split(":")
    return parts[-2] if parts[-1].isdigit() and len(parts) > 2 else parts[-1]


def mypy_errors(python: Path, cwd: Path) -> dict[str, list[str]]:
    """mypy --strict's errors on each library's usage file, by library (*python* has mypy and
    the modules installed)."""
    files = sorted(USAGE.glob("usage_*.py"))
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    command = [python, "-m", "mypy", "--strict", "--no-incremental", *files]
    try:
        output = _process.run(command, env=env, cwd=cwd)
    except CommandError as failed:  # mypy exits 1 when it finds errors: they are the figures
        output = str(failed)
    errors: dict[str, list[str]] = {name: [] for name in LIBRARIES}
    for line in output.splitlines():
        found = re.match(r".*usage_(\w+)\.py:\d+: error: (.*)", line)
        if found:
            errors[found[1]].append(found[2])
    return errors


# -- how much is bound ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GoNames:
    """A package's exported functions and methods (``F``, ``T.M``), and each type's kind."""

    names: tuple[str, ...]
    kinds: Mapping[str, str]  # type name → struct, interface, func, int, [], map, ...


_FUNC = re.compile(r"^func (?:\(\w* ?\*?(\w+)(?:\[[^\]]*\])?\) )?(\w+)", re.M)
_TYPE = re.compile(r"^type (\w+)(?:\[[^\]]*\])? (struct|interface|func|\S+)", re.M)


def go_names(module: Path, import_path: str) -> GoNames:
    """What ``go doc -all`` lists of *import_path*."""
    text = _process.run(["go", "doc", "-all", import_path], env=go_env(), cwd=module)
    names = [f"{receiver}.{name}" if receiver else name for receiver, name in _FUNC.findall(text)]
    kinds = {name: kind for name, kind in _TYPE.findall(text)}
    for block in re.findall(
        r"^type (\w+)(?:\[[^\]]*\])? interface \{\n(.*?)^\}", text, re.M | re.S
    ):
        interface, body = block
        names += [f"{interface}.{m}" for m in re.findall(r"^\t([A-Z]\w*)\(", body, re.M)]
    return GoNames(tuple(dict.fromkeys(names)), kinds)


BOUND_CHECK = """\
import importlib, json, sys
names = json.loads(sys.argv[1])
out = {}
for library, wanted in names.items():
    module = importlib.import_module("libs." + library)
    def has(owner, name):
        return any(hasattr(owner, n) for n in (name, name + "_"))
    bound = []
    for name in wanted:
        owner_name, _, member = name.rpartition(".")
        if not owner_name:
            bound.append(has(module, member))
            continue
        owner = getattr(module, owner_name, None) or getattr(module, owner_name + "_", None)
        # An error type's Error() is its exception's str().
        error = member == "Error" and isinstance(owner, type) and issubclass(owner, Exception)
        bound.append(owner is not None and (has(owner, member) or error))
    out[library] = bound
print(json.dumps(out))
"""


def bound_names(python: Path, cwd: Path, names: Mapping[str, GoNames]) -> dict[str, set[str]]:
    """The names of each library's API that its installed module binds."""
    wanted = {library: list(item.names) for library, item in names.items()}
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    output = _process.run([python, "-c", BOUND_CHECK, json.dumps(wanted)], env=env, cwd=cwd)
    flags = json.loads(output)
    return {lib: {n for n, ok in zip(wanted[lib], flags[lib]) if ok} for lib in wanted}


_SKIP = re.compile(r"Go extension libs\.(\w+): (\S+) is not bound: (.*)")


def skip_reasons(build_output: str) -> dict[str, dict[str, str]]:
    """The reason of each skip the build reported, by library and name."""
    reasons: dict[str, dict[str, str]] = {name: {} for name in LIBRARIES}
    for library, name, reason in _SKIP.findall(build_output):
        reasons[library][name] = reason.strip()
    return reasons


NOT_REPORTED = "not reported"


def reason_of(name: str, reported: Mapping[str, str], api: GoNames) -> str:
    """Why *name* is not bound, as a short category."""
    owner = name.rpartition(".")[0]
    reason = reported.get(name) or reported.get(owner, "")
    if not reason:
        kind = api.kinds.get(owner, "")
        if f"{owner}.Error" in api.names:
            return "not reported: a method of an error type"
        if kind == "struct":
            return "not reported: a method of a data struct (value type)"
        if owner:
            return f"not reported: a method of a named {kind or '?'} type"
        return "not reported"
    return category(reason)


_CATEGORIES = (
    ("function values are bound only as parameters", "a function value as a result (options)"),
    ("of another package) has no", "a struct type of another package"),
    ("(interface type", "an interface type of another package"),
    ("not bound inside iterated values", "a Go object inside an iterator's values"),
    ("generic", "generic"),
    ("error is bound only as the last result", "an error that is not the last result"),
    ("context.Context is bound only as the first", "a context.Context in a callback"),
    ("generic function value", "a generic callback"),
)


def category(reason: str) -> str:
    for marker, name in _CATEGORIES:
        if marker in reason:
            return name
    return reason


@dataclass(frozen=True)
class Row:
    """One library's line of the table."""

    library: str
    total: int
    bound: int
    comparison: Comparison
    skipped: Mapping[str, list[str]]  # reason category → names

    @property
    def ratio(self) -> float:
        return self.bound / self.total if self.total else 1.0

    @property
    def unreported(self) -> int:
        """Names neither bound nor named by the build's warnings (dropped silently)."""
        return sum(
            len(names) for why, names in self.skipped.items() if why.startswith(NOT_REPORTED)
        )


def rows(
    names: Mapping[str, GoNames],
    bound: Mapping[str, set[str]],
    reasons: Mapping[str, Mapping[str, str]],
    comparisons: Mapping[str, Comparison],
) -> list[Row]:
    out = []
    for library, api in names.items():
        skipped: dict[str, list[str]] = {}
        for name in api.names:
            if name not in bound[library]:
                why = reason_of(name, reasons[library], api)
                skipped.setdefault(why, []).append(name)
        total = len(api.names)
        out.append(Row(library, total, len(bound[library]), comparisons[library], skipped))
    return out


def table(measured: Sequence[Row]) -> str:
    """The Markdown table of the README's and RESULTS.md's section."""
    lines = [
        "| library | Go package | bound / exported funcs+methods | not bound and not reported | "
        "calls compared | equal | differ | not made (unbound) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in measured:
        c = row.comparison
        lines.append(
            f"| {row.library} | `{LIBRARIES[row.library]}` | {row.bound} / {row.total} "
            f"({row.ratio:.0%}) | {row.unreported} | {c.compared} | {len(c.equal)} | "
            f"{len(c.differ)} | {len(c.missing) + len(c.absent)} |"
        )
    return "\n".join(lines)


def details(measured: Sequence[Row]) -> str:
    """What is not bound, grouped by reason, and which calls differ, per library."""
    out = []
    for row in measured:
        out.append(f"## {row.library} ({LIBRARIES[row.library]})")
        for why, items in sorted(row.skipped.items(), key=lambda item: -len(item[1])):
            out.append(f"- not bound, {why}: {len(items)}: {', '.join(items)}")
        differing = Counter(call_name(key) for key in row.comparison.differ)
        for call, count in differing.most_common():
            key = next(k for k in row.comparison.differ if call_name(k) == call)
            go, python = row.comparison.differ[key]
            out.append(
                f"- differ: {call} x{count}, e.g. {key}: Go {json.dumps(go)[:160]}"
                f" / Python {json.dumps(python, ensure_ascii=False)[:200]}"
            )
        missing = Counter(row.comparison.missing.values())
        for text, count in missing.most_common():
            out.append(f"- not made: {count} calls: {text}")
        out.append("")
    return "\n".join(out)
