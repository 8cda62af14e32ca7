"""github.com/gosimple/slug: the calls of native/slug.go, through the module."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from recorder import Recorder


def run(m: ModuleType, inputs: dict[str, Any], r: Recorder) -> None:
    for i, text in enumerate(inputs["texts"]):
        key = f"{i}:"
        made = r.call(key + "Make", m.Make, text)
        r.call(key + "MakeLang", m.MakeLang, text, "de")
        r.call(key + "IsSlug", m.IsSlug, text)
        r.call(key + "IsSlugMade", m.IsSlug, made)
        r.call(key + "Substitute", m.Substitute, text, {"&": "and", "ü": "ue"})
