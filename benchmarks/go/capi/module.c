// The C half of the capi_go module: the method table, the module definition
// and the PyArg_ParseTuple call that Go cannot make itself.
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "_cgo_export.h"

int parse_two_longlongs(PyObject *args, long long *a, long long *b) {
    return PyArg_ParseTuple(args, "LL", a, b);
}

static PyMethodDef methods[] = {
    {"add", (PyCFunction)add, METH_VARARGS, "add(a, b) -> a + b, computed in Go."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "capi_go", "A C-API extension written in Go.", -1, methods,
};

PyMODINIT_FUNC PyInit_capi_go(void) { return PyModule_Create(&module); }
