package main

import (
	"encoding/json"
	"fmt"

	"github.com/gosimple/slug"
)

type slugInputs struct {
	Texts []string `json:"texts"`
}

func runSlug(inputs json.RawMessage, r *recorder) {
	var in slugInputs
	decode(inputs, &in)
	for i, text := range in.Texts {
		key := fmt.Sprintf("%d:", i)
		made := slug.Make(text)
		r.put(key+"Make", made)
		r.put(key+"MakeLang", slug.MakeLang(text, "de"))
		r.put(key+"IsSlug", slug.IsSlug(text))
		r.put(key+"IsSlugMade", slug.IsSlug(made))
		r.put(key+"Substitute", slug.Substitute(text, map[string]string{"&": "and", "ü": "ue"}))
	}
}
