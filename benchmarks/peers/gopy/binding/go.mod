// The module gopy binds: a copy of benchmarks/go/values with these two files.
// gopy's generated code imports github.com/go-python/gopy/gopyh, so the module
// requires gopy too.
module benchvalues

go 1.23

require github.com/go-python/gopy v0.5.0
