"""A measuring process: it loads one kind of module and times named cases on request.

``callcost.py`` starts ``python worker.py KIND [--pin]`` in the runtime venv, one process per kind,
so that each process holds at most one Go runtime (as a user's process does) and rounds can be
interleaved across processes. Requests and answers are one JSON object per line (stdin/stdout).

A case is a ``timeit`` statement and its namespace; every case with the same statement shape is
timed by the same loop, so loop overhead is equal across cases (``call_ns.timeit_loop`` shows it).
Every case is run once and its result checked before anything is timed: a missing or failing
wrapper (or any other case) ends the worker with the error, and so the benchmark run.
This file runs in the runtime venv and uses only the standard library, cffi and the modules built
by ``lab.py``.
"""

from __future__ import annotations

import ctypes
import datetime
import importlib
import json
import os
import re
import sys
import threading
import time
import timeit
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

SIZES = {"10b": 10, "1kib": 1 << 10, "1mib": 1 << 20, "64mib": 64 << 20}
SPIN_PROBE = {"go": 1_000_000, "python": 10_000}
TREE_LEAVES = 100_000  # benchmarks/go/plain's Tree
FLOATS = 1_000_000  # benchmarks/go/plain's Floats
HELLO = "hello, go!"  # benchmarks/go/plain's Hello: 10 bytes


@dataclass(frozen=True)
class Case:
    stmt: str
    namespace: dict[str, Any]
    expect: Any = None  # the result of ``f(...)`` for a probe call, when checkable
    setup: str = "pass"  # run before each timing, after timeit has turned the GC off

    def timer(self) -> timeit.Timer:
        return timeit.Timer(self.stmt, self.setup, globals=self.namespace)


Cases = dict[str, Case]
Spinner = Callable[[int], object]
Spinners = dict[str, Spinner]


# --- the cases of each kind -----------------------------------------------------------------


def go_cases(kind: str) -> tuple[Cases, Spinners]:
    """The generated module of ``bench_shared``/``bench_archive``: raw ``lib`` and wrappers."""
    module = importlib.import_module(f"bench_{kind.removeprefix('c_')}._native")
    lib = module.lib
    prefix = f"go_{kind}"
    cases: Cases = {
        f"call_ns.{prefix}_lib": Case("f(1, 2)", {"f": lib.Add}, 3),
        f"call_ns.{prefix}_wrapper": wrapper_case(module, "Add", "f(1, 2)", {}, 3),
    }
    for label, size in SIZES.items():
        cases.update(data_cases(module, prefix, label, size))
        cases.update(back_cases(module, prefix, label, size))
    if kind == "c_shared":
        cases.update(same_library_cases(go_library(module)))
    spinners: Spinners = {
        f"spin.{prefix}_lib": lib.Spin,
        f"spin.{prefix}_wrapper": wrapper_function(module, "Spin"),
    }
    return cases, spinners


def same_library_cases(library: Path) -> Cases:
    """Other ways to call the c-shared build's library (the same file, so the same Go runtime)."""
    plain = importlib.import_module("plain_pkg.shared")  # a plain cffi ABI module dlopening it
    return {
        "call_ns.go_ctypes": Case("f(1, 2)", {"f": ctypes_add(library, "Add")}, 3),
        "call_ns.go_plain_cffi_abi": Case("f(1, 2)", {"f": plain.lib.Add}, 3),
    }


def data_cases(module: ModuleType, prefix: str, label: str, size: int) -> Cases:
    """bytes/str of *size* into Go: Go returns the length only, so any cost beyond a scalar
    call is conversion (and, for ``str`` through raw ``lib``, the copy ``str.encode`` makes)."""
    lib, ffi = module.lib, module.ffi
    data, text = b"x" * size, "x" * size
    raw = {"fb": ffi.from_buffer, "b": data, "s": text, "n": size}
    key = f"data_ns.{prefix}_{{via}}.{{kind}}.{label}"
    cases: Cases = {
        key.format(via="lib", kind="bytes_as_string"): Case(
            "f((fb(b), n))", {"f": lib.LenString, **raw}, size
        ),
        key.format(via="lib", kind="str_as_string"): Case(
            "f((fb(s.encode()), n))", {"f": lib.LenString, **raw}, size
        ),
        key.format(via="lib", kind="bytes_as_slice"): Case(
            "f((fb(b), n, n))", {"f": lib.LenBytes, **raw}, size
        ),
        key.format(via="lib", kind="bytes_as_pointer"): Case(
            "f(b, n)", {"f": lib.LenPtr, **raw}, size
        ),
    }
    wrapped = {
        "bytes_as_string": ("LenString", "f(b)"),
        "str_as_string": ("LenString", "f(s)"),
        "bytes_as_slice": ("LenBytes", "f(b)"),
        "bytes_as_pointer": ("LenPtr", "f(b, n)"),
    }
    for kind, (name, stmt) in wrapped.items():
        namespace = {"b": data, "s": text, "n": size}
        cases[key.format(via="wrapper", kind=kind)] = wrapper_case(
            module, name, stmt, namespace, size
        )
    return cases


def back_cases(module: ModuleType, prefix: str, label: str, size: int) -> Cases:
    """A C string of *size* bytes from Go: ``C.CString`` copies out, Python copies into bytes."""
    lib, ffi = module.lib, module.ffi
    raw = Case(
        "p = f(n); s = string(p); free(p)",
        {"f": lib.Repeat, "string": ffi.string, "free": lib.Free, "n": size},
    )
    wrapper = wrapper_case(module, "Repeat", "s = f(n)", {"n": size}, None)
    returned = wrapper.namespace["f"](size)
    if not isinstance(returned, (str, bytes)) or len(returned) != size:
        raise AssertionError(f"the Repeat wrapper returned {returned!r:.60}, not {size} characters")
    return {f"back_ns.{prefix}_lib.{label}": raw, f"back_ns.{prefix}_wrapper.{label}": wrapper}


def wrapper_function(module: ModuleType, name: str) -> Any:
    """The generated Python function *name* next to ``lib``: the module must have it."""
    function = getattr(module, name, None)
    if not callable(function):
        raise LookupError(f"no wrapper function {name} in {module.__name__}")
    return function


def wrapper_case(
    module: ModuleType, name: str, stmt: str, namespace: dict[str, Any], expect: Any
) -> Case:
    """The wrapper *name* called as *stmt* (``main`` probes it, as every case, before timing)."""
    return Case(stmt, {"f": wrapper_function(module, name), **namespace}, expect)


def probe(case: Case) -> None:
    """Run a case once; check the result where the case knows it."""
    code = case.stmt if case.expect is None or ";" in case.stmt else f"result = {case.stmt}"
    namespace = dict(case.namespace)
    exec(code, namespace)
    if case.expect is not None and "result" in namespace and namespace["result"] != case.expect:
        raise AssertionError(
            f"`{case.stmt}` gave {namespace['result']!r}, expected {case.expect!r}"
        )


def go_library(module: ModuleType) -> Path:
    (library,) = Path(module.__file__ or "").parent.glob("lib_native.*")
    return library


def ctypes_add(path: Path, name: str) -> Any:
    function = getattr(ctypes.CDLL(str(path)), name)
    function.argtypes = [ctypes.c_int64, ctypes.c_int64]
    function.restype = ctypes.c_int64
    return function


def c_cases() -> tuple[Cases, Spinners]:
    """The floor: ``add`` in C through cffi API, ABI and ctypes; pure Python; the empty loop."""
    c_api = importlib.import_module("c_api")
    c_abi = importlib.import_module("c_abi")
    library = Path(c_abi.__file__ or "").with_name("libcadd.so")
    cases: Cases = {
        "call_ns.c_cffi_api": Case("f(1, 2)", {"f": c_api.lib.add}, 3),
        "call_ns.c_cffi_abi": Case("f(1, 2)", {"f": c_abi.ffi.dlopen(str(library)).add}, 3),
        "call_ns.c_ctypes": Case("f(1, 2)", {"f": ctypes_add(library, "add")}, 3),
        "call_ns.python": Case("f(1, 2)", {"f": python_add}, 3),
        "call_ns.timeit_loop": Case("pass", {}),
    }
    for label, size in SIZES.items():
        source = memoryview(bytearray(size))
        cases[f"back_ns.python_copy.{label}"] = Case("s = bytes(m)", {"m": source})
    return cases, {"spin.python": python_spin}


def plain_archive_cases() -> tuple[Cases, Spinners]:
    """A plain cffi API module on a bare c-archive: the generated module minus the tool."""
    plain = importlib.import_module("plain_pkg.archive_cffi")
    lib, ffi = plain.lib, plain.ffi
    cases: Cases = {"call_ns.go_plain_cffi_api": Case("f(1, 2)", {"f": lib.Add}, 3)}
    for label, size in SIZES.items():
        data = {"fb": ffi.from_buffer, "b": b"x" * size, "n": size}
        key = f"data_ns.go_plain_cffi_api.{{}}.{label}"
        cases[key.format("bytes_as_string")] = Case(
            "f((fb(b), n))", {"f": lib.LenString, **data}, size
        )
        cases[key.format("bytes_as_string_shim")] = Case(
            "f(b, n)", {"f": lib.LenStringShim, **data}, size
        )
    return cases, {}


def plain_cases(kind: str) -> tuple[Cases, Spinners]:
    """The generated module of an ordinary Go package (``plain_shared``/``plain_archive``):
    wrappers, which is what users call, against their comparisons in the same process."""
    module = importlib.import_module(f"plain_{kind.removeprefix('c_')}._plain")
    key = f"plain_ns.{kind}.{{}}"
    floats = wrapper_function(module, "Floats")()
    if floats.typecode != "d" or len(floats) != FLOATS or floats[3] != 1.5:
        raise AssertionError(f"Floats returned {floats!r:.60}, not {FLOATS} doubles")
    data = b"x" * SIZES["1mib"]
    cases: Cases = {
        key.format("add_wrapper"): wrapper_case(module, "Add", "f(1, 2)", {}, 3),
        key.format("add_lib"): Case("f(1, 2)", {"f": shim(module, "Add")}, 3),
        key.format("hello_wrapper"): wrapper_case(module, "Hello", "f()", {}, HELLO),
        key.format("tree"): wrapper_case(module, "Tree", "f()", {}, None),
        key.format("tree_json_e2e"): wrapper_case(
            module, "TreeJSON", "loads(f())", {"loads": json.loads}, None
        ),
        key.format("json_marshal"): wrapper_case(module, "MarshalTree", "f()", {}, None),
        key.format("json_loads"): Case(
            "loads(b)", {"loads": json.loads, "b": wrapper_function(module, "TreeJSON")()}
        ),
        key.format("floats"): wrapper_case(module, "Floats", "f()", {}, None),
        # The comparison of Floats: one copy of as many bytes, in the same process (same malloc).
        key.format("bytes_8mb_copy"): Case("bytes(b)", {"b": bytearray(FLOATS * 8)}),
        key.format("bytes_param_1mib"): wrapper_case(
            module, "LenBytes", "f(b)", {"b": data}, len(data)
        ),
    }
    check_tree(module)
    return cases, {}


# A shim's C name: the tool's prefix, ``call_``, the package's last element and 8 hex digits of
# its import path's digest (names.shim_prefix; none before 4af8960), then the Go name.
SHIM_NAME = re.compile(r"_setuptools_golang_ext_call_(?:\w+_[0-9a-f]{8}_)?(?P<go>\w+)")


def is_shim_of(attr: str, name: str) -> bool:
    found = SHIM_NAME.fullmatch(attr)
    return found is not None and found["go"] == name


def shim(module: ModuleType, name: str) -> Any:
    """The raw cffi function of the shim the tool generated for the Go function *name*."""
    found = [attr for attr in dir(module.lib) if is_shim_of(attr, name)]
    if len(found) != 1:
        raise LookupError(f"no single shim of {name} in {module.__name__}.lib: {found}")
    return getattr(module.lib, found[0])


def check_tree(module: ModuleType) -> None:
    """The pickled tree is the JSON tree, times aside (JSON has their RFC 3339 text)."""
    tree = wrapper_function(module, "Tree")()
    from_json = json.loads(wrapper_function(module, "TreeJSON")())
    leaves = wrapper_function(module, "TreeLeaves")()
    counted = count_leaves(tree)
    if not leaves == counted == count_leaves(from_json) == TREE_LEAVES:
        raise AssertionError(f"tree leaves: Go {leaves}, pickle {counted}, expected {TREE_LEAVES}")
    times = count_leaves(tree, datetime.datetime)
    if times == 0 or as_json(tree) != from_json:
        raise AssertionError("Tree() and json.loads(TreeJSON()) differ")
    marshalled = wrapper_function(module, "MarshalTree")()
    if marshalled != len(wrapper_function(module, "TreeJSON")()):
        raise AssertionError(f"MarshalTree gave {marshalled} bytes, TreeJSON another length")


def count_leaves(value: Any, kind: type = object) -> int:
    if isinstance(value, dict):
        return sum(count_leaves(item, kind) for item in value.values())
    if isinstance(value, list):
        return sum(count_leaves(item, kind) for item in value)
    return int(isinstance(value, kind))


def as_json(value: Any) -> Any:
    """*value* with its datetimes as Go's JSON writes them (RFC 3339; no UTC here)."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def capi_cases() -> tuple[Cases, Spinners]:
    capi_go = importlib.import_module("capi_go")
    return {"call_ns.capi_go": Case("f(1, 2)", {"f": capi_go.add}, 3)}, {}


def python_add(a: int, b: int) -> int:
    return a + b


def python_spin(n: int) -> int:
    """The Go ``Spin`` loop in Python: it holds the GIL."""
    x, mask = 88172645463325252, (1 << 64) - 1
    for _ in range(n):
        x ^= (x << 13) & mask
        x ^= x >> 7
        x ^= (x << 17) & mask
    return x >> 1


KINDS: dict[str, Callable[[], tuple[Cases, Spinners]]] = {
    "c_shared": lambda: go_cases("c_shared"),
    "c_archive": lambda: go_cases("c_archive"),
    "c": c_cases,
    "capi": capi_cases,
    "plain_archive": plain_archive_cases,
    "plain_c_shared": lambda: plain_cases("c_shared"),
    "plain_c_archive": lambda: plain_cases("c_archive"),
}


# --- measuring -------------------------------------------------------------------------------


def calibrate(case: Case, target: float) -> int:
    """The loop count that makes one timing last about *target* seconds."""
    timer, number = case.timer(), 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= target / 10 or number >= 10**8:
            return max(1, round(number * target / max(elapsed, 1e-9)))
        number *= 10


def time_case(case: Case, number: int) -> float:
    """Nanoseconds per execution of the statement, *number* executions in a row."""
    return case.timer().timeit(number) / number * 1e9


def calibrate_spin(spin: Spinner, probe_n: int, target: float) -> int:
    start = time.perf_counter()
    spin(probe_n)
    elapsed = time.perf_counter() - start
    return max(1, round(probe_n * target / max(elapsed, 1e-9)))


def run_threads(spin: Spinner, n: int, threads: int, calls: int) -> float:
    """Wall time for *threads* threads that each make *calls* calls of ``spin(n)``."""
    barrier = threading.Barrier(threads + 1)
    everywhere = set(
        PINNED
    )  # every CPU the process may use, saved before the main thread was pinned

    def body() -> None:
        if everywhere:
            os.sched_setaffinity(0, everywhere)  # threads inherit the main thread's pin
        barrier.wait()
        for _ in range(calls):
            spin(n)

    workers = [threading.Thread(target=body) for _ in range(threads)]
    for worker in workers:
        worker.start()
    barrier.wait()
    start = time.perf_counter()
    for worker in workers:
        worker.join()
    return time.perf_counter() - start


PINNED: set[int] = set()


def pin_main_thread() -> None:
    """Pin the calling (main) thread to one CPU, after the Go runtime has started unpinned."""
    allowed = sorted(os.sched_getaffinity(0))
    PINNED.update(allowed)
    os.sched_setaffinity(0, {allowed[-1]})


# --- the request loop ------------------------------------------------------------------------


def handle(request: dict[str, Any], cases: Cases, spinners: Spinners) -> dict[str, Any]:
    op = request["op"]
    if op == "cases":
        return {"cases": list(cases), "spinners": list(spinners)}
    if op == "calibrate":
        return {"number": calibrate(cases[request["case"]], request["target"])}
    if op == "time":
        return {"ns": time_case(cases[request["case"]], request["number"])}
    if op == "calibrate_spin":
        name = request["case"]
        probe_n = SPIN_PROBE["python" if name == "spin.python" else "go"]
        return {"n": calibrate_spin(spinners[name], probe_n, request["target"])}
    if op == "threads":
        spin = spinners[request["case"]]
        return {"seconds": run_threads(spin, request["n"], request["threads"], request["calls"])}
    if op == "versions":
        cffi = importlib.import_module("cffi")
        return {"python": sys.version.split()[0], "cffi": cffi.__version__}
    raise ValueError(f"unknown op {op!r}")


def main(argv: list[str], kinds: dict[str, Callable[[], tuple[Cases, Spinners]]] = KINDS) -> None:
    """Serve the cases of the kind ``argv[0]`` (of *kinds*: valueworker.py has its own)."""
    cases, spinners = kinds[argv[0]]()
    for name, case in cases.items():
        try:
            probe(case)
        except Exception as exc:
            raise RuntimeError(f"{argv[0]} worker, case {name}: {exc!r}") from exc
    if "--pin" in argv:
        pin_main_thread()
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "quit":
            break
        try:
            reply = handle(request, cases, spinners)
        except Exception as exc:
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
