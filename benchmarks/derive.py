"""Ratios and throughputs computed from the measured figures (all from the same run)."""

from __future__ import annotations

from common import Results, ratio
from worker import SIZES

MODES = ("c_shared", "c_archive")


def derive(results: Results) -> None:
    derive_calls(results)
    derive_wrappers(results)
    derive_data(results)
    derive_plain(results)
    derive_threads(results)
    derive_builds(results)
    derive_sizes(results)
    derive_imports(results)


def put_ratio(results: Results, key: str, numerator: str, denominator: str, note: str = "") -> None:
    results.put(key, ratio(results.get(numerator), results.get(denominator)), note)


def derive_calls(results: Results) -> None:
    put_ratio(
        results, "ratio.c_archive_vs_cffi_api_c", "call_ns.go_c_archive_lib", "call_ns.c_cffi_api"
    )
    put_ratio(
        results, "ratio.c_shared_vs_cffi_abi_c", "call_ns.go_c_shared_lib", "call_ns.c_cffi_abi"
    )
    put_ratio(results, "ratio.c_archive_vs_capi_go", "call_ns.go_c_archive_lib", "call_ns.capi_go")
    put_ratio(results, "ratio.go_ctypes_vs_c_ctypes", "call_ns.go_ctypes", "call_ns.c_ctypes")
    put_ratio(
        results,
        "ratio.c_shared_vs_c_archive",
        "call_ns.go_c_shared_lib",
        "call_ns.go_c_archive_lib",
    )


def derive_wrappers(results: Results) -> None:
    """``ratio.wrapper_vs_raw_lib`` is the worse of the two modes."""
    per_mode = []
    for mode in MODES:
        key = f"ratio.wrapper_vs_raw_lib.{mode}"
        put_ratio(results, key, f"call_ns.go_{mode}_wrapper", f"call_ns.go_{mode}_lib")
        per_mode.append(results.get(key))
    worst = None if None in per_mode else max(value for value in per_mode if value is not None)
    results.put("ratio.wrapper_vs_raw_lib", worst)
    wrapper = "call_ns.go_c_archive_wrapper"
    put_ratio(results, "ratio.c_archive_wrapper_vs_cffi_api_c", wrapper, "call_ns.c_cffi_api")
    put_ratio(results, "ratio.c_archive_wrapper_vs_capi_go", wrapper, "call_ns.capi_go")
    put_ratio(
        results,
        "ratio.c_shared_wrapper_vs_cffi_abi_c",
        "call_ns.go_c_shared_wrapper",
        "call_ns.c_cffi_abi",
    )
    derive_compiled_wrappers(results)


# Arguments the c-archive wrappers convert in C without a scan (a `*C.char` is scanned for NUL).
ZERO_COPY_KINDS = ("bytes_as_string", "str_as_string", "bytes_as_slice")


def derive_compiled_wrappers(results: Results) -> None:
    """Issue 15: the worst `str`/`bytes` argument against `Add`, and a 10-byte `str` result."""
    wrapper = "call_ns.go_c_archive_wrapper"
    data = [
        ratio(results.get(f"data_ns.go_c_archive_wrapper.{kind}.{size}"), results.get(wrapper))
        for kind in ZERO_COPY_KINDS
        for size in SIZES
    ]
    worst = None if None in data else max(value for value in data if value is not None)
    results.put("ratio.c_archive_wrapper_data_worst", worst)
    put_ratio(
        results,
        "ratio.c_archive_wrapper_str_result_10b",
        "back_ns.go_c_archive_wrapper.10b",
        wrapper,
    )


def derive_data(results: Results) -> None:
    """Data in: ratio to the same module's scalar call (same mode, same wrapper/lib); out: GB/s."""
    for key in list(results.figures):
        kind, _, rest = key.partition(".")
        if kind == "data_ns":
            via, what, size = rest.split(".")
            note = results.notes.get(key, "")
            put_ratio(results, f"ratio.data_vs_scalar.{rest}", key, f"call_ns.{via}", note)
            if what == "str_as_string":
                results.put(f"gbps.data.{rest}", ratio(float(SIZES[size]), results.get(key)), note)
        elif kind == "back_ns":
            _, size = rest.split(".")
            results.put(
                f"gbps.back.{rest}",
                ratio(float(SIZES[size]), results.get(key)),
                results.notes.get(key, ""),
            )


# Bindings of an ordinary Go package (issue 10): ratio -> (figure, comparison), per mode. Each
# comparison runs in the plain module's own worker, except the cgo style's Add (bench's worker).
PLAIN_RATIOS = {
    "plain_scalar_vs_cgo": ("plain_ns.{mode}.add_wrapper", "call_ns.go_{mode}_wrapper"),
    "plain_scalar_vs_cgo_lib": ("plain_ns.{mode}.add_lib", "call_ns.go_{mode}_lib"),
    "plain_string_vs_scalar": ("plain_ns.{mode}.hello_wrapper", "plain_ns.{mode}.add_wrapper"),
    "plain_tree_vs_json": ("plain_ns.{mode}.tree", "plain_ns.{mode}.json_marshal_plus_loads"),
    "plain_tree_vs_json_e2e": ("plain_ns.{mode}.tree", "plain_ns.{mode}.tree_json_e2e"),
    "plain_floats_vs_bytes": ("plain_ns.{mode}.floats", "plain_ns.{mode}.bytes_8mb_copy"),
    "plain_bytes_param_vs_scalar": (
        "plain_ns.{mode}.bytes_param_1mib",
        "plain_ns.{mode}.add_wrapper",
    ),
}


def derive_plain(results: Results) -> None:
    """Go's JSON way is Marshal (timed in Go, a number back) plus ``json.loads`` of its bytes."""
    for mode in MODES:
        marshal = results.get(f"plain_ns.{mode}.json_marshal")
        loads = results.get(f"plain_ns.{mode}.json_loads")
        both = None if marshal is None or loads is None else marshal + loads
        results.put(f"plain_ns.{mode}.json_marshal_plus_loads", both)
        for name, (figure, comparison) in PLAIN_RATIOS.items():
            put_ratio(
                results,
                f"ratio.{name}.{mode}",
                figure.format(mode=mode),
                comparison.format(mode=mode),
            )


def derive_threads(results: Results) -> None:
    for key in list(results.figures):
        if key.startswith("threads_s.") and key.endswith(".1"):
            case = key.removeprefix("threads_s.").removesuffix(".1")
            put_ratio(results, f"ratio.threads_2_vs_1.{case}", f"threads_s.{case}.2", key)


def derive_builds(results: Results) -> None:
    pairs = {"cold": "tool", "warm": "tool", "edit": "tool_editable"}
    for state, tool in pairs.items():
        put_ratio(
            results,
            f"ratio.build_{state}_vs_bare",
            f"build_s.{state}.{tool}",
            f"build_s.{state}.bare_go",
        )
        bare = results.get(f"build_s.{state}.bare_go")
        budget = None if bare is None else 1.3 * bare + 1.0
        results.put(f"build_s.{state}.budget", budget)
        put_ratio(
            results,
            f"ratio.build_{state}_vs_budget",
            f"build_s.{state}.{tool}",
            f"build_s.{state}.budget",
        )


def derive_sizes(results: Results) -> None:
    for name in ("example", "bench_c_shared", "bench_c_archive"):
        stripped = f"size_bytes.{name}.stripped_go_build"
        put_ratio(results, f"ratio.wheel_vs_stripped.{name}", f"size_bytes.{name}.wheel", stripped)
        put_ratio(
            results,
            f"ratio.go_binaries_vs_stripped.{name}",
            f"size_bytes.{name}.go_binaries",
            stripped,
        )
    for what in ("wheel", "go_binaries"):
        key = f"size_bytes.{{}}.{what}"
        put_ratio(
            results,
            f"ratio.three_vs_one_ext.{what}",
            key.format("three_ext"),
            key.format("one_ext"),
        )


def derive_imports(results: Results) -> None:
    put_ratio(
        results,
        "ratio.import_generated_vs_plain.c_shared",
        "import_ms.generated_c_shared",
        "import_ms.plain_cffi_abi",
    )
    put_ratio(
        results,
        "ratio.import_generated_vs_plain.c_archive",
        "import_ms.generated_c_archive",
        "import_ms.plain_cffi_api",
    )
