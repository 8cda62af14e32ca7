/* The compiled wrappers' fixed part: setuptools-golang-ext appends this file, then one C
 * function per export (cwrappers.py), to the C source cffi writes for a c-archive module.
 *
 * Each wrapper converts the common argument types itself (exact int, float, bool, bytes and
 * str; a method's receiver: the handle in its _go slot), calls the export's guard (or a plain
 * binding's shim) with the GIL released, as cffi does, reads the count of panic reports, and
 * builds the result. Anything else — another argument type, keyword arguments, a
 * wrong count, a value that does not fit, a NUL in a C string, a call in a child that fork()
 * made — goes to the Python wrapper the module defines for the same export (the "fallback"),
 * which behaves as it always did: its errors are cffi's and the runtime's own.
 *
 * It compiles on its own too (tests do: cc -fsyntax-only), against the limited API cffi uses.
 * Names shared with the runtime support are spelled as names.py defines them.
 */
#include <Python.h>
#include <stddef.h>
#include <structmember.h>
#include <stdlib.h>
#include <string.h>
#ifndef _WIN32
#include <dlfcn.h>
#include <pthread.h>
#endif

/* A compiled wrapper is an object of the type sge_function: a vectorcall function, its
 * fallback, and every attribute of the fallback (name, doc, __code__, annotations, __class__:
 * inspect sees the Python function, signature and all). Vectorcall joined the limited API in
 * 3.12; CPython implements the same flag, member and calling convention for types made by
 * PyType_FromSpec since 3.9, so the cp39-abi3 module uses them (no symbol beyond cp39's). */
#ifndef Py_TPFLAGS_HAVE_VECTORCALL
#define Py_TPFLAGS_HAVE_VECTORCALL (1UL << 11)
#endif
#ifndef PY_VECTORCALL_ARGUMENTS_OFFSET
#define PY_VECTORCALL_ARGUMENTS_OFFSET ((size_t)1 << (8 * sizeof(size_t) - 1))
#endif
/* A method (a type with this flag and a tp_descr_get): obj.M(...) calls it with obj first,
 * with no bound method made (CPython since 3.8; in the limited API from 3.12). */
#ifndef Py_TPFLAGS_METHOD_DESCRIPTOR
#define Py_TPFLAGS_METHOD_DESCRIPTOR (1UL << 17)
#endif
#ifndef T_PYSSIZET
#define T_PYSSIZET 19
#endif
#ifndef READONLY
#define READONLY 1
#endif

/* Helpers that a module's compiled functions use only for some kinds of values: unused ones
   are no compiler warning in the user's build. */
#if defined(__GNUC__) || defined(__clang__)
#define SGE_HELPER static __attribute__((unused))
#else
#define SGE_HELPER static
#endif

typedef PyObject *(*sge_vectorcall)(PyObject *, PyObject *const *, size_t, PyObject *);

typedef struct {
    PyObject_HEAD
    sge_vectorcall vectorcall;
    PyObject *fallback; /* the Python wrapper */
    PyObject *owner;    /* a method's class (a Go object class), or NULL */
    Py_ssize_t go;      /* a method: where the class's instances keep their handle, _go */
} sge_function;

#define SGE_NARGS(nargsf) ((Py_ssize_t)((nargsf) & ~PY_VECTORCALL_ARGUMENTS_OFFSET))
#define SGE_FALLBACK(callable) (((sge_function *)(callable))->fallback)

/* The C side of the runtime support's panic reports (the library's state file). */
extern int _setuptools_golang_ext_panics;

/* Set in a child that fork() made: Go's threads are gone, every call takes the fallback, whose
 * Go functions the runtime module has replaced with GoForkError. */
static volatile int sge_forked;

/* What the generated module passes at install: GoError and its _raise_panic helper. */
static PyObject *sge_go_error;
static PyObject *sge_raise_panic;

/* PyUnicode_AsUTF8AndSize: a str's UTF-8 without a copy (cached in the str). It is in the stable
 * ABI from 3.10 and exported, unchanged, by every CPython 3; the cp39 limited API lacks it, so an
 * abi3 build looks it up when the module is installed and encodes a copy without it. */
typedef const char *(*sge_utf8_function)(PyObject *, Py_ssize_t *);
#if !defined(Py_LIMITED_API) || Py_LIMITED_API + 0 >= 0x030a0000
static sge_utf8_function sge_utf8 = PyUnicode_AsUTF8AndSize;
#else
static sge_utf8_function sge_utf8;
#endif

#ifndef _WIN32
static void sge_after_fork_in_child(void) { sge_forked = 1; }
#endif

static int sge_install_runtime(PyObject *namespace)
{
    static int once;
    Py_XDECREF(sge_go_error);
    Py_XDECREF(sge_raise_panic);
    sge_go_error = PyDict_GetItemString(namespace, "GoError");
    sge_raise_panic = PyDict_GetItemString(namespace, "_raise_panic");
    Py_XINCREF(sge_go_error);
    Py_XINCREF(sge_raise_panic);
    if (sge_go_error == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "compiled wrappers: the module has no GoError");
        return -1;
    }
#ifndef _WIN32
    if (!once) {
        once = 1;
        pthread_atfork(NULL, NULL, sge_after_fork_in_child);
        if (sge_utf8 == NULL) {
            sge_utf8 = (sge_utf8_function)dlsym(RTLD_DEFAULT, "PyUnicode_AsUTF8AndSize");
        }
    }
#endif
    return 0;
}

/* The Python wrapper of the same export, called with the same arguments. */
static PyObject *sge_fallback(
    PyObject *callable, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *python = SGE_FALLBACK(callable);
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_Size(kwnames);
    PyObject *positional = PyTuple_New(nargs);
    PyObject *keywords = nkw ? PyDict_New() : NULL;
    PyObject *result = NULL;
    if (positional == NULL || (nkw && keywords == NULL)) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        Py_INCREF(args[i]);
        PyTuple_SetItem(positional, i, args[i]);
    }
    for (Py_ssize_t i = 0; i < nkw; i++) {
        if (PyDict_SetItem(keywords, PyTuple_GetItem(kwnames, i), args[nargs + i]) < 0) {
            goto done;
        }
    }
    result = PyObject_Call(python, positional, keywords);
done:
    Py_XDECREF(positional);
    Py_XDECREF(keywords);
    return result;
}

/* A method's receiver's handle (its _go, borrowed), or NULL for the fallback: an object that is
 * not of the method's class (Counter.Add(other, 1)), or whose _go was never set. */
static PyObject *sge_go_handle(PyObject *callable, PyObject *object)
{
    sge_function *method = (sge_function *)callable;
    PyTypeObject *type = Py_TYPE(object);
    if (type != (PyTypeObject *)method->owner &&
        !PyType_IsSubtype(type, (PyTypeObject *)method->owner)) {
        return NULL;
    }
    return *(PyObject **)((char *)object + method->go);
}

/* Whether reports wait (rare): the Python helper raises this thread's, if it has one. */
static int sge_check_panic(const char *function)
{
    PyObject *none;
    if (*(volatile int *)&_setuptools_golang_ext_panics == 0 || sge_raise_panic == NULL) {
        return 0;
    }
    none = PyObject_CallFunction(sge_raise_panic, "s", function);
    if (none == NULL) {
        return -1;
    }
    Py_DECREF(none);
    return 0;
}

/* A C string Go allocated, as str (bytes that are not UTF-8 as U+DC80..U+DCFF, surrogateescape;
 * NULL is ""), then freed. */
static PyObject *sge_take_string(char *pointer)
{
    PyObject *text;
    if (pointer == NULL) {
        return PyUnicode_FromStringAndSize("", 0);
    }
    text = PyUnicode_DecodeUTF8(pointer, (Py_ssize_t)strlen(pointer), "surrogateescape");
    free(pointer);
    return text;
}

/* Text Go returned as a (pointer, size) pair of C memory, then freed, or (pointer NULL) as size
 * bytes inside the result (short), as str (bytes that are not UTF-8 as U+DC80..U+DCFF,
 * surrogateescape): the plain bindings' string results. */
static PyObject *sge_take_text(char *pointer, long long size, const unsigned long long *inside)
{
    PyObject *text;
    if (pointer == NULL) {
        return PyUnicode_DecodeUTF8((const char *)inside, (Py_ssize_t)size, "surrogateescape");
    }
    text = PyUnicode_DecodeUTF8(pointer, (Py_ssize_t)size, "surrogateescape");
    free(pointer);
    return text;
}

/* Raise GoError with the text of the error Go returned (which is freed); returns NULL. */
SGE_HELPER PyObject *sge_raise_go_error(char *error)
{
    PyObject *message = sge_take_string(error);
    PyObject *exception;
    if (message == NULL) {
        return NULL;
    }
    exception = PyObject_CallFunctionObjArgs(sge_go_error, message, NULL);
    Py_DECREF(message);
    if (exception != NULL) {
        PyErr_SetObject((PyObject *)Py_TYPE(exception), exception);
        Py_DECREF(exception);
    }
    return NULL;
}

/* Argument conversions: 1 when done, 0 when the fallback must take the call (no error set). */

static int sge_signed(PyObject *value, long long *out)
{
    if (!PyLong_CheckExact(value)) {
        return 0;
    }
    *out = PyLong_AsLongLong(value);
    if (*out == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    return 1;
}

static int sge_unsigned(PyObject *value, unsigned long long *out)
{
    if (!PyLong_CheckExact(value)) {
        return 0;
    }
    *out = PyLong_AsUnsignedLongLong(value);
    if (*out == (unsigned long long)-1 && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    return 1;
}

/* An exact int that fits the integer type T, into out. */
#define SGE_INT(value, T, out)                                                                \
    ((T)-1 < (T)0 ? (sge_signed((value), &sge_s) && (long long)(T)sge_s == sge_s &&          \
                        ((out) = (T)sge_s, 1))                                                \
                  : (sge_unsigned((value), &sge_u) &&                                         \
                        (unsigned long long)(T)sge_u == sge_u && ((out) = (T)sge_u, 1)))

static int sge_double(PyObject *value, double *out)
{
    if (PyFloat_CheckExact(value)) {
        *out = PyFloat_AsDouble(value);
        return 1;
    }
    if (!PyLong_CheckExact(value)) {
        return 0;
    }
    *out = PyLong_AsDouble(value);
    if (*out == -1.0 && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    return 1;
}

static int sge_bool(PyObject *value, int *out)
{
    if (value != Py_True && value != Py_False) {
        return 0;
    }
    *out = value == Py_True;
    return 1;
}

/* The UTF-8 bytes of exact bytes (in place) or str (in place when the runtime allows, else in
 * *keep, a new bytes object the caller releases after the call). */
static int sge_text(PyObject *value, const char **data, Py_ssize_t *size, PyObject **keep)
{
    if (PyBytes_CheckExact(value)) {
        *data = PyBytes_AsString(value);
        *size = PyBytes_Size(value);
        return 1;
    }
    if (!PyUnicode_CheckExact(value)) {
        return 0;
    }
    if (sge_utf8 != NULL) {
        *data = sge_utf8(value, size);
    } else {
        *keep = PyUnicode_AsUTF8String(value);
        *data = *keep == NULL ? NULL : PyBytes_AsString(*keep);
        *size = *keep == NULL ? 0 : PyBytes_Size(*keep);
    }
    if (*data == NULL) {
        PyErr_Clear(); /* a lone surrogate: str.encode raises it again in the fallback */
        return 0;
    }
    return 1;
}

/* A C string: as sge_text, refused (to the fallback, which raises ValueError) with a NUL. */
static int sge_c_string(PyObject *value, const char **data, PyObject **keep)
{
    Py_ssize_t size;
    if (!sge_text(value, data, &size, keep)) {
        return 0;
    }
    return memchr(*data, 0, (size_t)size) == NULL;
}

/* Exact bytes as a Go []byte over a copy in *keep, a new bytearray the caller releases after the
 * call: Go may write into a []byte (io.ReadFull's out-parameters), and bytes are immutable,
 * shared by every equal constant of the process. Other buffers go to the fallback. */
static int sge_bytes(PyObject *value, void **data, Py_ssize_t *size, PyObject **keep)
{
    if (!PyBytes_CheckExact(value)) {
        return 0;
    }
    *keep = PyByteArray_FromStringAndSize(PyBytes_AsString(value), PyBytes_Size(value));
    if (*keep == NULL) {
        PyErr_Clear(); /* no memory: the fallback raises MemoryError itself */
        return 0;
    }
    *data = PyByteArray_AsString(*keep);
    *size = PyByteArray_Size(*keep);
    return 1;
}

/* Results. */

#define SGE_FROM_INT(T, value)                                                                \
    ((T)-1 < (T)0 ? PyLong_FromLongLong((long long)(value))                                   \
                  : PyLong_FromUnsignedLongLong((unsigned long long)(value)))

/* A tuple of n new references (each may be NULL after an error: then NULL, all released),
 * made into cls(*items) when cls is not NULL. */
static PyObject *sge_results(PyObject *cls, int n, PyObject **items)
{
    PyObject *tuple = NULL, *result;
    int failed = 0;
    for (int i = 0; i < n; i++) {
        failed |= items[i] == NULL;
    }
    if (!failed) {
        tuple = PyTuple_New(n);
    }
    if (tuple == NULL) {
        for (int i = 0; i < n; i++) {
            Py_XDECREF(items[i]);
        }
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        PyTuple_SetItem(tuple, i, items[i]);
    }
    if (cls == NULL) {
        return tuple;
    }
    result = PyObject_CallObject(cls, tuple);
    Py_DECREF(tuple);
    return result;
}

/* A number of the C type T (integer or floating) into out; 0 for the fallback. The caller
 * declares sge_s, sge_u and sge_f; the branch not taken for T is dead code. */
#define SGE_NUMBER(value, T, out)                                                             \
    ((T)0.5 != (T)0 ? (sge_double((value), &sge_f) &&                                         \
                          (sizeof(T) != sizeof(float) || sge_fits_float(sge_f)) &&            \
                          ((out) = (T)sge_f, 1))                                              \
                    : SGE_INT((value), T, (out)))

/* Whether a double converts to float without overflowing to infinity (values from FLT_MAX plus
 * half an ulp round to it), or is infinite or NaN already: else the fallback raises
 * OverflowError, as the codec does for a float32 inside a value. */
static int sge_fits_float(double value)
{
    return (value > -3.4028235677973366e38 && value < 3.4028235677973366e38) ||
           value - value != 0;
}

#define SGE_FROM_NUMBER(T, value)                                                             \
    ((T)0.5 != (T)0 ? PyFloat_FromDouble((double)(value)) : SGE_FROM_INT(T, (value)))

/* Times and durations. Results are made through the datetime module's C API (its capsule:
 * the public PyDateTime_CAPI, whose first members are these). Arguments are read from the
 * objects' memory, laid out as CPython's _datetime module has them since 3.6 (the layouts
 * below): the installer checks each against objects it makes, and a runtime where one does not
 * hold (or without the capsule) leaves every time and duration argument to the fallback. */
typedef struct {
    PyTypeObject *DateType;
    PyTypeObject *DateTimeType;
    PyTypeObject *TimeType;
    PyTypeObject *DeltaType;
    PyTypeObject *TZInfoType;
    PyObject *TimeZone_UTC;
    PyObject *(*Date_FromDate)(int, int, int, PyTypeObject *);
    PyObject *(*DateTime_FromDateAndTime)(int, int, int, int, int, int, int, PyObject *,
                                          PyTypeObject *);
    PyObject *(*Time_FromTime)(int, int, int, int, PyObject *, PyTypeObject *);
    PyObject *(*Delta_FromDelta)(int, int, int, int, PyTypeObject *);
    PyObject *(*TimeZone_FromTimeZone)(PyObject *, PyObject *);
} sge_datetime_api;

typedef struct {
    PyObject ob_base;
    Py_hash_t hashcode;
    int days;
    int seconds;
    int microseconds;
} sge_delta_layout;

typedef struct {
    PyObject ob_base;
    PyObject *offset; /* a timedelta */
    PyObject *name;   /* NULL: unnamed */
} sge_timezone_layout;

typedef struct {
    PyObject ob_base;
    Py_hash_t hashcode;
    char hastzinfo;
    unsigned char data[10]; /* year (2 bytes), month, day, hour, minute, second, microsecond (3) */
    unsigned char fold;
    PyObject *tzinfo;
} sge_datetime_layout;

/* What a compiled function needs besides its structs (sge_functions[i].needs). */
#define SGE_NEEDS_DATETIME (1ULL << 63)

static sge_datetime_api *sge_dt;         /* NULL: results go to the fallback */
static PyTypeObject *sge_timezone_type; /* datetime.timezone */
static int sge_dt_layouts;              /* 1: the layouts hold; arguments are read in C */

/* A timedelta's parts; 0 (no error set) when it is not exactly a timedelta. */
static int sge_delta_parts(PyObject *value, long long *days, long long *seconds, long long *us)
{
    const sge_delta_layout *delta = (const sge_delta_layout *)value;
    if (Py_TYPE(value) != sge_dt->DeltaType) {
        return 0;
    }
    *days = delta->days;
    *seconds = delta->seconds;
    *us = delta->microseconds;
    return 1;
}

/* An aware datetime whose tzinfo is an unnamed datetime.timezone of whole seconds, into
 * slots: year, month, day, hour, minute, second, microsecond, offset (what the codec decodes
 * from its pickle; anything else goes to the fallback, which pickles it). */
static int sge_time(PyObject *value, long long *slots)
{
    const sge_datetime_layout *dt = (const sge_datetime_layout *)value;
    const sge_timezone_layout *zone;
    long long days, seconds, us;
    if (!sge_dt_layouts || Py_TYPE(value) != sge_dt->DateTimeType || !dt->hastzinfo ||
        dt->tzinfo == NULL || Py_TYPE(dt->tzinfo) != sge_timezone_type) {
        return 0;
    }
    zone = (const sge_timezone_layout *)dt->tzinfo;
    if (zone->name != NULL || !sge_delta_parts(zone->offset, &days, &seconds, &us) || us != 0) {
        return 0;
    }
    slots[0] = dt->data[0] << 8 | dt->data[1];
    slots[1] = dt->data[2];
    slots[2] = dt->data[3];
    slots[3] = dt->data[4];
    slots[4] = dt->data[5];
    slots[5] = dt->data[6];
    slots[6] = dt->data[7] << 16 | dt->data[8] << 8 | dt->data[9];
    slots[7] = days * 86400 + seconds;
    return 1;
}

/* A timedelta that Go's Duration holds, as nanoseconds into slots[0] (one it does not hold
 * goes to the fallback: the codec's OverflowError). */
SGE_HELPER int sge_duration(PyObject *value, long long *slots)
{
    const long long limit = 9223372036854775807LL / 1000; /* microseconds */
    long long days, seconds, us, total;
    if (!sge_dt_layouts || !sge_delta_parts(value, &days, &seconds, &us) || days > 106752 ||
        days < -106752) {
        return 0;
    }
    total = days * 86400000000LL + seconds * 1000000LL + us;
    if (total > limit || total < -limit) {
        return 0;
    }
    slots[0] = total * 1000;
    return 1;
}

/* The aware datetime of a Go time's fields (as the unpickler makes it from Go's pickle); year 0:
 * the aware datetime.time of a time of day. */
SGE_HELPER PyObject *sge_time_value(int year, int month, int day, int hour, int minute, int second,
                                int us, int offset)
{
    PyObject *zone, *delta, *value;
    if (offset == 0) {
        zone = sge_dt->TimeZone_UTC;
        Py_INCREF(zone);
    } else {
        delta = sge_dt->Delta_FromDelta(0, offset, 0, 1, sge_dt->DeltaType);
        if (delta == NULL) {
            return NULL;
        }
        zone = sge_dt->TimeZone_FromTimeZone(delta, NULL);
        Py_DECREF(delta);
        if (zone == NULL) {
            return NULL;
        }
    }
    if (year == 0) { /* a time of day (a Go time on 0000-01-01): a datetime.time */
        value = sge_dt->Time_FromTime(hour, minute, second, us, zone, sge_dt->TimeType);
    } else {
        value = sge_dt->DateTime_FromDateAndTime(year, month, day, hour, minute, second, us,
                                                 zone, sge_dt->DateTimeType);
    }
    Py_DECREF(zone);
    return value;
}

/* The timedelta of a Go Duration: its microseconds, truncated toward zero (as the codec). */
SGE_HELPER PyObject *sge_duration_value(long long nanoseconds)
{
    long long us = nanoseconds / 1000; /* C truncates toward zero, as Go does */
    long long days = us / 86400000000LL, rest = us % 86400000000LL;
    return sge_dt->Delta_FromDelta((int)days, (int)(rest / 1000000), (int)(rest % 1000000), 1,
                                   sge_dt->DeltaType);
}

/* Whether the layouts hold for objects made through the API (pointers are compared before any
 * is followed). */
static int sge_check_dt_layouts(void)
{
    long long slots[8] = {0};
    PyObject *delta = sge_dt->Delta_FromDelta(-3, 5, 7, 1, sge_dt->DeltaType);
    PyObject *offset = sge_dt->Delta_FromDelta(0, -19800, 0, 1, sge_dt->DeltaType);
    PyObject *zone = offset == NULL ? NULL : sge_dt->TimeZone_FromTimeZone(offset, NULL);
    PyObject *dt = zone == NULL ? NULL
                                : sge_dt->DateTime_FromDateAndTime(2001, 2, 3, 4, 5, 6, 789012,
                                                                   zone, sge_dt->DateTimeType);
    const sge_delta_layout *d = (const sge_delta_layout *)delta;
    const sge_timezone_layout *z = (const sge_timezone_layout *)zone;
    const sge_datetime_layout *t = (const sge_datetime_layout *)dt;
    int ok = 0;
    if (delta != NULL && dt != NULL && d->days == -3 && d->seconds == 5 &&
        d->microseconds == 7 && z->offset == offset && z->name == NULL && t->hastzinfo == 1 &&
        t->tzinfo == zone && t->data[0] == 2001 >> 8 && t->data[1] == (2001 & 0xff)) {
        sge_timezone_type = Py_TYPE(zone);
        sge_dt_layouts = 1;
        ok = sge_time(dt, slots) && slots[0] == 2001 && slots[1] == 2 && slots[2] == 3 &&
             slots[3] == 4 && slots[4] == 5 && slots[5] == 6 && slots[6] == 789012 &&
             slots[7] == -19800;
    }
    PyErr_Clear();
    Py_XDECREF(delta);
    Py_XDECREF(offset);
    Py_XDECREF(zone);
    Py_XDECREF(dt);
    return ok;
}

/* The datetime C API's capsule, from datetime's C module where CPython has one (importing
 * datetime.py, which only wraps _datetime, costs ~1 ms more), else from datetime; NULL (an
 * error set) without it. _datetime, kept in sys.modules, keeps the capsule. */
static sge_datetime_api *sge_datetime_capsule(void)
{
    PyObject *module = PyImport_ImportModule("_datetime");
    PyObject *capsule;
    void *api;
    if (module == NULL) {
        PyErr_Clear();
        return (sge_datetime_api *)PyCapsule_Import("datetime.datetime_CAPI", 0);
    }
    capsule = PyObject_GetAttrString(module, "datetime_CAPI");
    Py_DECREF(module);
    if (capsule == NULL) {
        return NULL;
    }
    api = PyCapsule_GetPointer(capsule, "datetime.datetime_CAPI");
    Py_DECREF(capsule);
    return (sge_datetime_api *)api;
}

/* The datetime C API, once; 0 (no error set) without it. */
SGE_HELPER int sge_install_datetime(void)
{
    if (sge_dt == NULL) {
        sge_dt = sge_datetime_capsule();
        if (sge_dt == NULL) {
            PyErr_Clear();
            return 0;
        }
        sge_dt_layouts = sge_check_dt_layouts();
    }
    return 1;
}

/* Structs of fixed shape (every field a number or bool): instances of the module's class of
 * the Go struct type, whose fields C reads from and writes into their __slots__ directly. */
typedef struct {
    const char *name;                /* the module's class */
    int count;                       /* its fields */
    const char *const *attributes;   /* their attributes, in the order of the shim's fields */
    Py_ssize_t *offsets;             /* where an instance keeps each (found at install) */
    PyObject *cls;                   /* the class, or NULL: C cannot fill it */
} sge_struct;

/* The field of an instance whose class is the struct's (borrowed; NULL: never set). */
SGE_HELPER PyObject *sge_field(PyObject *object, const sge_struct *s, int field)
{
    return *(PyObject **)((char *)object + s->offsets[field]);
}

/* A new instance of the struct's class with the fields items (new references, each may be NULL
 * after an error: then NULL, all released), made as the unpickler makes one: no __init__. */
static PyObject *sge_struct_value(const sge_struct *s, PyObject **items)
{
    PyObject *object = NULL;
    int failed = 0;
    for (int i = 0; i < s->count; i++) {
        failed |= items[i] == NULL;
    }
    if (!failed) {
        /* object.__new__'s allocation, for a class of __slots__ without __dict__ */
        object = PyType_GenericAlloc((PyTypeObject *)s->cls, 0);
    }
    if (object == NULL) {
        for (int i = 0; i < s->count; i++) {
            Py_XDECREF(items[i]);
        }
        return NULL;
    }
    for (int i = 0; i < s->count; i++) {
        *(PyObject **)((char *)object + s->offsets[i]) = items[i];
    }
    return object;
}

/* Where an instance of cls (probe, a bare one, of basic bytes) keeps the slot that holds marker;
 * 0: not found. */
static Py_ssize_t sge_slot_at(PyObject *probe, Py_ssize_t basic, PyObject *marker)
{
    for (Py_ssize_t at = (Py_ssize_t)sizeof(PyObject); at + (Py_ssize_t)sizeof(PyObject *) <= basic;
         at += (Py_ssize_t)sizeof(PyObject *)) {
        if (*(PyObject **)((char *)probe + at) == marker) {
            return at;
        }
    }
    return 0;
}

/* Find the struct's class in the module and where its instances keep each field: a distinct
 * marker set through each attribute of a bare instance is looked for in its memory. -1 (no
 * error set): C cannot fill it (not a class of plain __slots__), and its functions stay Python. */
static int sge_install_struct(PyObject *namespace, sge_struct *s)
{
    PyObject *cls = PyDict_GetItemString(namespace, s->name);
    PyObject *probe = NULL, *size = NULL, *markers = NULL;
    int found = 0;
    if (s->cls != NULL) {
        return 0;
    }
    if (cls == NULL || !PyType_Check(cls)) {
        return -1;
    }
    probe = PyObject_CallMethod((PyObject *)&PyBaseObject_Type, "__new__", "O", cls);
    size = PyObject_GetAttrString(cls, "__basicsize__");
    markers = PyList_New(0);
    if (probe != NULL && size != NULL && markers != NULL) {
        Py_ssize_t basic = PyLong_AsSsize_t(size);
        for (found = 0; found < s->count; found++) {
            PyObject *marker = PyList_New(0);
            if (marker == NULL || PyList_Append(markers, marker) < 0 ||
                PyObject_SetAttrString(probe, s->attributes[found], marker) < 0) {
                Py_XDECREF(marker);
                break;
            }
            s->offsets[found] = sge_slot_at(probe, basic, marker);
            Py_DECREF(marker);
            if (s->offsets[found] == 0) {
                break;
            }
        }
    }
    PyErr_Clear();
    Py_XDECREF(probe);
    Py_XDECREF(size);
    Py_XDECREF(markers);
    if (found != s->count) {
        return -1;
    }
    Py_INCREF(cls);
    s->cls = cls;
    return 0;
}

/* Installing. */

/* The type of compiled wrappers: calls, attributes, repr and pickling as the fallback's. */

static PyObject *sge_function_call(PyObject *self, PyObject *args, PyObject *kwargs)
{
    return PyObject_Call(SGE_FALLBACK(self), args, kwargs);
}

static PyObject *sge_function_getattro(PyObject *self, PyObject *name)
{
    /* Its own pickling: by name, as the module global it is; the rest is the fallback's. */
    if (PyUnicode_CompareWithASCIIString(name, "__reduce__") == 0 ||
        PyUnicode_CompareWithASCIIString(name, "__reduce_ex__") == 0) {
        return PyObject_GenericGetAttr(self, name);
    }
    return PyObject_GetAttr(SGE_FALLBACK(self), name);
}

static int sge_function_setattro(PyObject *self, PyObject *name, PyObject *value)
{
    return PyObject_SetAttr(SGE_FALLBACK(self), name, value);
}

static PyObject *sge_function_repr(PyObject *self)
{
    return PyObject_Repr(SGE_FALLBACK(self));
}

static PyObject *sge_function_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    return PyObject_GetAttrString(SGE_FALLBACK(self), "__qualname__");
}

static int sge_function_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(SGE_FALLBACK(self));
    Py_VISIT(((sge_function *)self)->owner);
    return 0;
}

/* The type of bound methods (types.MethodType), found at the first method's install. */
static PyObject *sge_bound_type;

/* A method read from an instance is bound to it as a Python method would be (a call
 * obj.M(...) makes no bound method: the flag above); from its class, it is itself. */
static PyObject *sge_method_get(PyObject *self, PyObject *object, PyObject *type)
{
    (void)type;
    if (object == NULL || object == Py_None) {
        Py_INCREF(self);
        return self;
    }
    return PyObject_CallFunctionObjArgs(sge_bound_type, self, object, NULL);
}

static void sge_function_dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    Py_CLEAR(SGE_FALLBACK(self));
    Py_CLEAR(((sge_function *)self)->owner);
    PyObject_GC_Del(self);
    Py_DECREF(type);
}

static PyMethodDef sge_function_methods[] = {
    {"__reduce__", sge_function_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef sge_function_members[] = {
    {"__vectorcalloffset__", T_PYSSIZET, offsetof(sge_function, vectorcall), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

/* The slots compiled functions and compiled methods share. */
#define SGE_FUNCTION_SLOTS                                      \
    {Py_tp_call, (void *)sge_function_call},                    \
    {Py_tp_getattro, (void *)sge_function_getattro},            \
    {Py_tp_setattro, (void *)sge_function_setattro},            \
    {Py_tp_repr, (void *)sge_function_repr},                    \
    {Py_tp_traverse, (void *)sge_function_traverse},            \
    {Py_tp_dealloc, (void *)sge_function_dealloc},              \
    {Py_tp_methods, sge_function_methods},                      \
    {Py_tp_members, sge_function_members}

static PyType_Slot sge_function_slots[] = {
    SGE_FUNCTION_SLOTS,
    {0, NULL},
};

static PyType_Spec sge_function_spec = {
    "setuptools_golang_ext.compiled_function",
    sizeof(sge_function),
    0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    sge_function_slots,
};

static PyObject *sge_function_type;

/* Compiled methods: the same, plus binding. */
static PyType_Slot sge_method_slots[] = {
    SGE_FUNCTION_SLOTS,
    {Py_tp_descr_get, (void *)sge_method_get},
    {0, NULL},
};

static PyType_Spec sge_method_spec = {
    "setuptools_golang_ext.compiled_method",
    sizeof(sge_function),
    0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL |
        Py_TPFLAGS_METHOD_DESCRIPTOR,
    sge_method_slots,
};

static PyObject *sge_method_type;

/* Where instances of cls keep _go (the slot of the runtime's _GoObject): a marker set through
 * the slot's descriptor on a bare instance (object.__new__) is looked for in its memory. The
 * bound method type is taken from the same instance. 0 (no error set): not found. */
static Py_ssize_t sge_go_offset(PyObject *cls, PyObject *python)
{
    PyObject *probe = PyObject_CallMethod((PyObject *)&PyBaseObject_Type, "__new__", "O", cls);
    PyObject *marker = PyList_New(0);
    PyObject *size = PyObject_GetAttrString(cls, "__basicsize__");
    PyObject *bound;
    Py_ssize_t basic, found = 0;
    if (probe != NULL && marker != NULL && size != NULL &&
        PyObject_SetAttrString(probe, "_go", marker) == 0) {
        basic = PyLong_AsSsize_t(size);
        for (Py_ssize_t at = (Py_ssize_t)sizeof(PyObject);
             at + (Py_ssize_t)sizeof(PyObject *) <= basic; at += (Py_ssize_t)sizeof(PyObject *)) {
            if (*(PyObject **)((char *)probe + at) == marker) {
                found = at;
                break;
            }
        }
    }
    if (found && sge_bound_type == NULL) {
        bound = PyObject_CallMethod(python, "__get__", "O", probe);
        if (bound != NULL) {
            sge_bound_type = (PyObject *)Py_TYPE(bound);
            Py_INCREF(sge_bound_type);
            Py_DECREF(bound);
        } else {
            found = 0;
        }
    }
    PyErr_Clear();
    Py_XDECREF(probe);
    Py_XDECREF(marker);
    Py_XDECREF(size);
    return found;
}

/* cls.name, a Python method, becomes the fallback of a compiled one that takes its place; a
 * class whose handle is not found keeps its Python methods. */
static int sge_install_bound_method(PyObject *namespace, const char *name, const char *owner,
                              sge_vectorcall call)
{
    PyObject *cls = PyDict_GetItemString(namespace, owner);
    PyObject *python;
    sge_function *method;
    Py_ssize_t go;
    int status;
    if (cls == NULL || !PyType_Check(cls)) {
        PyErr_Format(PyExc_RuntimeError, "compiled wrappers: the module has no class %s", owner);
        return -1;
    }
    python = PyObject_GetAttrString(cls, name);
    if (python == NULL) {
        return -1;
    }
    if (Py_TYPE(python) == (PyTypeObject *)sge_method_type) {
        Py_DECREF(python);
        return 0;
    }
    go = sge_go_offset(cls, python);
    if (go == 0) {
        Py_DECREF(python);
        return 0;
    }
    method = PyObject_GC_New(sge_function, (PyTypeObject *)sge_method_type);
    if (method == NULL) {
        Py_DECREF(python);
        return -1;
    }
    method->vectorcall = call;
    method->fallback = python;
    Py_INCREF(cls);
    method->owner = cls;
    method->go = go;
    PyObject_GC_Track((PyObject *)method);
    status = PyObject_SetAttrString(cls, name, (PyObject *)method);
    Py_DECREF(method);
    return status;
}

/* namespace[name], the Python wrapper, becomes the fallback of a compiled one that takes its
 * place (a second install into the same namespace finds the compiled one and keeps it). */
static int sge_install_function(
    PyObject *namespace, const char *name, const char *owner, sge_vectorcall call)
{
    PyObject *python;
    sge_function *function;
    int status;
    if (owner != NULL) {
        return sge_install_bound_method(namespace, name, owner, call);
    }
    python = PyDict_GetItemString(namespace, name);
    if (python == NULL) {
        PyErr_Format(PyExc_RuntimeError, "compiled wrappers: the module has no %s", name);
        return -1;
    }
    if (Py_TYPE(python) == (PyTypeObject *)sge_function_type) {
        return 0;
    }
    function = PyObject_GC_New(sge_function, (PyTypeObject *)sge_function_type);
    if (function == NULL) {
        return -1;
    }
    function->vectorcall = call;
    Py_INCREF(python);
    function->fallback = python;
    function->owner = NULL;
    function->go = 0;
    PyObject_GC_Track((PyObject *)function);
    status = PyDict_SetItemString(namespace, name, (PyObject *)function);
    Py_DECREF(function);
    return status;
}

/* *slot = namespace[name] (a result class), a new reference. */
SGE_HELPER int sge_keep(PyObject *namespace, const char *name, PyObject **slot)
{
    PyObject *value = PyDict_GetItemString(namespace, name);
    if (value == NULL) {
        PyErr_Format(PyExc_RuntimeError, "compiled wrappers: the module has no %s", name);
        return -1;
    }
    Py_INCREF(value);
    Py_XDECREF(*slot);
    *slot = value;
    return 0;
}

/* The check every installer starts with. */
static int sge_check_namespace(PyObject *namespace)
{
    if (!PyDict_Check(namespace)) {
        PyErr_SetString(PyExc_TypeError, "compiled wrappers: pass the module's globals()");
        return -1;
    }
    if (sge_function_type == NULL) {
        sge_function_type = PyType_FromSpec(&sge_function_spec);
        if (sge_function_type == NULL) {
            return -1;
        }
    }
    if (sge_method_type == NULL) {
        sge_method_type = PyType_FromSpec(&sge_method_spec);
        if (sge_method_type == NULL) {
            return -1;
        }
    }
    return sge_install_runtime(namespace);
}

/* cffi's module, with the installer added. */
static PyObject *sge_add_installer(PyObject *module, PyMethodDef *def)
{
    PyObject *install;
    if (module == NULL) {
        return NULL;
    }
    install = PyCFunction_NewEx(def, NULL, NULL);
    if (install == NULL || PyModule_AddObject(module, def->ml_name, install) < 0) {
        Py_XDECREF(install);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
