"""github.com/itchyny/gojq: the calls of native/gojq.go, through the module."""

from __future__ import annotations

import itertools
from types import ModuleType
from typing import Any

from recorder import Recorder, Skip, invoke

LIMIT = 50  # values taken from one iterator (some queries never end)


def run(m: ModuleType, inputs: dict[str, Any], r: Recorder) -> None:
    values = inputs["inputs"]
    for i, value in enumerate(values):
        key = f"v{i}:"
        r.call(key + "TypeOf", m.TypeOf, value)
        r.call(key + "Preview", m.Preview, value)
        r.call(key + "Marshal", lambda value: m.Marshal(value).decode(), value)
    for i, source in enumerate(inputs["queries"]):
        key = f"{i}:"
        try:
            query = r.value(key + "Parse", m.Parse, source)
        except Skip:
            continue
        r.entries[-1][1] = query.String()
        for j, value in enumerate(values):
            r.call(f"{key}Run:{j}", drain, query, value)
            r.call(f"{key}iter:{j}", iterate, query, value)
        try:
            code = r.value(key + "Compile", invoke, m, "Compile", query)
        except Skip:
            continue
        r.entries[-1][1] = "compiled"
        for j, value in enumerate(values):
            r.call(f"{key}Code.Run:{j}", drain, code, value)


def drain(runner: Any, value: Any) -> list[Any]:
    """The values of the iterator of *runner* (a query or its compiled code) on *value* (an
    error value as {"error": text})."""
    iterator = runner.Run(value)
    out: list[Any] = []
    while len(out) < LIMIT:
        value, ok = iterator.Next()
        if not ok:
            break
        out.append({"error": str(value)} if isinstance(value, BaseException) else value)
    return out


def iterate(query: Any, value: Any) -> list[Any]:
    """The same values through Python's iterator protocol (``for value in query.Run(v)``), which
    Go's ``Next() (any, bool)`` gives the iterator's class (recorded as missing until it does)."""
    iterator = query.Run(value)
    if getattr(type(iterator), "__iter__", None) is None:
        raise AttributeError(f"{type(iterator).__name__} has no __iter__")
    values = itertools.islice(iterator, LIMIT)
    return [{"error": str(v)} if isinstance(v, BaseException) else v for v in values]
