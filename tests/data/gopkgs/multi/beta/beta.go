//go:build !never

/* The beta extension: a build constraint and comments before the package clause. */

// Package main is the beta extension.
package main

import "C"

import "example.com/fixtures/multi/shared"

// Count returns the shared counter.
//
//export Count
func Count() int64 { return shared.Add(0) }

// Fail panics with a message.
//
//export Fail
func Fail(message string) { panic(message) }

func main() {}
