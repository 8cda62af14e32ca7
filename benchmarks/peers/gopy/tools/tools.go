//go:build tools

// Package tools keeps the tools' requirements in go.mod.
package tools

import (
	_ "github.com/go-python/gopy"
	_ "golang.org/x/tools/cmd/goimports"
)
