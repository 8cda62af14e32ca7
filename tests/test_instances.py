"""Generic functions bound by explicit instantiation: the names (pure), and what real Go says
of instantiations through the introspection and the planner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from setuptools_golang_ext.binding.plain import instances
from setuptools_golang_ext.errors import ConfigError
from setuptools_golang_ext.frontends.extension import GoExtension
from setuptools_golang_ext.stages import pipeline
from setuptools_golang_ext.stages.toolchain import find_go, toolchain_env

GENERIC_GO = """\
package gen

import "time"

// Map applies f to each of xs.
func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// Max returns the larger of a and b.
func Max[T int | float64 | string](a, b T) T {
	if a > b {
		return a
	}
	return b
}

// Later returns the later of two times.
func Later[T interface{ After(time.Time) bool }](a, b T) T { return a }

// Plain is not generic.
func Plain() int { return 1 }

// Celsius is a class of Python's, for its method.
type Celsius float64

// String is Celsius.String(c) in Python.
func (c Celsius) String() string { return "" }
"""


@pytest.mark.parametrize(
    ("entry", "name", "expr"),
    [
        ("Map[string, int]", "Map_string_int", "Map[string, int]"),
        ("Max[float64]", "Max_float64", "Max[float64]"),
        ("Keys[map[string][]byte]", "Keys_map_string_byte", "Keys[map[string][]byte]"),
        ("MapInts = Map[string, int]", "MapInts", "Map[string, int]"),
        ("  Short=Max[int] ", "Short", "Max[int]"),
    ],
)
def test_each_entry_names_its_function(entry: str, name: str, expr: str) -> None:
    assert instances.split_entry(entry) == (name, expr)


def test_an_instantiation_must_look_like_one() -> None:
    for entry in ("Map", "Id[int] = Id[int]", "1x = Map[int]", "_take_pickle = Map[int]"):
        with pytest.raises(ConfigError, match=r'`instantiate` .* "Map\[string, int\]"; .* is not'):
            GoExtension("pkg._native", instantiate=[entry])
    assert GoExtension("pkg._native", instantiate=["M = Max[int]"]).instantiate == ("M = Max[int]",)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("gen")
    (directory / "go.mod").write_text("module example.com/gen\n\ngo 1.21\n")
    (directory / "gen.go").write_text(GENERIC_GO)
    return directory


def planned(package: Path, *entries: str) -> pipeline.plan.PackagePlan:
    env = toolchain_env(os.environ)
    extension = GoExtension("gen._native", str(package), instantiate=entries)
    return pipeline.read_and_plan(extension, find_go(env, (1, 21, 0)), package, env)


@pytest.mark.e2e
def test_instantiations_are_planned_as_functions(package: Path) -> None:
    plan = planned(
        package, "Max[int]", "Strings = Max[string]", "Map[string, int]", "Later[time.Time]"
    )
    functions = {function.name: function for function in plan.functions}
    assert set(functions) == {"Plain", "Max_int", "Strings", "Map_string_int", "Later_time_Time"}
    assert functions["Strings"].go_signature == "func Max[string](a string, b string) string"
    assert [a.type.go for a in functions["Map_string_int"].arguments] == [
        "[]string",
        "func(string) int",
    ]
    instance = functions["Later_time_Time"].instance
    assert instance is not None and instance.generic == "Later"
    assert [arg.kind for arg in instance.type_args] == ["time"]
    # Bound as their instantiations: not skipped (strict = true holds).
    assert not {"Max", "Map", "Later"} & {item.name for item in plan.skipped}
    # The generic's own name, which it does not use itself.
    assert [f.name for f in planned(package, "Max = Max[int]").functions if f.instance] == ["Max"]
    skipped = {item.name: item.reason for item in planned(package, "Max[int]").skipped}
    assert 'name their instantiations in `instantiate` (e.g. "Map[int]", a type' in skipped["Map"]


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("entries", "problem"),
    [
        (
            ["Max[int]", "Max[int]"],
            "Max[int] would be named Max_int, which is the name of Max[int]",
        ),
        (["Max[int]", "Max_int = Max[float64]"], "which is the name of Max[int]"),
        (
            ["Plain = Max[int]"],
            "Max[int] would be named Plain, which is the package's function Plain",
        ),
        (["Max = Max[int]", "Max = Max[string]"], "which is the name of Max[int]"),
        (["Celsius = Max[int]"], "Max[int] would be named Celsius, which is the package's type"),
    ],
)
def test_names_of_instantiations_are_never_taken_twice(
    package: Path, entries: list[str], problem: str
) -> None:
    """Found by a hostile test: a taken name replaced a class, or failed in the C compiler."""
    with pytest.raises(ConfigError, match=r"^`instantiate`: ") as raised:
        planned(package, *entries)
    assert problem in str(raised.value) and 'Name it: "OtherName = ' in str(raised.value)


@pytest.mark.e2e
def test_instantiations_that_cannot_be_made_are_one_config_error(package: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        planned(package, "Max[bool]", "Nope[int]", "Plain[int]", "Max[Unknown]", "Max[int]")
    message = str(raised.value)
    assert "`instantiate` names instantiations of example.com/gen that cannot be made" in message
    assert "Max[bool]: bool does not satisfy int | float64 | string" in message
    assert "Nope[int]: Nope is not an exported function of example.com/gen" in message
    assert "Plain[int]: Plain is not generic: bind it as it is" in message
    assert "Max[Unknown]: type argument Unknown: " in message
    assert "Max[int]:" not in message
