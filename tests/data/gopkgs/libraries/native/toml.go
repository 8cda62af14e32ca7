package main

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/BurntSushi/toml"
)

type tomlInputs struct {
	Documents []string          `json:"documents"`
	Values    []json.RawMessage `json:"values"`
}

func runToml(inputs json.RawMessage, r *recorder) {
	var in tomlInputs
	decode(inputs, &in)
	for i, document := range in.Documents {
		key := fmt.Sprintf("%d:", i)
		var decoded map[string]any
		meta, err := toml.Decode(document, &decoded)
		if err != nil {
			r.put(key+"Decode", err)
			continue
		}
		r.put(key+"Decode", tomlPlain(decoded))
		r.put(key+"Keys", tomlKeys(meta.Keys()))
		r.put(key+"Undecoded", tomlKeys(meta.Undecoded()))
		r.put(key+"IsDefined", meta.IsDefined("title"))
		r.put(key+"Type", meta.Type("title"))
	}
	for i, raw := range in.Values {
		data, err := toml.Marshal(pyJSON(raw))
		r.result(fmt.Sprintf("v%d:Marshal", i), string(data), err)
	}
}

func tomlKeys(keys []toml.Key) [][]string {
	out := [][]string{}
	for _, key := range keys {
		out = append(out, []string(key))
	}
	return out
}

// tomlPlain writes times as text (RFC 3339, microseconds), as the Python side does.
func tomlPlain(value any) any {
	switch v := value.(type) {
	case time.Time:
		return v.Format("2006-01-02T15:04:05.000000Z07:00")
	case []any:
		out := []any{}
		for _, item := range v {
			out = append(out, tomlPlain(item))
		}
		return out
	case []map[string]any:
		out := []any{}
		for _, item := range v {
			out = append(out, tomlPlain(item))
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for key, item := range v {
			out[key] = tomlPlain(item)
		}
		return out
	}
	return value
}
