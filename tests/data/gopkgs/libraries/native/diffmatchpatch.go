package main

import (
	"encoding/json"
	"fmt"

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
	dmp := diffmatchpatch.New()
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
	}
}
