package main

import (
	"encoding/json"
	"fmt"

	"github.com/expr-lang/expr"
)

type exprInputs struct {
	Env         json.RawMessage `json:"env"`
	Expressions []string        `json:"expressions"`
}

func runExpr(inputs json.RawMessage, r *recorder) {
	var in exprInputs
	decode(inputs, &in)
	env := pyJSON(in.Env)
	for i, source := range in.Expressions {
		key := fmt.Sprintf("%d:", i)
		r.call(key+"Eval", func() any {
			out, err := expr.Eval(source, env)
			if err != nil {
				return err
			}
			return out
		})
		program, err := expr.Compile(source, expr.Env(env))
		if err != nil {
			r.put(key+"Compile", err)
			continue
		}
		r.put(key+"Compile", "compiled")
		r.call(key+"Run", func() any {
			out, err := expr.Run(program, env)
			if err != nil {
				return err
			}
			return out
		})
	}
}
