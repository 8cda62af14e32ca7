/* load_dll.c: a Windows program that loads the win_amd64 DLL setuptools-golang-ext builds from
 * the fixture dllcheck/ (next to this file) and calls its exports the way the generated Python
 * bindings do, without Python: LoadLibraryA, GetProcAddress, the guard of each export, the
 * panic count and reports, the free functions. tests/test_platform_windows.py cross-builds it with
 * `zig cc -target x86_64-windows-gnu` and runs it under Wine.
 *
 * Usage: load_dll.exe NAME.dll. Prints "ok <check>" per passing check, "FAIL <check>: <why>" per
 * failing one, then "checked N, failed M"; the exit status is 0 only if nothing failed.
 *
 * The types are cgo's for windows/amd64 (the header cgo writes: GoInt is 64-bit, a Go string is
 * {const char *p; ptrdiff_t n}, a slice {data, len, cap}, two results are a struct).
 */
#include <windows.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef long long GoInt64;
typedef GoInt64 GoInt;
typedef unsigned char GoUint8;
typedef struct {
    const char *p;
    ptrdiff_t n;
} GoString;
typedef struct {
    void *data;
    GoInt len;
    GoInt cap;
} GoSlice;
struct IndexOutOfRange_return {
    GoInt value;
    GoUint8 ok;
};

#define GUARD "_setuptools_golang_ext_guard_"

static GoInt64 (*Add)(GoInt64, GoInt64);
static GoInt64 (*GuardAdd)(GoInt64, GoInt64);
static GoInt64 (*Calls)(void);
static char *(*GuardEcho)(GoString);
static GoInt64 (*GuardSum)(GoSlice);
static GoInt64 (*GuardSpin)(GoInt64);
static GoInt64 (*GuardNap)(GoInt64);
static GoInt64 (*GuardPanicValue)(GoString);
static char *(*GuardPanicError)(void);
static GoInt64 (*GuardNilPointer)(void);
static struct IndexOutOfRange_return (*GuardIndexOutOfRange)(GoInt);
static GoInt64 (*GuardPanicIf)(GoUint8, GoInt64);
static void (*Free)(void *);
static void (*FreeMany)(void **, int);
static int *(*PanicCount)(void);
static char *(*TakePanic)(void);

static int checked, failed;

static void result(const char *check, int ok, const char *why) {
    checked++;
    if (ok) {
        printf("ok %s\n", check);
    } else {
        failed++;
        printf("FAIL %s: %s\n", check, why);
    }
    fflush(stdout);
}

static FARPROC need(HMODULE dll, const char *name) {
    FARPROC address = GetProcAddress(dll, name);
    if (address == NULL) {
        printf("FAIL export %s: GetProcAddress found nothing (error %lu)\n", name, GetLastError());
        exit(2);
    }
    return address;
}

static GoString go_string(const char *text) {
    GoString s = {text, (ptrdiff_t)strlen(text)};
    return s;
}

/* A panic report is "panic" 0x1f <Go type> 0x1f <value> 0x1f <stack>. Takes the calling
 * thread's report and checks it; the report is freed with the library's free function. */
static int take_report(const char *type_prefix, const char *value, const char *in_stack,
                       char *why, size_t size) {
    char *report = TakePanic();
    if (report == NULL) {
        snprintf(why, size, "no panic report on this thread");
        return 0;
    }
    char *fields[4] = {report, NULL, NULL, NULL};
    for (int i = 1; i < 4; i++) {
        char *separator = fields[i - 1] ? strchr(fields[i - 1], '\x1f') : NULL;
        if (separator != NULL) {
            *separator = '\0';
            fields[i] = separator + 1;
        }
    }
    int ok = fields[3] != NULL && strcmp(fields[0], "panic") == 0 &&
             strncmp(fields[1], type_prefix, strlen(type_prefix)) == 0 &&
             strcmp(fields[2], value) == 0 && strstr(fields[3], in_stack) != NULL;
    if (!ok) {
        snprintf(why, size, "report kind=%s type=%s value=%s", fields[0],
                 fields[1] ? fields[1] : "(none)", fields[2] ? fields[2] : "(none)");
    }
    Free(report);
    return ok;
}

#define THREADS 4
#define ITERATIONS 2000

typedef struct {
    GoInt64 id;
    int wrong;    /* Add results that were wrong */
    int panics;   /* panics whose report reached this thread with this thread's value */
    char why[200];
} Worker;

static DWORD WINAPI work(LPVOID argument) {
    Worker *worker = argument;
    for (GoInt64 i = 0; i < ITERATIONS; i++) {
        if (GuardAdd(i, worker->id) != i + worker->id) {
            worker->wrong++;
        }
        if (i % 100 == 0) {
            GoInt64 value = worker->id * 1000000 + i;
            char expected[32];
            snprintf(expected, sizeof expected, "%lld", value);
            if (GuardPanicIf(1, value) == 0 && *PanicCount() != 0 &&
                take_report("int64", expected, "main.PanicIf(", worker->why, sizeof worker->why)) {
                worker->panics++;
            }
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    char why[300];
    if (argc != 2) {
        printf("usage: load_dll NAME.dll\n");
        return 2;
    }
    /* The Go runtime starts here, in DllMain's thread of the loader (c-shared's init). */
    HMODULE dll = LoadLibraryA(argv[1]);
    if (dll == NULL) {
        printf("FAIL LoadLibraryA(%s): error %lu\n", argv[1], GetLastError());
        return 2;
    }
    result("LoadLibraryA", 1, "");

    Add = (GoInt64 (*)(GoInt64, GoInt64))need(dll, "Add");
    GuardAdd = (GoInt64 (*)(GoInt64, GoInt64))need(dll, GUARD "Add");
    Calls = (GoInt64 (*)(void))need(dll, "Calls");
    GuardEcho = (char *(*)(GoString))need(dll, GUARD "Echo");
    GuardSum = (GoInt64 (*)(GoSlice))need(dll, GUARD "Sum");
    GuardSpin = (GoInt64 (*)(GoInt64))need(dll, GUARD "Spin");
    GuardNap = (GoInt64 (*)(GoInt64))need(dll, GUARD "Nap");
    GuardPanicValue = (GoInt64 (*)(GoString))need(dll, GUARD "PanicValue");
    GuardPanicError = (char *(*)(void))need(dll, GUARD "PanicError");
    GuardNilPointer = (GoInt64 (*)(void))need(dll, GUARD "NilPointer");
    GuardIndexOutOfRange = (struct IndexOutOfRange_return (*)(GoInt))need(dll, GUARD "IndexOutOfRange");
    GuardPanicIf = (GoInt64 (*)(GoUint8, GoInt64))need(dll, GUARD "PanicIf");
    Free = (void (*)(void *))need(dll, "_setuptools_golang_ext_free");
    FreeMany = (void (*)(void **, int))need(dll, "_setuptools_golang_ext_free_many");
    PanicCount = (int *(*)(void))need(dll, "_setuptools_golang_ext_panic_count");
    TakePanic = (char *(*)(void))need(dll, "_setuptools_golang_ext_take_panic");
    result("GetProcAddress", 1, "");

    /* Scalars: the export itself and its guard. */
    GoInt64 sum = Add(-5, 3), guarded = GuardAdd(40, 2);
    snprintf(why, sizeof why, "Add(-5, 3) = %lld, guard Add(40, 2) = %lld", sum, guarded);
    result("scalars", sum == -2 && guarded == 42 && Calls() == 2, why);

    /* A Go string in, a C string out, freed by the library's free function. */
    char *echo = GuardEcho(go_string("wine \xc3\xa9t\xc3\xa9"));
    snprintf(why, sizeof why, "Echo returned %s", echo ? echo : "NULL");
    result("strings", echo != NULL && strcmp(echo, "WINE \xc3\x89T\xc3\x89") == 0, why);
    Free(echo);

    /* A slice Go reads during the call. */
    unsigned char bytes[200];
    for (int i = 0; i < 200; i++) {
        bytes[i] = (unsigned char)(i + 1);
    }
    GoSlice slice = {bytes, 200, 200};
    GoInt64 total = GuardSum(slice);
    snprintf(why, sizeof why, "Sum = %lld", total);
    result("slices", total == 20100, why);

    /* Several C strings freed at once, as the Python bindings free small results. */
    void *many[5];
    int all = 1;
    for (int i = 0; i < 5; i++) {
        many[i] = GuardEcho(go_string("x"));
        all = all && many[i] != NULL && strcmp(many[i], "X") == 0;
    }
    FreeMany(many, 5);
    result("free_many", all, "Echo returned something else than X");

    /* Goroutines and Go's timers. */
    GoInt64 finished = GuardSpin(1000), slept = GuardNap(20);
    snprintf(why, sizeof why, "Spin(1000) = %lld, Nap(20) = %lld", finished, slept);
    result("goroutines", finished == 1000 && slept == 20, why);

    /* Panics through the guards: zero values, a report for this thread, the process lives on. */
    int *count = PanicCount();
    result("no panic pending", *count == 0 && TakePanic() == NULL, "a report before any panic");

    GoInt64 zero = GuardPanicValue(go_string("x"));
    int pending = *count;
    snprintf(why, sizeof why, "returned %lld, panic count %d", zero, pending);
    int ok = zero == 0 && pending == 1;
    if (ok) {
        ok = take_report("string", "boom: x", "main.PanicValue(", why, sizeof why);
    }
    result("panic (string)", ok && *count == 0 && TakePanic() == NULL, why);

    char *none = GuardPanicError();
    ok = none == NULL && *count == 1 &&
         take_report("*errors.errorString", "an error value", "main.PanicError(", why, sizeof why);
    result("panic (error)", ok, why);

    /* A nil dereference is an access violation that Go's exception handler turns into a panic. */
    zero = GuardNilPointer();
    ok = zero == 0 && *count == 1 &&
         take_report("runtime.", "runtime error: invalid memory address or nil pointer dereference",
                     "main.NilPointer(", why, sizeof why);
    result("panic (nil pointer)", ok, why);

    struct IndexOutOfRange_return out = GuardIndexOutOfRange(7);
    ok = out.value == 0 && out.ok == 0 && *count == 1 &&
         take_report("runtime.", "runtime error: index out of range [7] with length 3",
                     "main.IndexOutOfRange(", why, sizeof why);
    result("panic (index out of range)", ok, why);
    out = GuardIndexOutOfRange(1);
    snprintf(why, sizeof why, "IndexOutOfRange(1) = (%lld, %d)", out.value, out.ok);
    result("two results", out.value == 2 && out.ok == 1 && *count == 0, why);

    /* Threads Go did not create call in at once; each one's panics reach that thread only. */
    Worker workers[THREADS];
    HANDLE threads[THREADS];
    GoInt64 calls_before = Calls();
    for (int t = 0; t < THREADS; t++) {
        workers[t] = (Worker){.id = t + 1};
        threads[t] = CreateThread(NULL, 0, work, &workers[t], 0, NULL);
    }
    WaitForMultipleObjects(THREADS, threads, TRUE, INFINITE);
    ok = 1;
    for (int t = 0; t < THREADS; t++) {
        CloseHandle(threads[t]);
        if (workers[t].wrong != 0 || workers[t].panics != ITERATIONS / 100) {
            snprintf(why, sizeof why, "thread %d: %d wrong sums, %d of %d panics (%s)", t + 1,
                     workers[t].wrong, workers[t].panics, ITERATIONS / 100, workers[t].why);
            ok = 0;
        }
    }
    if (ok && Calls() - calls_before != THREADS * ITERATIONS) {
        snprintf(why, sizeof why, "Go counted %lld Add calls, %d made",
                 Calls() - calls_before, THREADS * ITERATIONS);
        ok = 0;
    }
    result("threads", ok && *count == 0, ok ? "a panic report was left over" : why);

    GoInt64 after = GuardAdd(2, 3);
    snprintf(why, sizeof why, "Add(2, 3) = %lld", after);
    result("still alive", after == 5, why);

    printf("checked %d, failed %d\n", checked, failed);
    return failed == 0 ? 0 : 1;
}
