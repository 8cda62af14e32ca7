package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tidwall/gjson"
)

type gjsonInputs struct {
	Docs  []string `json:"docs"`
	Paths []string `json:"paths"`
	Lines string   `json:"lines"`
}

func gjsonFields(res gjson.Result) map[string]any {
	return map[string]any{
		"Type": int(res.Type), "Raw": res.Raw, "Str": res.Str, "Num": res.Num, "Index": res.Index,
	}
}

func runGjson(inputs json.RawMessage, r *recorder) {
	var in gjsonInputs
	decode(inputs, &in)
	gjson.AddModifier("pyupper", func(json, arg string) string { return strings.ToUpper(json) + arg })
	for i, doc := range in.Docs {
		r.put(fmt.Sprintf("%d:Valid", i), gjson.Valid(doc))
		r.put(fmt.Sprintf("%d:Parse", i), gjsonFields(gjson.Parse(doc)))
		many := []string{}
		for _, res := range gjson.GetMany(doc, in.Paths...) {
			many = append(many, res.Raw)
		}
		r.put(fmt.Sprintf("%d:GetMany", i), many)
		r.put(fmt.Sprintf("%d:Modifier", i), gjson.Get(doc, `@pyupper:"!"`).Raw)
		for j, path := range in.Paths {
			key := fmt.Sprintf("%d,%d:", i, j)
			res := gjson.Get(doc, path)
			r.put(key+"Get", gjsonFields(res))
			gjsonMethods(key, res, r)
		}
	}
	for j, path := range in.Paths {
		r.put(fmt.Sprintf("%d:Escape", j), gjson.Escape(path))
	}
	lines := []string{}
	gjson.ForEachLine(in.Lines, func(line gjson.Result) bool {
		lines = append(lines, line.Raw)
		return len(lines) < 3
	})
	r.put("ForEachLine", lines)
}

// gjsonMethods calls the methods of a Result (a value receiver each).
func gjsonMethods(key string, res gjson.Result, r *recorder) {
	r.put(key+"String", res.String())
	r.put(key+"Int", res.Int())
	r.put(key+"Float", res.Float())
	r.put(key+"Bool", res.Bool())
	r.put(key+"Exists", res.Exists())
	r.put(key+"IsArray", res.IsArray())
	r.put(key+"IsObject", res.IsObject())
	r.put(key+"Value", res.Value())
	items := []string{}
	for _, item := range res.Array() {
		items = append(items, item.Raw)
	}
	r.put(key+"Array", items)
	r.put(key+"Result.Get", res.Get("0").Raw)
}
