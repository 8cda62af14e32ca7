"""Generic functions bound by explicit instantiation (``instantiate = ["Map[string, int]"]``).

Each entry is ``Expr`` or ``Name = Expr``: the Python name is *Name* (the generic function's own
name too, which is otherwise unbound), or the expression with every run of other characters than
letters, digits and ``_`` made one ``_`` (``Map[string, int]`` is ``Map_string_int``). The
introspection type-checks the instantiation against the function's constraints and describes it
as an ordinary function; here it takes its Python name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from setuptools_golang_ext.errors import ConfigError
from setuptools_golang_ext.stages.introspect import GoAPI

_OTHER = re.compile(r"\W+")


def split_entry(entry: str) -> tuple[str, str]:
    """``("MapInts", "Map[string, int]")`` for ``"MapInts = Map[string, int]"``; the derived
    name for an entry without one."""
    name, equals, expr = entry.partition("=")
    if not equals:
        expr = entry
        name = _OTHER.sub("_", expr).strip("_")
    return name.strip(), expr.strip()


def instance_expressions(entries: Iterable[str]) -> list[str]:
    """The expressions the introspection instantiates."""
    return [split_entry(entry)[1] for entry in entries]


def named_instances(api: GoAPI, entries: Iterable[str]) -> GoAPI:
    """*api* with each instantiation's function named as its entry says; a name the package
    has already, or two entries of one name, is a :class:`ConfigError`."""
    pairs = [split_entry(entry) for entry in entries]
    _check_names(api, pairs)
    names = {expr: name for name, expr in pairs}
    functions = tuple(
        replace(function, name=names[function.instance.expr]) if function.instance else function
        for function in api.functions
    )
    return replace(api, functions=functions)


def _check_names(api: GoAPI, pairs: list[tuple[str, str]]) -> None:
    # A generic function is not bound itself: an instantiation may take its name
    # ("NewIter = NewIter[any]").
    functions = [
        function.name
        for function in api.functions
        if function.instance is None and not function.generic
    ]
    types = [item.name for item in api.structs] + [item.name for item in api.interfaces]
    types += [item.name for item in api.named if item.methods]  # classes of their methods
    errors = [item.name for item in api.sentinels]
    taken = {
        name: f"the package's {what} {name}"
        for what, names in (("function", functions), ("type", types), ("error", errors))
        for name in names
    }
    problems = []
    for name, expr in pairs:
        if name in taken:
            problems.append(f"{expr} would be named {name}, which is {taken[name]}")
        taken[name] = f"the name of {expr}"
    if problems:
        raise ConfigError(
            "`instantiate`: " + "; ".join(problems) + '\n\nName it: "OtherName = '
            f'{pairs[0][1]}" (each name once, none the package uses).'
        )
