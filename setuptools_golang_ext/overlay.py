"""Go code the tool adds to a build through ``go build -overlay``, never by editing user files.

The overlay maps file names in the package directories (which do not exist there, or which it
shadows) to files the tool writes in the build's temporary directory; Go compiles them as part of
the packages. What it adds:

* to package main (the first extension's package when several are built together), the runtime
  support the generated Python reads: a function that frees C memory Go returned, and the
  per-thread stacks of panic reports with the count of threads that hold one;
* to every package with exports, a helper that turns a recovered panic into such a report;
* for every export ``F``, a *guard* ``_setuptools_golang_ext_guard_F`` with ``F``'s signature that
  calls ``F`` and recovers its panics. It goes into an overlay copy of the file that declares
  ``F``, below the user's code, where ``F``'s ``C.*`` types are in scope; line numbers of the
  user's code do not move, and Go callers of ``F`` are unaffected.

Every function here but :func:`write_overlay` is pure.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from .introspect import GoFunction, GoPackageInfo
from .names import (
    DESCRIBE,
    FREE_FUNCTION,
    FREE_MANY,
    FREE_MANY_FUNCTION,
    GENERATED_GO,
    GUARD_PREFIX,
    MARK_RETURN,
    OVERLAY_FILE_NAME,
    PANIC_COUNT,
    PANIC_COUNT_FUNCTION,
    PANIC_REPORT,
    PUSH_REPORT,
    RECOVER,
    RECOVER_FILE_NAME,
    REPORT_SEPARATOR,
    STACK,
    STATE_FILE_NAME,
    TAKE_PANIC_FUNCTION,
    TAKE_REPORT,
)


def overlay_files(
    info: GoPackageInfo,
    runtime_dir: Path,
    read: Callable[[Path], str],
    runtime_package: str = "main",
) -> dict[Path, str]:
    """Every file the tool adds to a build of the packages in *info*: the runtime support in
    *runtime_dir* (package *runtime_package*), and a recover helper and guards in every package
    that declares exports. *read* gives the current text of a Go file."""
    files = runtime_files(runtime_dir, runtime_package)
    goroutine = frozenset(function.name for function in info.exports if function.goexit)
    for source in info.sources:
        files[source.directory / RECOVER_FILE_NAME] = recover_source(source.name)
        declared = [function for function in info.exports if function.package == source.import_path]
        for name in sorted({function.file for function in declared}):
            path = source.directory / name
            in_file = [function for function in declared if function.file == name]
            files[path] = guarded_file(read(path), in_file, goroutine)
    return files


def runtime_files(directory: Path, package_name: str = "main") -> dict[Path, str]:
    """The runtime support, for the package in *directory*."""
    return {
        directory / STATE_FILE_NAME: state_source(package_name),
        directory / OVERLAY_FILE_NAME: exports_source(package_name),
    }


def exports_source(package_name: str = "main") -> str:
    """The exports of the runtime support (their file's preamble may only declare: cgo copies
    it into the header)."""
    return f"""{GENERATED_GO}

package {package_name}

/*
#include <stdlib.h>

extern int {PANIC_COUNT};
char *{TAKE_REPORT}(void);
void {FREE_MANY}(void **pointers, int n);
*/
import "C"

import "unsafe"

// {FREE_FUNCTION} releases memory an export returned from C.CString or C.malloc;
// the generated Python bindings call it, so that both sides use the same allocator.
//
//export {FREE_FUNCTION}
func {FREE_FUNCTION}(p unsafe.Pointer) {{ C.free(p) }}

// {FREE_MANY_FUNCTION} releases n such pointers at once: the Python bindings free small
// results in batches, because a call into Go costs more than a free.
//
//export {FREE_MANY_FUNCTION}
func {FREE_MANY_FUNCTION}(pointers *unsafe.Pointer, n C.int) {{
	C.{FREE_MANY}(pointers, n)
}}

// {PANIC_COUNT_FUNCTION} returns the address of the number of threads holding a panic
// report; the Python wrappers read it after every call, a cheap test that is almost always 0.
//
//export {PANIC_COUNT_FUNCTION}
func {PANIC_COUNT_FUNCTION}() *C.int {{ return &C.{PANIC_COUNT} }}

// {TAKE_PANIC_FUNCTION} returns the calling thread's panic report (NULL if it has none),
// which the caller frees.
//
//export {TAKE_PANIC_FUNCTION}
func {TAKE_PANIC_FUNCTION}() *C.char {{ return C.{TAKE_REPORT}() }}
"""


def state_source(package_name: str = "main") -> str:
    """The C state of panic reports, defined once in the library (a file without exports)."""
    return f"""{GENERATED_GO}

package {package_name}

/*
#include <stdlib.h>

// A guard that recovered a panic leaves a report on the thread that called it (a cgo call runs
// Go on the caller's thread), for the Python wrapper to take when the call returns. Reports
// form a stack: between a call's return and its wrapper's check Python may run a signal
// handler or a finalizer that calls Go too, and each wrapper must take its own call's outcome.
// While a thread holds reports, a call that returned normally pushes an empty one (NULL).
struct report {{
	char *text;
	struct report *below;
}};

static __thread struct report *reports;

int {PANIC_COUNT};  // how many threads hold reports

void {PUSH_REPORT}(char *text) {{
	struct report *top = malloc(sizeof *top);
	if (top == NULL) {{
		abort();  // as Go does when memory runs out
	}}
	top->text = text;
	top->below = reports;
	if (reports == NULL) {{
		__atomic_add_fetch(&{PANIC_COUNT}, 1, __ATOMIC_SEQ_CST);
	}}
	reports = top;
}}

void {FREE_MANY}(void **pointers, int n) {{
	for (int i = 0; i < n; i++) {{
		free(pointers[i]);
	}}
}}

void {MARK_RETURN}(void) {{
	if (reports != NULL) {{
		{PUSH_REPORT}(NULL);
	}}
}}

char *{TAKE_REPORT}(void) {{
	struct report *top = reports;
	if (top == NULL) {{
		return NULL;
	}}
	char *text = top->text;
	reports = top->below;
	free(top);
	if (reports == NULL) {{
		__atomic_sub_fetch(&{PANIC_COUNT}, 1, __ATOMIC_SEQ_CST);
	}}
	return text;
}}
*/
import "C"
"""


def recover_source(package_name: str) -> str:
    """The helper every guard of a package defers; it reports what ended the call early.

    It uses only the runtime, reflect, strconv and strings: fmt, os and runtime/debug would add
    ~0.4 MB to a library that does not import them already.
    """
    sep = REPORT_SEPARATOR.encode("unicode_escape").decode()  # as a Go string literal spells it
    return f"""{GENERATED_GO}

package {package_name}

/*
extern int {PANIC_COUNT};
void {PUSH_REPORT}(char *text);
void {MARK_RETURN}(void);
*/
import "C"

import (
	"reflect"
	"runtime"
	"strconv"
)

// {RECOVER} runs when a guard's call of export ends; value is what recover() returned
// and returned says whether the export returned. A panic becomes the calling thread's panic
// report, and the guard returns zero values. runtime.Goexit cannot be stopped: on the caller's
// own thread (goroutine = false) Go then aborts the process, so say why first.
func {RECOVER}(export string, value any, returned, goroutine bool) {{
	if returned {{
		if C.{PANIC_COUNT} != 0 {{ // rare: reports wait, maybe on this thread
			C.{MARK_RETURN}()
		}}
		return
	}}
	kind, text := "runtime.Goexit", "runtime.Goexit was called"
	if value != nil {{
		kind = reflect.TypeOf(value).String()
		text = {DESCRIBE}(value, kind)
	}} else if !goroutine {{
		println("setuptools-golang-ext:", export, "called runtime.Goexit, which cannot return to "+
			"Python from the caller's thread: Go aborts the process. Call Goexit only in the "+
			"export's own package, where the guard runs the export on a goroutine.")
	}}
	report := "{PANIC_REPORT}{sep}" + kind + "{sep}" + text + "{sep}" + {STACK}()
	C.{PUSH_REPORT}(C.CString(report))
}}

// {DESCRIBE} returns the text Go would print for a panic value; a panic in its
// Error or String method is reported, not raised again.
func {DESCRIBE}(value any, kind string) (text string) {{
	defer func() {{
		if nested := recover(); nested != nil {{
			text = "(" + kind + ": its Error or String method panicked)"
		}}
	}}()
	switch v := value.(type) {{
	case error:
		return v.Error()
	case interface{{ String() string }}:
		return v.String()
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	}}
	number := reflect.ValueOf(value)
	switch {{
	case number.CanInt():
		return strconv.FormatInt(number.Int(), 10)
	case number.CanUint():
		return strconv.FormatUint(number.Uint(), 10)
	case number.CanFloat():
		return strconv.FormatFloat(number.Float(), 'g', -1, 64)
	case number.CanComplex():
		return strconv.FormatComplex(number.Complex(), 'g', -1, 128)
	}}
	return "(" + kind + ")"
}}

// {STACK} returns the calling goroutine's stack, as a panic prints it.
func {STACK}() string {{
	buffer := make([]byte, 4096)
	for {{
		n := runtime.Stack(buffer, false)
		if n < len(buffer) {{
			return string(buffer[:n])
		}}
		buffer = make([]byte, 2*len(buffer))
	}}
}}
"""


def guards_source(functions: Sequence[GoFunction], goroutine: frozenset[str]) -> str:
    """The guards of *functions* (all declared in one file), to append to that file.

    Exports named in *goroutine* may call ``runtime.Goexit``: their guard runs them on a new
    goroutine (tens of microseconds per call) so that Goexit ends that goroutine, not the process.
    """
    lines = [
        "",
        "// Added by setuptools-golang-ext to the build, not to this file: each export below calls",
        "// one above and recovers its panics, for the generated Python module.",
    ]
    for function in functions:
        lines += ["", *_guard(function, function.name in goroutine)]
    return "\n".join(lines) + "\n"


def _guard(function: GoFunction, goroutine: bool) -> list[str]:
    params = [f"arg{index} {value.type}" for index, value in enumerate(function.params)]
    results = [f"r{index} {value.type}" for index, value in enumerate(function.results)]
    arguments = [f"arg{index}" for index in range(len(function.params))]
    call = f"{function.name}({', '.join(arguments)})"
    if results:
        call = f"{', '.join(f'r{index}' for index in range(len(results)))} = {call}"
    name = GUARD_PREFIX + function.name
    report = f'{RECOVER}("{function.name}", value, returned, {str(goroutine).lower()})'
    if goroutine:
        # The report must be left on the caller's thread: the goroutine hands the value over.
        body = [
            "var value any",
            "returned := false",
            "done := make(chan struct{})",
            "go func() {",
            "\tdefer close(done)",
            "\tdefer func() { value = recover() }()",
            f"\t{call}",
            "\treturned = true",
            "}()",
            "<-done",
            report,
        ]
    else:
        body = [
            "returned := false",
            "defer func() {",
            "\tvalue := recover()",
            f"\t{report}",
            "}()",
            call,
            "returned = true",
        ]
    signature = f"func {name}({', '.join(params)})"
    if results:
        signature += f" ({', '.join(results)})"
    lines = [f"//export {name}", f"{signature} {{", *(f"\t{line}" for line in body)]
    if results:
        lines.append("\treturn")
    return [*lines, "}"]


def guarded_file(original: str, functions: Sequence[GoFunction], goroutine: frozenset[str]) -> str:
    """The user's file *original* with the guards of its *functions* appended."""
    separator = "" if original.endswith("\n") else "\n"
    return original + separator + guards_source(functions, goroutine)


def write_overlay(files: Mapping[Path, str], temp_dir: Path) -> Path:
    """Write *files* (path in a package directory → Go source) under *temp_dir*, and the
    ``-overlay`` JSON that adds them to the build; return the JSON's path."""
    temp_dir.mkdir(parents=True, exist_ok=True)
    replace = {}
    for index, (virtual, text) in enumerate(sorted(files.items())):
        real = temp_dir / f"{index}_{virtual.name}"
        real.write_bytes(text.encode())
        replace[str(virtual)] = str(real)
    overlay = temp_dir / "overlay.json"
    overlay.write_bytes(json.dumps({"Replace": replace}, indent=1, sort_keys=True).encode())
    return overlay
