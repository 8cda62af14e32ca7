"""github.com/sergi/go-diff/diffmatchpatch: the calls of native/diffmatchpatch.go."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import ModuleType
from typing import Any

from recorder import Recorder


def diff_list(diffs: Any) -> list[list[Any]]:
    return [[diff.Type, diff.Text] for diff in diffs]


def run(m: ModuleType, inputs: dict[str, Any], r: Recorder) -> None:
    # No time limit: a diff cut short by a busy machine would differ between the two runs.
    dmp, tuned = m.New(), m.New()
    dmp.DiffTimeout = tuned.DiffTimeout = timedelta(0)
    tuned.DiffEditCost = 6
    tuned.MatchThreshold = 0.8
    tuned.MatchDistance = 10
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
        more(key, (dmp, tuned), a, b, r)


def more(key: str, both: tuple[Any, Any], a: str, b: str, r: Recorder) -> None:
    """The rest of DiffMatchPatch's methods that take strings, runes and diffs, and one with its
    settings changed through its fields (*both*: the default one and that one)."""
    dmp, tuned = both
    far = datetime(2100, 1, 1, tzinfo=timezone.utc)
    # DiffBisect panics on some inputs ("x", "y": index out of range): the panic is compared too.
    r.call(key + "DiffBisect", lambda: diff_list(dmp.DiffBisect(a, b, far)))
    runes1, runes2 = [ord(c) for c in a], [ord(c) for c in b]
    r.call(key + "DiffMainRunes", lambda: diff_list(dmp.DiffMainRunes(runes1, runes2, False)))
    r.call(key + "DiffLinesToChars", dmp.DiffLinesToChars, a, b)
    r.call(key + "DiffCommonOverlap", dmp.DiffCommonOverlap, a, b)
    r.call(key + "DiffHalfMatch", lambda: dmp.DiffHalfMatch(a, b) or [])
    r.call(key + "DiffXIndex", dmp.DiffXIndex, dmp.DiffMain(a, b, False), 2)
    r.call(key + "DiffCleanupSemanticLossless", cleanup, dmp, dmp.DiffCleanupSemanticLossless, a, b)
    r.call(key + "DiffCleanupMerge", cleanup, dmp, dmp.DiffCleanupMerge, a, b)
    r.call(key + "MatchBitap", dmp.MatchBitap, a, b[:5], 0)
    r.call(key + "MatchAlphabet", dmp.MatchAlphabet, b[:5])
    r.call(key + "tuned.DiffCleanupEfficiency", cleanup, tuned, tuned.DiffCleanupEfficiency, a, b)
    r.call(key + "tuned.MatchMain", tuned.MatchMain, a, b[:5], 1)


def cleanup(dmp: Any, method: Any, a: str, b: str) -> list[list[Any]]:
    return diff_list(method(dmp.DiffMain(a, b, False)))
