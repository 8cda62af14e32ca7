// Command capi is a CPython extension module written in Go the way
// setuptools-golang users write them: the module table and a
// PyArg_ParseTuple helper in C (cgo cannot call variadic functions), the
// method itself in Go, calling back into the C API for the arguments and the
// result. benchmarks/run.py builds it with `go build -buildmode=c-shared` into
// capi_go<EXT_SUFFIX> and compares its call cost with the generated modules.
package main

/*
#include <Python.h>

int parse_two_longlongs(PyObject *args, long long *a, long long *b);
*/
import "C"

// add is capi_go.add(a, b) -> a + b.
//
//export add
func add(self, args *C.PyObject) *C.PyObject {
	var a, b C.longlong
	if C.parse_two_longlongs(args, &a, &b) == 0 {
		return nil
	}
	return C.PyLong_FromLongLong(a + b)
}

func main() {}
