"""github.com/BurntSushi/toml: the calls of native/toml.go, through the module."""

from __future__ import annotations

from datetime import date, datetime, time
from types import ModuleType
from typing import Any

from recorder import Recorder, Skip, plain


def run(m: ModuleType, inputs: dict[str, Any], r: Recorder) -> None:
    for i, document in enumerate(inputs["documents"]):
        key = f"{i}:"
        decoded = m.GoRef({})  # toml.Decode(document, &decoded): an out-parameter
        try:
            meta = r.value(key + "Decode", m.Decode, document, decoded)
        except Skip:
            continue
        r.entries[-1][1] = plain(times_as_text(decoded.value))
        r.call(key + "Keys", meta.Keys)
        r.call(key + "Undecoded", meta.Undecoded)
        r.call(key + "IsDefined", meta.IsDefined, "title")
        r.call(key + "Type", meta.Type, "title")
    for i, value in enumerate(inputs["values"]):
        r.call(f"v{i}:Marshal", lambda value: m.Marshal(value).decode(), value)


def times_as_text(value: Any) -> Any:
    """Times as the native side writes them (RFC 3339, microseconds)."""
    if isinstance(value, datetime):
        text = value.isoformat(timespec="microseconds")
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, time):  # a time of day: Go's time.Time on 0000-01-01
        return times_as_text(datetime.combine(date(1, 1, 1), value)).replace("0001-", "0000-", 1)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [times_as_text(item) for item in value]
    if isinstance(value, dict):
        return {key: times_as_text(item) for key, item in value.items()}
    return value
