"""The benchmark suite keeps working: ``benchmarks/run.py --quick --tiny`` runs every section.

It checks the report and the JSON figures exist and are positive numbers, and that only what a
tiny run does not measure is null (a wrapper or any case that fails its probe call fails the
run); it asserts no timings (the figures of a tiny run mean nothing).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest
from conftest import ROOT, go_available, run

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not go_available(), reason="the benchmarks build Go"),
]

REQUIRED = (
    "call_ns.go_c_archive_lib",
    "call_ns.go_c_shared_lib",
    "call_ns.go_c_archive_wrapper",
    "call_ns.go_c_shared_wrapper",
    "call_ns.c_cffi_api",
    "call_ns.c_cffi_abi",
    "call_ns.go_ctypes",
    "call_ns.capi_go",
    "call_ns.python",
    "ratio.c_archive_vs_cffi_api_c",
    "ratio.c_shared_vs_cffi_abi_c",
    "ratio.c_archive_vs_capi_go",
    "ratio.wrapper_vs_raw_lib",
    "data_ns.go_c_archive_lib.bytes_as_string.1mib",
    "data_ns.go_c_shared_wrapper.bytes_as_pointer.1kib",
    "back_ns.go_c_archive_wrapper.64mib",
    "ratio.data_vs_scalar.go_c_shared_lib.bytes_as_slice.64mib",
    "gbps.back.go_c_archive_lib.1kib",
    "ratio.threads_2_vs_1.go_c_archive_lib",
    "ratio.threads_2_vs_1.go_c_shared_wrapper",
    "build_s.warm.tool",
    "build_s.warm.bare_go",
    "build_s.edit.tool_editable",
    "ratio.build_warm_vs_budget",
    "ratio.wheel_vs_stripped.example",
    "ratio.three_vs_one_ext.wheel",
    "import_ms.generated_c_shared",
    "import_ms.plain_cffi_abi",
    # Bindings of an ordinary Go package (issue 10), both modes: a broken path fails the run.
    *(
        f"{figure}.{mode}"
        for mode in ("c_shared", "c_archive")
        for figure in (
            "ratio.plain_scalar_vs_cgo",
            "ratio.plain_scalar_vs_cgo_lib",
            "ratio.plain_string_vs_scalar",
            "ratio.plain_tree_vs_json",
            "ratio.plain_tree_vs_json_e2e",
            "ratio.plain_floats_vs_bytes",
            "ratio.plain_bytes_param_vs_scalar",
        )
    ),
    "plain_ns.c_archive.tree",
    "plain_ns.c_shared.json_marshal_plus_loads",
    "plain_ns.c_archive.floats",
    "plain_ns.c_shared.bytes_8mb_copy",
    # Go values richer than numbers (issue 22), every row in both modes: valuecost.py.
    *(
        f"ratio.values.{mode}.{row}"
        for mode in ("c_shared", "c_archive")
        for row in ("mid", "stamp", "hello", "ctx", "floats", "bytes", "map", "seq", "chan")
    ),
    "ratio.values.c_archive.import",
    "ratio.values.shared_add",
    "ratio.values.shared_hello",
)
# What a tiny run does not measure (PLANS["tiny"]: no cold and no isolated builds), and the
# ratios of those figures: the only figures that may be null.
NOT_MEASURED_BY_TINY = ("build_s.cold.", "build_s.warm.tool_isolated", "ratio.build_cold_")


def test_quick_tiny_run_reports_every_figure(tmp_path: Path) -> None:
    output = tmp_path / "figures.json"
    script = ROOT / "benchmarks" / "run.py"
    result = run([sys.executable, script, "--quick", "--tiny", "--json", output], cwd=tmp_path)

    figures = json.loads(output.read_text())
    missing = [key for key in REQUIRED if key not in figures]
    assert missing == []
    numbers = {key: value for key, value in figures.items() if not key.startswith("info.")}
    null = [key for key, value in numbers.items() if value is None]
    assert null, "a tiny run measures no cold builds: their figures are null"
    assert [key for key in null if not key.startswith(NOT_MEASURED_BY_TINY)] == []
    bad = {
        key: value
        for key, value in numbers.items()
        if value is not None and not (isinstance(value, (int, float)) and math.isfinite(value))
    }
    assert bad == {}
    not_positive = {
        key: value
        for key, value in numbers.items()
        if value is not None and value <= 0 and not key.startswith("spread.")
    }
    assert not_positive == {}
    headings = ("## Call cost", "## Data into Go", "## Plain bindings", "## Threads", "## Size")
    headings += ("## Values (issue 22)",)
    for heading in (*headings, "## Build time"):
        assert heading in result.stdout
    assert "## Goals" in result.stdout
