// The codec probe of tests/test_codec.py. The test copies this directory and the
// codec (as the package zz_setuptools_golang_ext_codec) into a temporary module; the
// old go version checks that the codec compiles as the Go 1.17 language.
module example.com/codecprobe

go 1.17
