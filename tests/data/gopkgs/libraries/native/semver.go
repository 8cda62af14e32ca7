package main

import (
	"encoding/json"
	"fmt"

	"github.com/Masterminds/semver/v3"
)

type semverInputs struct {
	Versions    []string `json:"versions"`
	Constraints []string `json:"constraints"`
	Pairs       int      `json:"pairs"`
}

func runSemver(inputs json.RawMessage, r *recorder) {
	var in semverInputs
	decode(inputs, &in)
	var parsed []*semver.Version
	for i, text := range in.Versions {
		key := fmt.Sprintf("%d:", i)
		strict, err := semver.StrictNewVersion(text)
		if err == nil {
			r.put(key+"StrictNewVersion", strict.String())
		} else {
			r.put(key+"StrictNewVersion", err)
		}
		v, err := semver.NewVersion(text)
		if err != nil {
			r.put(key+"NewVersion", err)
			continue
		}
		parsed = append(parsed, v)
		r.put(key+"NewVersion", v.String())
		semverVersion(key, v, r)
	}
	for i, text := range in.Constraints {
		key := fmt.Sprintf("c%d:", i)
		c, err := semver.NewConstraint(text)
		if err != nil {
			r.put(key+"NewConstraint", err)
			continue
		}
		r.put(key+"NewConstraint", c.String())
		for j, v := range parsed {
			r.put(fmt.Sprintf("%sCheck:%d", key, j), c.Check(v))
			ok, errs := c.Validate(v)
			messages := []string{}
			for _, e := range errs {
				messages = append(messages, e.Error())
			}
			r.put(fmt.Sprintf("%sValidate:%d", key, j), []any{ok, messages})
		}
	}
	pairs := min(in.Pairs, len(parsed))
	for i, a := range parsed[:pairs] {
		for j, b := range parsed[:pairs] {
			key := fmt.Sprintf("p%d,%d:", i, j)
			r.put(key+"Compare", a.Compare(b))
			r.put(key+"LessThan", a.LessThan(b))
			r.put(key+"GreaterThanEqual", a.GreaterThanEqual(b))
			r.put(key+"Equal", a.Equal(b))
			// The Python protocols the method set gives (issue 21): ==, <.
			r.put(key+"py==", a.Equal(b))
			r.put(key+"py<", a.LessThan(b))
		}
	}
}

func semverVersion(key string, v *semver.Version, r *recorder) {
	r.put(key+"Original", v.Original())
	r.put(key+"str", v.String())
	r.put(key+"Major", v.Major())
	r.put(key+"Minor", v.Minor())
	r.put(key+"Patch", v.Patch())
	r.put(key+"Prerelease", v.Prerelease())
	r.put(key+"Metadata", v.Metadata())
	r.call(key+"IncPatch", func() any { next := v.IncPatch(); return next.String() })
	r.call(key+"IncMinor", func() any { next := v.IncMinor(); return next.String() })
	r.call(key+"IncMajor", func() any { next := v.IncMajor(); return next.String() })
	pre, err := v.SetPrerelease("rc.1")
	r.result(key+"SetPrerelease", pre.String(), err)
	marshalled, err := v.MarshalJSON()
	r.result(key+"MarshalJSON", string(marshalled), err)
}
