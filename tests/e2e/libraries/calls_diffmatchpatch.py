"""github.com/sergi/go-diff/diffmatchpatch: the calls of native/diffmatchpatch.go."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from recorder import Recorder


def diff_list(diffs: Any) -> list[list[Any]]:
    return [[diff.Type, diff.Text] for diff in diffs]


def run(m: ModuleType, inputs: dict[str, Any], r: Recorder) -> None:
    dmp = m.New()
    for i, (a, b) in enumerate(inputs["pairs"]):
        key = f"{i}:"
        diffs = dmp.DiffMain(a, b, False)
        r.put(key + "DiffMain", diff_list(diffs))
        r.call(key + "DiffMainLines", lambda a, b: diff_list(dmp.DiffMain(a, b, True)), a, b)
        r.call(key + "DiffText1", dmp.DiffText1, diffs)
        r.call(key + "DiffText2", dmp.DiffText2, diffs)
        r.call(key + "DiffLevenshtein", dmp.DiffLevenshtein, diffs)
        r.call(key + "DiffPrettyText", dmp.DiffPrettyText, diffs)
        r.call(key + "DiffPrettyHtml", dmp.DiffPrettyHtml, diffs)
        delta = r.call(key + "DiffToDelta", dmp.DiffToDelta, diffs)
        r.call(key + "DiffFromDelta", lambda a, d: diff_list(dmp.DiffFromDelta(a, d)), a, delta)
        r.call(key + "DiffCommonPrefix", dmp.DiffCommonPrefix, a, b)
        r.call(key + "DiffCommonSuffix", dmp.DiffCommonSuffix, a, b)
        r.call(key + "DiffCleanupSemantic", cleanup, dmp, dmp.DiffCleanupSemantic, a, b)
        r.call(key + "DiffCleanupEfficiency", cleanup, dmp, dmp.DiffCleanupEfficiency, a, b)
        r.call(key + "MatchMain", dmp.MatchMain, a, b[:8], 0)
        r.call(key + "PatchMake", lambda a, b: dmp.PatchToText(dmp.PatchMake(a, b)), a, b)


def cleanup(dmp: Any, method: Any, a: str, b: str) -> list[list[Any]]:
    return diff_list(method(dmp.DiffMain(a, b, False)))
