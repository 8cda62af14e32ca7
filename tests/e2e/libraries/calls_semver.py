"""github.com/Masterminds/semver/v3: the calls of native/semver.go, through the module."""

from __future__ import annotations

import operator
from types import ModuleType
from typing import Any

from recorder import Recorder, Skip, protocol, string_of


def run(m: ModuleType, inputs: dict[str, Any], r: Recorder) -> None:
    parsed = []
    for i, text in enumerate(inputs["versions"]):
        key = f"{i}:"
        r.call(key + "StrictNewVersion", string_of, m.StrictNewVersion, text)
        try:
            v = r.value(key + "NewVersion", m.NewVersion, text)
        except Skip:
            continue
        r.entries[-1][1] = v.String()
        parsed.append(v)
        version_calls(key, v, r)
    for i, text in enumerate(inputs["constraints"]):
        key = f"c{i}:"
        try:
            c = r.value(key + "NewConstraint", m.NewConstraint, text)
        except Skip:
            continue
        r.entries[-1][1] = c.String()
        for j, v in enumerate(parsed):
            r.call(f"{key}Check:{j}", c.Check, v)
            r.call(f"{key}Validate:{j}", validate, c, v)
    pairs = parsed[: inputs["pairs"]]
    for i, a in enumerate(pairs):
        for j, b in enumerate(pairs):
            key = f"p{i},{j}:"
            r.call(key + "Compare", a.Compare, b)
            r.call(key + "LessThan", a.LessThan, b)
            r.call(key + "GreaterThanEqual", a.GreaterThanEqual, b)
            r.call(key + "Equal", a.Equal, b)
            r.call(key + "py==", protocol, operator.eq, "__eq__", a, b)
            r.call(key + "py<", protocol, operator.lt, "__lt__", a, b)


def validate(c: Any, v: Any) -> list[Any]:
    ok, errors = c.Validate(v)
    return [ok, [str(error) for error in errors]]


def version_calls(key: str, v: Any, r: Recorder) -> None:
    r.call(key + "Original", v.Original)
    r.call(key + "str", str, v)
    r.call(key + "Major", v.Major)
    r.call(key + "Minor", v.Minor)
    r.call(key + "Patch", v.Patch)
    r.call(key + "Prerelease", v.Prerelease)
    r.call(key + "Metadata", v.Metadata)
    r.call(key + "IncPatch", string_of, v.IncPatch)
    r.call(key + "IncMinor", string_of, v.IncMinor)
    r.call(key + "IncMajor", string_of, v.IncMajor)
    r.call(key + "SetPrerelease", string_of, v.SetPrerelease, "rc.1")
    r.call(key + "MarshalJSON", lambda: v.MarshalJSON().decode())
