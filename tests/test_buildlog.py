"""The wording of the build's stage and summary lines (buildlog), without Go."""

from __future__ import annotations

import logging

import pytest

from setuptools_golang_ext.stages import buildlog
from setuptools_golang_ext.stages.buildlog import Bindings, Library


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.0, "0.00 s"),
        (0.0234, "0.02 s"),
        (0.994, "0.99 s"),
        (0.999, "1.0 s"),  # what rounds to a second is shown as seconds are
        (1.0, "1.0 s"),
        (2.14, "2.1 s"),
        (59.94, "59.9 s"),
        (59.97, "1 min 0 s"),
        (60.0, "1 min 0 s"),
        (65.4, "1 min 5 s"),
        (3725.0, "62 min 5 s"),
    ],
)
def test_durations(seconds: float, text: str) -> None:
    assert buildlog.format_duration(seconds) == text


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 B"), (999, "999 B"), (1_000, "1 kB"), (812_345, "812 kB"), (2_400_000, "2.4 MB")],
)
def test_sizes(size: int, text: str) -> None:
    assert buildlog.format_size(size) == text


def test_a_stage_logs_its_duration_when_it_succeeds(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="setuptools_golang_ext")
    with buildlog.stage("go build", "lib_native.so"):
        pass
    assert [record.getMessage() for record in caplog.records] == [
        "go build (lib_native.so): 0.00 s"
    ]


def test_a_failed_stage_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    """The error says what failed; a duration line would read as success."""
    caplog.set_level(logging.INFO, logger="setuptools_golang_ext")
    with pytest.raises(RuntimeError), buildlog.stage("go build", "lib_native.so"):
        raise RuntimeError("compile error")
    assert caplog.records == []


def test_stage_line() -> None:
    assert buildlog.stage_line("header → cdef", "pkg._native", 0.02) == (
        "header → cdef (pkg._native): 0.02 s"
    )


@pytest.mark.parametrize(
    ("bindings", "text"),
    [
        (Bindings(12, skipped=1), "12 exports bound, 1 skipped"),
        (Bindings(1), "1 export bound, none skipped"),
        (Bindings(2, 1, 0, cgo=False), "2 functions and 1 type bound, none skipped"),
        (Bindings(1, 3, 2, cgo=False), "1 function and 3 types bound, 2 skipped"),
        (Bindings(4, 0, 0, cgo=False), "4 functions bound, none skipped"),
    ],
)
def test_what_a_module_binds(bindings: Bindings, text: str) -> None:
    assert bindings.describe() == text


def test_summary_lines() -> None:
    shared = Library("lib_go_runtime.so", 2_412_000, ["pkg._scan"])
    assert buildlog.summary_line("pkg._native", "c-shared", Bindings(10), shared) == (
        "  pkg._native: c-shared, 10 exports bound, none skipped, "
        "library lib_go_runtime.so (2.4 MB, shared with pkg._scan)"
    )
    own = Library("_native_cffi.abi3.so", 1_400_000)
    assert buildlog.summary_line("pkg._native", "c-archive", Bindings(2, 1, 3, cgo=False), own) == (
        "  pkg._native: c-archive, 2 functions and 1 type bound, 3 skipped, "
        "library _native_cffi.abi3.so (1.4 MB)"
    )
    assert buildlog.summary_line("pkg._x", "c-shared", Bindings(1), None) == (
        "  pkg._x: c-shared, 1 export bound, none skipped"
    )


def test_total_line() -> None:
    assert buildlog.total_line(1, 1.5) == "built 1 Go extension in 1.5 s:"
    assert buildlog.total_line(2, 3.41) == "built 2 Go extensions in 3.4 s:"
