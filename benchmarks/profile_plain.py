#!/usr/bin/env python3
"""Where the time of a plain binding's call goes: each step of the generated wrappers of
``benchmarks/go/plain`` timed on its own, in a lab that ``run.py --keep DIR`` left behind.

    .venv/bin/python benchmarks/run.py --quick --tiny --keep /tmp/lab   # builds the lab
    .venv/bin/python benchmarks/profile_plain.py /tmp/lab                # both modes

Each mode runs in its own process of the lab's runtime venv (one Go runtime per process), its
timing thread pinned to one CPU after the Go runtime started, as in the workers. A figure is the
least of 9 ``timeit`` repeats (ns per execution, loop included): the steps are compared with each
other, and other processes only ever add time. The same call shapes in C through cffi (no Go:
``benchmarks/c/shapes.c``) show what cffi itself costs for each shape a shim could have. The
steps are the wrapper's as generated at the lab's commit; a step the module does not have (a
helper renamed since) is left out. Go's side alone: ``go test -bench . -benchmem`` in
``benchmarks/go/codecbench``.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import pickle
import resource
import shutil
import subprocess
import timeit
from array import array
from pathlib import Path
from typing import Any

import cffi
from worker import is_shim_of

HERE = Path(__file__).resolve().parent
MODES = ("c_archive", "c_shared")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lab", type=Path, help="a directory run.py --keep built")
    parser.add_argument("--mode", choices=MODES, action="append", help="default: both")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--inside", help=argparse.SUPPRESS)  # the measuring process
    options = parser.parse_args()
    if options.inside:
        print(json.dumps(measure(options.inside, options.lab)))
        return 0
    lab = options.lab.resolve()
    shapes = build_shapes(lab / "profile")
    figures = {}
    for mode in [*(options.mode or MODES), "c_shim"]:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(lab / "extra"), str(shapes)])}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        python = lab / "runtime" / "bin" / "python"
        command = [str(python), __file__, str(lab), "--inside", mode]
        output = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=True)  # noqa: TID251
        figures[mode] = json.loads(output.stdout)
    if "c_archive" in figures:
        figures["c_archive"].update(figures.pop("c_shim"))
    else:
        figures.pop("c_shim")
    print(render(figures))
    if options.json:
        options.json.write_text(json.dumps(figures, indent=1) + "\n")
    return 0


def build_shapes(directory: Path) -> Path:
    """``shapes_api`` (cffi API mode) and ``libshapes.so`` (for ABI mode) in *directory*."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    source = HERE / "c" / "shapes.c"
    cdef = (HERE / "c" / "shapes_cdef.h").read_text()
    cc = ["cc", "-O2", "-shared", "-fPIC", "-o", str(directory / "libshapes.so"), str(source)]
    subprocess.run(cc, check=True)  # noqa: TID251
    api = cffi.FFI()
    api.cdef(cdef)
    api.set_source("shapes_api", "#include <stdint.h>\n" + cdef, sources=[str(source)])
    built = Path(api.compile(tmpdir=str(directory / "build"), verbose=False))
    shutil.copy2(built, directory / built.name)
    return directory


# --- inside the runtime venv ------------------------------------------------------------------


class Probe:
    """The plain module of one mode, and timing of statements against its namespace."""

    def __init__(self, mode: str, lab: Path) -> None:
        self.module = importlib.import_module(f"plain_{mode.removeprefix('c_')}._plain")
        self.ffi, self.lib = self.module.ffi, self.module.lib
        self.module.Add(1, 2)  # the Go runtime has started: pin now, as the workers do
        allowed = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {allowed[-1]})
        abi = cffi.FFI()
        abi.cdef(
            (HERE / "c" / "shapes_cdef.h").read_text() + "void free(void *); void *malloc(size_t);"
        )
        shapes_api = importlib.import_module("shapes_api")
        self.api_ffi = shapes_api.ffi
        self.kept: list[Any] = []  # results kept alive for the steps, freed by close()
        self.namespace = {
            **vars(self.module),
            "loads": pickle.loads,
            "json": json,
            "array": array,
            "gc": gc,
            "try_finally": try_finally,
            "NULL": self.ffi.NULL,
            "abi": abi.dlopen(str(lab / "profile" / "libshapes.so")),
            "api": shapes_api.lib,
            "fb": self.api_ffi.from_buffer,
            "libc": abi.dlopen(None),
        }

    @property
    def lib_free(self) -> Any:
        return self.namespace["_free"]

    def shim(self, name: str) -> Any:
        (found,) = (a for a in dir(self.lib) if is_shim_of(a, name))
        return getattr(self.lib, found)

    def live(self, name: str) -> tuple[Any, Any, int]:
        """A result of shim *name* kept alive until close(): (cdata, char *, size)."""
        result = self.shim(name)()
        self.kept.append(result)
        return result, self.ffi.cast("char *", result.r0), result.r1

    def ns(self, stmt: str, **names: object) -> float:
        """The least of 9 timings, in ns per execution of *stmt* (the loop included): other
        processes only ever add time to a step, and steps are compared with each other."""
        timer = timeit.Timer(stmt, globals={**self.namespace, **names})
        try:
            number = max(1, timer.autorange()[0] // 4)
            runs = [timer.timeit(number) / number * 1e9 for _ in range(9)]
        except Exception as exc:
            raise RuntimeError(f"{stmt}: {exc}") from exc
        return min(runs)

    def faults(self, stmt: str, number: int, **names: object) -> float:
        """Minor page faults per execution of *stmt*: fresh memory the kernel maps on first
        touch (after one execution, so that steady state is what counts)."""
        timer = timeit.Timer(stmt, globals={**self.namespace, **names})
        timer.timeit(1)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        timer.timeit(number)
        return (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / number

    def close(self) -> None:
        for result in self.kept:
            self.lib_free(result.r0)


def try_finally(value: object) -> object:
    try:
        return value
    finally:
        pass


def measure(mode: str, lab: Path) -> dict[str, float]:
    if mode == "c_shim":
        return c_shim_wrapper()
    probe = Probe(mode, lab)
    try:
        return {
            **scalar_and_string(probe),
            **call_shapes(probe),
            **floats(probe),
            **tree(probe),
            **bytes_parameter(probe),
            **helpers(probe),
        }
    finally:
        probe.close()


def scalar_and_string(probe: Probe) -> dict[str, float]:
    ns, ffi = probe.ns, probe.ffi
    hello, hello_p, hello_n = probe.live("Hello")
    pickled = pickle.dumps("hello, go!", 5)  # a small pickle in C memory (Hello may not be one)
    small = ffi.new("char[]", pickled)
    free = probe.lib_free
    return {
        "add_wrapper": ns("Add(1, 2)"),
        "add_shim": ns("f(1, 2)", f=probe.shim("Add")),
        "panics_read": ns("_panics[0]"),
        "python_call_try_finally": ns("try_finally(1)"),
        "timeit_loop": ns("pass"),
        "hello_wrapper": ns("Hello()"),
        "hello_shim_and_free": ns("free(f().r0)", f=probe.shim("Hello"), free=free),
        "free_null_go_export": ns("free(NULL)", free=free),
        "free_null_libc_abi": ns("libc.free(NULL)"),
        "result_r0_r1": ns("r.r0; r.r1", r=hello),
        "ffi_buffer_small": ns("ffi.buffer(p, n)", p=hello.r0, n=hello_n),
        "ffi_unpack_small": ns("ffi.unpack(p, n)", p=hello_p, n=hello_n),
        "loads_buffer_small": ns("loads(ffi.buffer(p, n))", p=small, n=len(pickled)),
        "loads_unpack_small": ns("loads(ffi.unpack(p, n))", p=small, n=len(pickled)),
        "loads_bytes_small": ns("loads(b)", b=pickled),
        "str_of_buffer_small": ns("str(ffi.buffer(p, 10), 'utf-8', 'replace')", p=hello_p),
        "unpack_decode_small": ns(
            "ffi.unpack(p, n).decode('utf-8', 'replace')", p=hello_p, n=hello_n
        ),
    }


def call_shapes(probe: Probe) -> dict[str, float]:
    """cffi's own cost of each call shape, in C (API mode, then ABI mode)."""
    ns = probe.ns
    return {
        "c_api_scalar": ns("api.shape_scalar(1, 2)"),
        "c_api_pair_result": ns("api.shape_pair_result()"),
        "c_api_pair_result_fields": ns("r = api.shape_pair_result(); r.data; r.size"),
        "c_api_pointer_out_param": ns(
            "api.shape_pointer_result(size); size[0]", size=probe.api_ffi.new("int64_t *")
        ),
        "c_api_inline_result_str": ns(
            "r = api.shape_inline_result(); unpack(r.inline_, r.size).decode('utf-8', 'replace')",
            unpack=probe.api_ffi.unpack,
        ),
        "c_api_into_bytearray": ns("b = bytearray(64); api.shape_into(fb(b), 64)"),
        "c_api_free_null": ns("api.shape_free(NULL)"),
        "c_abi_scalar": ns("abi.shape_scalar(1, 2)"),
        "c_abi_pair_result": ns("abi.shape_pair_result()"),
    }


def floats(probe: Probe) -> dict[str, float]:
    ns = probe.ns
    _, p, n = probe.live("Floats")
    return {
        "floats_wrapper": ns("Floats()"),
        "bytes_8mb_copy": ns("bytes(b)", b=bytearray(8_000_000)),
        "floats_shim_and_free": ns("free(f().r0)", f=probe.shim("Floats"), free=probe.lib_free),
        "floats_loads_buffer": ns("loads(ffi.buffer(p, n))", p=p, n=n),
        "floats_unpack_8mb": ns("ffi.unpack(p, n)", p=p, n=n),
        "floats_loads_unpacked": ns("loads(ffi.unpack(p, n))", p=p, n=n),
        "bytes_of_c_buffer_8mb": ns("bytes(ffi.buffer(p, n))", p=p, n=n),
        "array_from_bytes_8mb": ns("array('d', b)", b=bytes(8_000_000)),
        "array_from_c_buffer_8mb": ns(
            "array('d').frombytes(ffi.buffer(p + n - 8_000_000, 8_000_000))", p=p, n=n
        ),
        "floor_malloc_copy_frombytes_free": ns(
            "q = libc.malloc(8_000_000); ffi.memmove(q, p, 8_000_000); "
            "a = array('d'); a.frombytes(ffi.buffer(q, 8_000_000)); libc.free(q)",
            p=p,
        ),
        "memoryview_cast_c_buffer": ns("memoryview(ffi.buffer(p, 8_000_000)).cast('d')", p=p),
        "faults_floats_wrapper": probe.faults("Floats()", 20),
        "faults_floats_shim_and_free": probe.faults(
            "free(f().r0)", 20, f=probe.shim("Floats"), free=probe.lib_free
        ),
        "faults_floats_loads_buffer": probe.faults("loads(ffi.buffer(p, n))", 20, p=p, n=n),
        "faults_floats_loads_unpacked": probe.faults("loads(ffi.unpack(p, n))", 20, p=p, n=n),
        "faults_bytes_8mb_copy": probe.faults("bytes(b)", 20, b=bytearray(8_000_000)),
        "faults_floor": probe.faults(
            "q = libc.malloc(8_000_000); ffi.memmove(q, p, 8_000_000); "
            "a = array('d'); a.frombytes(ffi.buffer(q, 8_000_000)); libc.free(q)",
            20,
            p=p,
        ),
    }


def tree(probe: Probe) -> dict[str, float]:
    ns = probe.ns
    _, p, n = probe.live("Tree")
    json_bytes = probe.module.TreeJSON()
    return {
        "tree_wrapper": ns("Tree()"),
        "tree_wrapper_gc_on": ns("gc.enable(); Tree(); gc.disable()"),
        "tree_shim_and_free": ns("free(f().r0)", f=probe.shim("Tree"), free=probe.lib_free),
        "tree_loads_buffer": ns("loads(ffi.buffer(p, n))", p=p, n=n),
        "tree_loads_unpacked": ns("loads(ffi.unpack(p, n))", p=p, n=n),
        "tree_loads_bytes": ns("loads(b)", b=probe.ffi.unpack(p, n)),
        "tree_json_marshal": ns("MarshalTree()"),
        "tree_json_loads": ns("json.loads(b)", b=json_bytes),
        "faults_tree_wrapper": probe.faults("Tree()", 20),
        "tree_stream_bytes": float(n),
        "tree_json_bytes": float(len(json_bytes)),
    }


def bytes_parameter(probe: Probe) -> dict[str, float]:
    ns, ffi = probe.ns, probe.ffi
    mib = b"x" * (1 << 20)
    n = len(mib)
    return {
        "bytes_param_wrapper": ns("LenBytes(b)", b=mib),
        "bytes_slice_helper": ns("_bytes_slice(b)", b=mib),
        "from_buffer": ns("ffi.from_buffer(b)", b=mib),
        "bytes_param_shim": ns(
            "f((ffi.from_buffer(b), n, n))", f=probe.shim("LenBytes"), b=mib, n=n
        ),
        "bytes_param_shim_prebuilt": ns(
            "f(t)", f=probe.shim("LenBytes"), t=(ffi.from_buffer(mib), n, n)
        ),
        "c_api_slice_param": ns(
            "api.shape_slice_param(t)", t=(probe.api_ffi.from_buffer(mib), n, n)
        ),
        "c_api_pointer_param": ns("api.shape_pointer_param(b, n)", b=mib, n=n),
    }


def c_shim_wrapper() -> dict[str, float]:
    """A []byte parameter through a C shim in the cffi API module (``bytes`` passed as ``char *``
    and its length; the shim builds the Go value), in the wrapper's shape, against the same
    wrapper around the scalar ``Add`` and around the struct way of today: measured on the plain
    cffi API module of the bench package (a bare c-archive, its own Go runtime and process;
    ``LenStringShim`` builds a GoString, as a []byte shim would build a GoSlice)."""
    plain = importlib.import_module("plain_pkg.archive_cffi")
    ffi, lib = plain.ffi, plain.lib
    panics = memoryview(bytearray(4)).cast("i")  # the panic count's read, as in the wrappers
    allowed = sorted(os.sched_getaffinity(0))
    lib.Add(1, 2)
    os.sched_setaffinity(0, {allowed[-1]})
    code = """
def add(a, b):
    try:
        _result = _add(a, b)
    except BaseException:
        raise
    if _panics[0]:
        raise RuntimeError
    return _result


def len_shim(b):
    if type(b) is bytes:  # cffi passes bytes as char * without a copy
        _arg0, _arg1 = b, len(b)
    else:
        raise NotImplementedError  # other buffers: the struct way, as today
    try:
        _result = _shim(_arg0, _arg1)
    except BaseException:
        raise
    if _panics[0]:
        raise RuntimeError
    return _result


def _go_string(value):
    data = ffi.from_buffer(value)
    return data, len(data)


def len_struct(b):
    _arg0 = _go_string(b)
    try:
        _result = _len(_arg0)
    except BaseException:
        raise
    if _panics[0]:
        raise RuntimeError
    return _result
"""
    namespace: dict[str, Any] = {
        "_add": lib.Add,
        "_shim": lib.LenStringShim,
        "_len": lib.LenString,
        "_panics": panics,
        "ffi": ffi,
    }
    exec(code, namespace)
    mib = b"x" * (1 << 20)

    def ns(stmt: str) -> float:
        timer = timeit.Timer(stmt, globals={**namespace, "b": mib})
        number = max(1, timer.autorange()[0] // 4)
        return min(timer.timeit(number) / number * 1e9 for _ in range(9))

    return {
        "sim_add_wrapper": ns("add(1, 2)"),
        "sim_bytes_wrapper_c_shim": ns("len_shim(b)"),
        "sim_bytes_wrapper_struct": ns("len_struct(b)"),
    }


def helpers(probe: Probe) -> dict[str, float]:
    """The helpers of the wrappers at the lab's commit, where it has them."""
    ns, names, out = probe.ns, probe.namespace, {}
    if "_release" in names:
        out["hello_shim_and_release"] = ns("x = f(); _release(x.r0, x.r1)", f=probe.shim("Hello"))
    if "_take_text" in names:
        out["hello_shim_and_take_text"] = ns("_take_text(f())", f=probe.shim("Hello"))
    if "_take_pickle" in names:
        out["floats_shim_and_take_pickle"] = ns("_take_pickle(f())", f=probe.shim("Floats"))
        out["tree_shim_and_take_pickle"] = ns("_take_pickle(f())", f=probe.shim("Tree"))
    return out


LABELS = {
    "timeit_loop": "empty `timeit` loop (in every figure)",
    "add_wrapper": "`Add(1, 2)` wrapper",
    "add_shim": "raw shim `lib._setuptools_golang_ext_call_Add(1, 2)`",
    "panics_read": "`_panics[0]` (the wrapper's panic check)",
    "python_call_try_finally": "a Python call of a function with `try`/`finally`",
    "hello_wrapper": "`Hello()` wrapper (10-byte `str`)",
    "hello_shim_and_free": "raw shim `Hello()` + `_free(r.r0)`",
    "hello_shim_and_release": "raw shim `Hello()` + `_release(r.r0, r.r1)` (batched free)",
    "hello_shim_and_take_text": "raw shim `Hello()` + `_take_text(r)` (the wrapper's helper)",
    "free_null_go_export": "`_free(NULL)`: the Go-exported free, i.e. a C→Go call",
    "free_null_libc_abi": "libc `free(NULL)` through cffi ABI (`dlopen(None)`)",
    "result_r0_r1": "`r.r0; r.r1` of the returned struct",
    "ffi_buffer_small": "`ffi.buffer(p, n)` of `Hello`'s result",
    "ffi_unpack_small": "`ffi.unpack(char_p, n)` of `Hello`'s result",
    "loads_buffer_small": "`pickle.loads(ffi.buffer(p, n))`, a pickled 10-byte `str`",
    "loads_unpack_small": "`pickle.loads(ffi.unpack(p, n))`, the same",
    "loads_bytes_small": "`pickle.loads(bytes)`, the same",
    "str_of_buffer_small": "`str(ffi.buffer(p, 10), 'utf-8', 'replace')`",
    "unpack_decode_small": "`ffi.unpack(p, n).decode('utf-8', 'replace')`",
    "c_api_scalar": "C `int64 f(int64, int64)`, cffi API",
    "c_api_pair_result": "C `struct {char *, int64} f(void)`, cffi API",
    "c_api_pair_result_fields": "the same + reading both fields",
    "c_api_pointer_out_param": "C `char *f(int64 *size)` + `size[0]`, cffi API",
    "c_api_inline_result_str": "C `struct {int64 n; char *p; char s[32]}` + `unpack(r.s, r.n).decode()`, cffi API",
    "c_api_into_bytearray": "`bytearray(64)` + C `f(from_buffer(b), 64)` copying into it, cffi API",
    "c_api_free_null": "C `free(NULL)`, cffi API",
    "c_abi_scalar": "C `int64 f(int64, int64)`, cffi ABI",
    "c_abi_pair_result": "C `struct {char *, int64} f(void)`, cffi ABI",
    "floats_wrapper": "`Floats()` wrapper (1M `float64`)",
    "bytes_8mb_copy": "`bytes(bytearray(8_000_000))` (the goal's comparison)",
    "floats_shim_and_free": "raw shim `Floats()` + `_free` (Go: Encode, C.CBytes)",
    "floats_loads_buffer": "`pickle.loads(ffi.buffer(p, n))` (bytes + array copies)",
    "floats_shim_and_take_pickle": "raw shim `Floats()` + `_take_pickle(r)` (the wrapper's helper)",
    "floats_unpack_8mb": "`ffi.unpack(p, n)`, 8 MB",
    "floats_loads_unpacked": "`pickle.loads(ffi.unpack(p, n))`",
    "bytes_of_c_buffer_8mb": "`bytes(ffi.buffer(p, n))`, 8 MB (one copy out of C memory)",
    "array_from_bytes_8mb": "`array('d', bytes_8mb)` (the array's copy)",
    "array_from_c_buffer_8mb": "`array('d').frombytes(ffi.buffer(...))`: one copy, straight from C memory",
    "floor_malloc_copy_frombytes_free": "C `malloc` + 8 MB `memmove` (Go's least) + `frombytes` + `free`",
    "memoryview_cast_c_buffer": "`memoryview(ffi.buffer(p, 8e6)).cast('d')` (no copy)",
    "faults_floats_wrapper": "page faults per `Floats()` (a 4 KiB page each; 8 MB = 1,953 pages)",
    "faults_floats_shim_and_free": "page faults per raw shim `Floats()` + `_free`",
    "faults_floats_loads_buffer": "page faults per `pickle.loads(ffi.buffer(p, n))`",
    "faults_floats_loads_unpacked": "page faults per `pickle.loads(ffi.unpack(p, n))`",
    "faults_bytes_8mb_copy": "page faults per `bytes(bytearray(8_000_000))`",
    "faults_floor": "page faults per C `malloc` + `memmove` + `frombytes` + `free`",
    "tree_wrapper": "`Tree()` wrapper (100k leaves; GC off, as in `timeit`)",
    "tree_wrapper_gc_on": "`Tree()` wrapper with the GC on",
    "tree_shim_and_free": "raw shim `Tree()` + `_free` (Go: Encode, C.CBytes)",
    "tree_loads_buffer": "`pickle.loads(ffi.buffer(p, n))` of the tree",
    "tree_shim_and_take_pickle": "raw shim `Tree()` + `_take_pickle(r)` (the wrapper's helper)",
    "tree_loads_unpacked": "`pickle.loads(ffi.unpack(p, n))` of the tree",
    "tree_loads_bytes": "`pickle.loads(bytes)` of the tree (a copy made beforehand)",
    "tree_json_marshal": "`MarshalTree()`: Go `json.Marshal`, length back",
    "tree_json_loads": "`json.loads` of the same JSON",
    "faults_tree_wrapper": "page faults per `Tree()`",
    "tree_stream_bytes": "pickle stream, bytes",
    "tree_json_bytes": "JSON text, bytes",
    "bytes_param_wrapper": "`LenBytes(b)` wrapper, 1 MiB",
    "bytes_slice_helper": "`_bytes_slice(b)` (the helper alone)",
    "from_buffer": "`ffi.from_buffer(b)`",
    "bytes_param_shim": "raw shim `f((from_buffer(b), n, n))`",
    "bytes_param_shim_prebuilt": "raw shim `f(t)`, the tuple made beforehand",
    "c_api_slice_param": "C `f(struct {void *, int64, int64})` with a tuple, cffi API",
    "c_api_pointer_param": "C `f(char *, int64)` with `bytes`, cffi API",
    "sim_add_wrapper": "bare c-archive module: `Add` in a wrapper of the generated shape",
    "sim_bytes_wrapper_c_shim": "the same, 1 MiB `bytes` through a C shim `(char *, n)`",
    "sim_bytes_wrapper_struct": "the same, 1 MiB `bytes` as a Go struct (today's way)",
}


def render(figures: dict[str, dict[str, float]]) -> str:
    modes = list(figures)
    head = "| step | " + " | ".join(f"{mode.replace('_', '-')}: ns" for mode in modes) + " |"
    lines = [head, "|---|" + "---|" * len(modes)]
    for key, label in LABELS.items():
        cells = [f"{figures[mode][key]:,.0f}" if key in figures[mode] else "" for mode in modes]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
