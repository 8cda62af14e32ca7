"""Generic functions bound by explicit instantiation (``instantiate = ["Map[string, int]"]``).

Each entry is ``Expr`` or ``Name = Expr``: the Python name is *Name*, or the expression with every
run of other characters than letters, digits and ``_`` made one ``_`` (``Map[string, int]`` is
``Map_string_int``). The introspection type-checks the instantiation against the function's
constraints and describes it as an ordinary function; here it takes its Python name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

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
    """*api* with each instantiation's function named as its entry says."""
    names = {expr: name for name, expr in map(split_entry, entries)}
    functions = tuple(
        replace(function, name=names[function.instance.expr]) if function.instance else function
        for function in api.functions
    )
    return replace(api, functions=functions)
