"""The Markdown report: one table per section, then the goals with met/missed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import valuecost
from common import Plan, Results, ratio, table
from derive import PLAIN_RATIOS
from worker import SIZES

CALL_CASES = {
    "go_c_archive_wrapper": "generated module, c-archive, wrapper `mod.Add`",
    "go_c_archive_lib": "generated module, c-archive, raw `mod.lib.Add`",
    "go_c_shared_wrapper": "generated module, c-shared, wrapper `mod.Add`",
    "go_c_shared_lib": "generated module, c-shared, raw `mod.lib.Add`",
    "go_plain_cffi_api": "plain cffi API module on a bare `go build -buildmode=c-archive`",
    "go_plain_cffi_abi": "plain cffi ABI module on the c-shared build's library",
    "c_cffi_api": "C `add`, cffi API mode (out-of-line)",
    "c_cffi_abi": "C `add`, cffi ABI mode (out-of-line)",
    "go_ctypes": "Go library of the c-shared build, ctypes",
    "c_ctypes": "C `add`, ctypes",
    "capi_go": "CPython C-API extension in Go (`PyArg_ParseTuple` via cgo)",
    "python": "pure Python `def add(a, b)`",
    "timeit_loop": "empty `timeit` loop (part of every figure above)",
}
VIAS = {
    f"go_{mode}_{via}": f"{mode.replace('_', '-')}, {via}"
    for mode in ("c_archive", "c_shared")
    for via in ("lib", "wrapper")
}
PLAIN_VIA = {"go_plain_cffi_api": "plain cffi API module, bare c-archive"}
COPY_VIA = {"python_copy": "`bytes(memoryview)` in Python, for scale"}
DATA_KINDS = {
    "bytes_as_string": "`bytes` → Go `string`",
    "bytes_as_string_shim": "`bytes` → C shim `(char *, n)` → Go `string`",
    "str_as_string": "`str` → Go `string`",
    "bytes_as_slice": "`bytes` → Go `[]byte`",
    "bytes_as_pointer": "`bytes` → `*C.char, C.size_t`",
}
SIZE_LABELS = {"10b": "10 B", "1kib": "1 KiB", "1mib": "1 MiB", "64mib": "64 MiB"}
MODES = {"c_shared": "c-shared", "c_archive": "c-archive"}
# The rows of the plain bindings' table: ratio of derive.PLAIN_RATIOS -> (call, comparison).
PLAIN_ROWS = {
    "plain_scalar_vs_cgo": (
        "`Add(1, 2)`, wrapper",
        "the same `Add` in the cgo style (`//export`), wrapper",
    ),
    "plain_scalar_vs_cgo_lib": (
        "`Add(1, 2)`, raw `lib` (the shim)",
        "the cgo style's `Add`, raw `lib`",
    ),
    "plain_string_vs_scalar": ("`Hello()` → `str` (10 bytes)", "plain `Add(1, 2)`"),
    "plain_tree_vs_json": (
        "`Tree()` → `dict`, 100k leaves",
        "Go `json.Marshal` (in Go, length back) + `json.loads` of its bytes",
    ),
    "plain_tree_vs_json_e2e": (
        "`Tree()` → `dict`, 100k leaves",
        "`json.loads(TreeJSON())`: Marshal, the bytes back through the binding, loads",
    ),
    "plain_floats_vs_bytes": ("`Floats()` → `array('d')`, 1M", "`bytes(bytearray(8_000_000))`"),
    "plain_bytes_param_vs_scalar": ("`LenBytes(b)`, 1 MiB `bytes`", "plain `Add(1, 2)`"),
}


@dataclass(frozen=True)
class Goal:
    text: str
    key: str
    limit: float


GOALS = (
    Goal("c-archive call ≤ 1.5x the cffi-API C call", "ratio.c_archive_vs_cffi_api_c", 1.5),
    Goal("c-archive call ≤ 0.85x the C-API-in-Go call", "ratio.c_archive_vs_capi_go", 0.85),
    Goal("c-shared call ≤ 1.45x the cffi-ABI C call", "ratio.c_shared_vs_cffi_abi_c", 1.45),
    Goal("wrapper ≤ 1.5x raw `lib` (worse mode)", "ratio.wrapper_vs_raw_lib", 1.5),
    *(
        Goal(
            f"1 MiB {DATA_KINDS[kind]} ≤ 3x scalar call ({VIAS[via]})",
            f"ratio.data_vs_scalar.{via}.{kind}.1mib",
            3.0,
        )
        for via in VIAS
        for kind in ("bytes_as_string", "bytes_as_slice")
    ),
    *(
        goal
        for mode, label in MODES.items()
        for goal in (
            Goal(
                f"plain-Go `Add` ≤ 1.05x the cgo-style `Add` (wrappers, {label})",
                f"ratio.plain_scalar_vs_cgo.{mode}",
                1.05,
            ),
            Goal(
                f"plain-Go `func() string`, 10 bytes ≤ 1.3x plain `Add` ({label})",
                f"ratio.plain_string_vs_scalar.{mode}",
                1.3,
            ),
            Goal(
                f"100k-leaf `map[string]any` ≤ 0.5x Go `json.Marshal` + `json.loads` ({label})",
                f"ratio.plain_tree_vs_json.{mode}",
                0.5,
            ),
            Goal(
                f"1M `[]float64` result ≤ 3x `bytes()` of 8 MB ({label})",
                f"ratio.plain_floats_vs_bytes.{mode}",
                3.0,
            ),
        )
    ),
    Goal(
        "plain-Go 1 MiB `[]byte` parameter ≤ 1.5x plain `Add` (c-archive, wrapper)",
        "ratio.plain_bytes_param_vs_scalar.c_archive",
        1.5,
    ),
    # Issue 15: the compiled wrappers of c-archive modules.
    Goal(
        "c-archive wrapper `Add` ≤ 1.0x the cffi-API C call",
        "ratio.c_archive_wrapper_vs_cffi_api_c",
        1.0,
    ),
    Goal(
        "c-archive wrapper `Add` ≤ 0.6x the C-API-in-Go call",
        "ratio.c_archive_wrapper_vs_capi_go",
        0.6,
    ),
    Goal(
        "c-archive wrapper: `str`/`bytes` → Go string or `[]byte`, 10 B … 64 MiB ≤ 1.2x `Add` (worst)",
        "ratio.c_archive_wrapper_data_worst",
        1.2,
    ),
    Goal(
        "c-archive wrapper: a 10-byte `str` result ≤ 1.3x `Add`",
        "ratio.c_archive_wrapper_str_result_10b",
        1.3,
    ),
    Goal(
        "c-archive generated module import ≤ 1.3x a plain cffi API module",
        "ratio.import_generated_vs_plain.c_archive",
        1.3,
    ),
    Goal(
        "warm rebuild ≤ 1.3x bare `go build` + 1 s (figure: tool ÷ budget)",
        "ratio.build_warm_vs_budget",
        1.0,
    ),
    Goal(
        "rebuild after a Go edit ≤ 1.3x bare `go build` + 1 s (tool ÷ budget)",
        "ratio.build_edit_vs_budget",
        1.0,
    ),
    Goal(
        "wheel ≤ 1.05x the stripped library (example_pkg)", "ratio.wheel_vs_stripped.example", 1.05
    ),
)


def number(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "n/a"
    if digits == 0 and abs(value) < 100:
        digits = 1
    return f"{value:,.{digits}f}"


def integer(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f}"


def times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def markdown(results: Results, plan: Plan, measured: Sequence[str] | None = None) -> str:
    """The report of the *measured* sections of run.py (None: all); the goals of the other
    sections' figures only when every section ran."""
    shown = set(measured) if measured is not None else {"calls", "imports", "values", "builds"}
    parts = {
        "calls": [calls, data_in, data_out, plain_bindings, threads],
        "builds": [builds, sizes],
        "imports": [imports],
        "values": [valuecost.section],
    }
    sections = [header(results, plan)]
    sections += [part(results) for name, kinds in parts.items() if name in shown for part in kinds]
    if len(shown) == len(parts):
        sections.append(goals(results))
    sections.append(unavailable(results))
    return "\n\n".join(section for section in sections if section) + "\n"


def header(results: Results, plan: Plan) -> str:
    info = "\n".join(f"- {key}: {value}" for key, value in sorted(results.info.items()))
    return f"# setuptools-golang-ext benchmarks ({plan.name} run)\n\n{info}"


def calls(results: Results) -> str:
    get = results.get
    floor = get("call_ns.c_cffi_api")
    rows = [
        [
            f"`{case}`",
            text,
            number(get(f"call_ns.{case}")),
            spread(results, f"call_ns.{case}"),
            times(ratio(get(f"call_ns.{case}"), floor)),
        ]
        for case, text in CALL_CASES.items()
    ]
    head = ["case", "what", "ns/call (median)", "± half IQR", "x C via cffi API"]
    return "## Call cost: `add(int64, int64) -> int64`\n\n" + table(head, rows)


def spread(results: Results, key: str) -> str:
    value = results.get(f"spread.{key}")
    return "" if value is None else f"±{value * 50:.0f}%"


def data_in(results: Results) -> str:
    rows = []
    for via, via_text in {**VIAS, **PLAIN_VIA}.items():
        for kind, kind_text in DATA_KINDS.items():
            keys = [f"{via}.{kind}.{size}" for size in SIZES]
            if not any(f"data_ns.{key}" in results.figures for key in keys):
                continue  # a combination that is not measured at all (not one that is n/a)
            cells = [
                f"{number(results.get(f'data_ns.{key}'))} ({times(results.get(f'ratio.data_vs_scalar.{key}'))})"
                for key in keys
            ]
            rows.append([via_text, kind_text, *cells])
    head = ["module", "argument", *(f"{SIZE_LABELS[size]}: ns (x scalar)" for size in SIZES)]
    intro = (
        "Go returns the length only, so anything above the same module's scalar `Add` call is "
        "conversion or copying. `str` through raw `lib` is encoded (copied) first."
    )
    return f"## Data into Go\n\n{intro}\n\n" + table(head, rows)


def data_out(results: Results) -> str:
    rows = []
    for via, via_text in {**VIAS, **COPY_VIA}.items():
        cells = [
            f"{number(results.get(f'back_ns.{via}.{size}'))} ns, "
            f"{number(results.get(f'gbps.back.{via}.{size}'), 2)} GB/s"
            for size in SIZES
        ]
        rows.append([via_text, *cells])
    head = ["module", *(SIZE_LABELS[size] for size in SIZES)]
    intro = (
        "A C string from Go (`C.CString` of a cached Go string), read into Python and freed: raw "
        "`lib` is `ffi.string(p)` then `lib.Free(p)`."
    )
    return f"## Strings back from Go\n\n{intro}\n\n" + table(head, rows)


def plain_bindings(results: Results) -> str:
    rows = []
    for name, (call, against) in PLAIN_ROWS.items():
        figure, comparison = PLAIN_RATIOS[name]
        row = [call, against]
        for mode in MODES:
            value = results.get(figure.format(mode=mode))
            row.append(f"{number(value)} vs {number(results.get(comparison.format(mode=mode)))}")
            row.append(times(results.get(f"ratio.{name}.{mode}")))
        rows.append(row)
    head = [
        "call (plain binding)",
        "against",
        "c-shared: ns vs ns",
        "x",
        "c-archive: ns vs ns",
        "x",
    ]
    intro = (
        "`benchmarks/go/plain`, an ordinary Go package (no cgo), bound by the tool and called "
        "through the generated functions. Every comparison runs in the same worker process, except "
        "the cgo-style `Add` (the bench package's worker of the same mode)."
    )
    return "## Plain bindings: an ordinary Go package\n\n" + intro + "\n\n" + table(head, rows)


def threads(results: Results) -> str:
    cases = sorted({key.split(".")[1] for key in results.figures if key.startswith("threads_s.")})
    rows = [
        [
            f"`{case}`",
            number(results.get(f"threads_s.{case}.1"), 3),
            number(results.get(f"threads_s.{case}.2"), 3),
            times(results.get(f"ratio.threads_2_vs_1.{case}")),
        ]
        for case in cases
    ]
    head = ["CPU-bound call", "1 thread: s", "2 threads: s", "2 ÷ 1"]
    intro = "Each thread makes the same calls; with the GIL released, 2 threads take as long as 1 on 2 cores."
    return f"## Threads\n\n{intro}\n\n" + table(head, rows)


def builds(results: Results) -> str:
    labels = {
        "cold.bare_go": "cold (empty GOCACHE): bare `go build -buildmode=c-shared`",
        "cold.tool": "cold: `pip wheel --no-build-isolation` (the tool)",
        "warm.bare_go": "warm (nothing changed): bare `go build`",
        "warm.tool": "warm: `pip wheel --no-build-isolation`",
        "warm.tool_isolated": "warm: `pip wheel` with build isolation",
        "edit.bare_go": "one Go file edited: bare `go build`",
        "edit.tool_editable": "one Go file edited: `pip install -e --no-build-isolation`",
    }
    rows = []
    for key, text in labels.items():
        state = key.split(".")[0]
        bare = results.get(f"build_s.{state}.bare_go")
        value = results.get(f"build_s.{key}")
        rows.append([text, number(value, 2), times(ratio(value, bare))])
    return "## Build time of example_pkg (c-shared)\n\n" + table(
        ["build", "s (median)", "x bare go build"], rows
    )


def sizes(results: Results) -> str:
    labels = {
        "example": "example_pkg (c-shared)",
        "bench_c_shared": "bench package, c-shared",
        "bench_c_archive": "bench package, c-archive",
        "one_ext": "one extension with three exports",
        "three_ext": "three extensions of one distribution, one export each",
    }
    rows = []
    for name, text in labels.items():
        get = results.get
        rows.append(
            [
                text,
                integer(get(f"size_bytes.{name}.wheel")),
                integer(get(f"size_bytes.{name}.go_binaries")),
                integer(get(f"count.{name}.go_binaries")),
                integer(get(f"size_bytes.{name}.stripped_go_build")),
                times(get(f"ratio.wheel_vs_stripped.{name}")),
            ]
        )
    head = [
        "wheel of",
        "wheel bytes",
        "Go-built files in it, unpacked bytes",
        "Go-built files",
        "stripped bare go build bytes",
        "wheel ÷ stripped",
    ]
    three = f"Three extensions against one: wheel {times(results.get('ratio.three_vs_one_ext.wheel'))}, Go-built files {times(results.get('ratio.three_vs_one_ext.go_binaries'))} (the three are built into one Go library: one Go runtime per distribution)."
    return "## Size\n\n" + table(head, rows) + "\n\n" + three


def imports(results: Results) -> str:
    labels = {
        "generated_c_shared": "generated module, c-shared",
        "plain_cffi_abi": "plain out-of-line cffi ABI module, same Go library",
        "generated_c_archive": "generated module, c-archive",
        "plain_cffi_api": "plain out-of-line cffi API module, same Go package (bare c-archive)",
        "cffi_backend": "`import _cffi_backend` alone",
    }
    rows = [[text, number(results.get(f"import_ms.{key}"), 2)] for key, text in labels.items()]
    ratios = ", ".join(
        f"{mode}: {times(results.get(f'ratio.import_generated_vs_plain.{mode}'))}"
        for mode in ("c_shared", "c_archive")
    )
    return (
        "## Import time (fresh interpreter, the import statement only)\n\n"
        + table(["module", "ms (median)"], rows)
        + f"\n\nGenerated ÷ plain: {ratios}."
    )


def goals(results: Results) -> str:
    rows = []
    for goal in GOALS:
        value = results.get(goal.key)
        status = "n/a" if value is None else ("met" if value <= goal.limit else "**missed**")
        rows.append(
            [goal.text, times(value) if value is not None else "n/a", f"≤ {goal.limit:g}", status]
        )
    return "## Goals\n\n" + table(["goal", "figure", "limit", "status"], rows)


def unavailable(results: Results) -> str:
    reasons: dict[str, int] = {}
    for reason in results.notes.values():
        reasons[reason] = reasons.get(reason, 0) + 1
    if not reasons:
        return ""
    lines = [f"- {reason} ({count} figures)" for reason, count in sorted(reasons.items())]
    return "## n/a figures\n\n" + "\n".join(lines)
