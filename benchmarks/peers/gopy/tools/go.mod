// The tools module of benchmarks/peers: it pins gopy (and the goimports that
// gopy runs), so `go build` makes both without `go install ...@latest`.
module gopytools

go 1.23

require (
	github.com/go-python/gopy v0.5.0
	golang.org/x/tools v0.29.0
)

require (
	github.com/gonuts/commander v0.1.0 // indirect
	github.com/gonuts/flag v0.1.0 // indirect
	github.com/pkg/errors v0.9.1 // indirect
	golang.org/x/mod v0.22.0 // indirect
	golang.org/x/sync v0.10.0 // indirect
)
