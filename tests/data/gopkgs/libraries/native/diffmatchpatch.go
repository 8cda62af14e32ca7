package main

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"
)

type diffInputs struct {
	Pairs [][2]string `json:"pairs"`
}

func diffList(diffs []diffmatchpatch.Diff) [][2]any {
	out := [][2]any{}
	for _, diff := range diffs {
		out = append(out, [2]any{int(diff.Type), diff.Text})
	}
	return out
}

func runDiffMatchPatch(inputs json.RawMessage, r *recorder) {
	var in diffInputs
	decode(inputs, &in)
	// No time limit: a diff cut short by a busy machine would differ between the two runs.
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	tuned := diffmatchpatch.New()
	tuned.DiffTimeout = 0
	tuned.DiffEditCost = 6
	tuned.MatchThreshold = 0.8
	tuned.MatchDistance = 10
	for i, pair := range in.Pairs {
		key := fmt.Sprintf("%d:", i)
		a, b := pair[0], pair[1]
		diffs := dmp.DiffMain(a, b, false)
		r.put(key+"DiffMain", diffList(diffs))
		r.put(key+"DiffMainLines", diffList(dmp.DiffMain(a, b, true)))
		r.put(key+"DiffText1", dmp.DiffText1(diffs))
		r.put(key+"DiffText2", dmp.DiffText2(diffs))
		r.put(key+"DiffLevenshtein", dmp.DiffLevenshtein(diffs))
		r.put(key+"DiffPrettyText", dmp.DiffPrettyText(diffs))
		r.put(key+"DiffPrettyHtml", dmp.DiffPrettyHtml(diffs))
		delta := dmp.DiffToDelta(diffs)
		r.put(key+"DiffToDelta", delta)
		back, err := dmp.DiffFromDelta(a, delta)
		r.result(key+"DiffFromDelta", diffList(back), err)
		r.put(key+"DiffCommonPrefix", dmp.DiffCommonPrefix(a, b))
		r.put(key+"DiffCommonSuffix", dmp.DiffCommonSuffix(a, b))
		r.put(key+"DiffCleanupSemantic", diffList(dmp.DiffCleanupSemantic(dmp.DiffMain(a, b, false))))
		r.put(key+"DiffCleanupEfficiency", diffList(dmp.DiffCleanupEfficiency(dmp.DiffMain(a, b, false))))
		pattern := []rune(b)
		r.put(key+"MatchMain", dmp.MatchMain(a, string(pattern[:min(len(pattern), 8)]), 0))
		r.call(key+"PatchMake", func() any { return dmp.PatchToText(dmp.PatchMake(a, b)) })
		diffMore(key, dmp, tuned, a, b, r)
	}
}

// diffMore calls the rest of DiffMatchPatch's methods that take strings, runes and diffs, and
// one with its settings changed through its fields.
func diffMore(key string, dmp, tuned *diffmatchpatch.DiffMatchPatch, a, b string, r *recorder) {
	far := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	// DiffBisect panics on some inputs ("x", "y": index out of range): the panic is compared too.
	r.call(key+"DiffBisect", func() any { return diffList(dmp.DiffBisect(a, b, far)) })
	r.put(key+"DiffMainRunes", diffList(dmp.DiffMainRunes([]rune(a), []rune(b), false)))
	chars1, chars2, lines := dmp.DiffLinesToChars(a, b)
	r.put(key+"DiffLinesToChars", []any{chars1, chars2, lines})
	r.put(key+"DiffCommonOverlap", dmp.DiffCommonOverlap(a, b))
	half := dmp.DiffHalfMatch(a, b)
	if half == nil {
		half = []string{}
	}
	r.put(key+"DiffHalfMatch", half)
	diffs := dmp.DiffMain(a, b, false)
	r.put(key+"DiffXIndex", dmp.DiffXIndex(diffs, 2))
	r.put(key+"DiffCleanupSemanticLossless", diffList(dmp.DiffCleanupSemanticLossless(dmp.DiffMain(a, b, false))))
	r.put(key+"DiffCleanupMerge", diffList(dmp.DiffCleanupMerge(dmp.DiffMain(a, b, false))))
	pattern := []rune(b)
	pattern = pattern[:min(len(pattern), 5)]
	r.put(key+"MatchBitap", dmp.MatchBitap(a, string(pattern), 0))
	r.put(key+"MatchAlphabet", dmp.MatchAlphabet(string(pattern)))
	r.put(key+"tuned.DiffCleanupEfficiency", diffList(tuned.DiffCleanupEfficiency(tuned.DiffMain(a, b, false))))
	r.put(key+"tuned.MatchMain", tuned.MatchMain(a, string(pattern), 1))
}
