"""github.com/tidwall/gjson: the calls of native/gjson.go, through the module."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from recorder import Recorder, Skip, invoke


def fields(result: Any) -> dict[str, Any]:
    return {
        "Type": result.Type,
        "Raw": result.Raw,
        "Str": result.Str,
        "Num": result.Num,
        "Index": result.Index,
    }


def run(m: ModuleType, inputs: dict[str, Any], r: Recorder) -> None:
    m.AddModifier("pyupper", lambda json, arg: json.upper() + arg)
    paths = inputs["paths"]
    for i, doc in enumerate(inputs["docs"]):
        r.call(f"{i}:Valid", m.Valid, doc)
        r.call(f"{i}:Parse", lambda doc: fields(m.Parse(doc)), doc)
        r.call(f"{i}:GetMany", lambda doc: [item.Raw for item in m.GetMany(doc, *paths)], doc)
        r.call(f"{i}:Modifier", lambda doc: m.Get(doc, '@pyupper:"!"').Raw, doc)
        for j, path in enumerate(paths):
            key = f"{i},{j}:"
            try:
                result = r.value(key + "Get", m.Get, doc, path)
            except Skip:
                continue
            r.entries[-1][1] = fields(result)
            methods(key, result, r)
    for j, path in enumerate(paths):
        r.call(f"{j}:Escape", m.Escape, path)
    lines: list[str] = []

    def each(line: Any) -> bool:
        lines.append(line.Raw)
        return len(lines) < 3

    m.ForEachLine(inputs["lines"], each)
    r.put("ForEachLine", lines)


def methods(key: str, result: Any, r: Recorder) -> None:
    """The methods of a Result (a value receiver each)."""
    r.call(key + "String", invoke, result, "String")
    r.call(key + "Int", invoke, result, "Int")
    r.call(key + "Float", invoke, result, "Float")
    r.call(key + "Bool", invoke, result, "Bool")
    r.call(key + "Exists", invoke, result, "Exists")
    r.call(key + "IsArray", invoke, result, "IsArray")
    r.call(key + "IsObject", invoke, result, "IsObject")
    r.call(key + "Value", invoke, result, "Value")
    r.call(key + "Array", lambda: [item.Raw for item in result.Array()])
    r.call(key + "Result.Get", lambda: result.Get("0").Raw)
