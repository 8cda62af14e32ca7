package main

import (
	"encoding/json"
	"fmt"

	"github.com/go-playground/validator/v10"
)

type validatorInputs struct {
	Vars []struct {
		Value json.RawMessage `json:"value"`
		Tag   string          `json:"tag"`
	} `json:"vars"`
	Maps []struct {
		Data  json.RawMessage `json:"data"`
		Rules json.RawMessage `json:"rules"`
	} `json:"maps"`
}

func runValidator(inputs json.RawMessage, r *recorder) {
	var in validatorInputs
	decode(inputs, &in)
	validate := validator.New(validator.WithRequiredStructEnabled())
	err := validate.RegisterValidation("pyparam", func(fl validator.FieldLevel) bool {
		return fl.Param() == "yes"
	})
	r.put("RegisterValidation", err)
	for i, item := range in.Vars {
		value := pyJSON(item.Value)
		r.call(fmt.Sprintf("%d:Var", i), func() any { return validate.Var(value, item.Tag) })
	}
	for i, item := range in.Maps {
		data := pyJSON(item.Data).(map[string]any)
		rules := pyJSON(item.Rules).(map[string]any)
		r.call(fmt.Sprintf("m%d:ValidateMap", i), func() any {
			out := map[string]any{}
			for field, problem := range validate.ValidateMap(data, rules) {
				out[field] = fmt.Sprint(problem)
			}
			return out
		})
	}
}
