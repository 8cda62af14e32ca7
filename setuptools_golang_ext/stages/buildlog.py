"""What a build tells its user: how long each stage took, and what each extension came to.

Every stage logs one line when it ends (``go build (lib_native.so): 2.1 s``), and the build
ends with one summary line per extension. They are ``INFO`` lines of the
``setuptools_golang_ext`` logger, which setuptools prints and ``pip install -v`` shows. The
wording of each line is made here, in one place, and checked by the tests.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

log = logging.getLogger("setuptools_golang_ext")


def format_duration(seconds: float) -> str:
    """``0.02 s``, ``2.1 s``, ``1 min 5 s``: two decimals under a second, one under a minute."""
    if round(seconds, 2) < 1:
        return f"{seconds:.2f} s"
    if round(seconds, 1) < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"


def format_size(size: int) -> str:
    """``2.4 MB``, ``812 kB``, ``96 B`` (decimal units, as pip and PyPI show sizes)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} kB"
    return f"{size} B"


def stage_line(stage: str, subject: str, seconds: float) -> str:
    """``go build (lib_native.so): 2.1 s``."""
    return f"{stage} ({subject}): {format_duration(seconds)}"


@contextmanager
def stage(name: str, subject: str) -> Iterator[None]:
    """Log how long the ``with`` block took, as stage *name* of *subject*, when it succeeds
    (a failure is reported by its error instead)."""
    started = time.perf_counter()
    yield
    log.info("%s", stage_line(name, subject, time.perf_counter() - started))


@dataclass(frozen=True)
class Bindings:
    """What one extension's module binds: Go functions (cgo exports, or the functions of an
    ordinary package), struct types as classes, and how many exported names were skipped."""

    functions: int
    types: int = 0
    skipped: int = 0
    cgo: bool = True  # cgo exports, rather than an ordinary package's functions

    def describe(self) -> str:
        """``12 exports bound, 1 skipped`` / ``2 functions and 1 type bound, none skipped``."""
        if self.cgo:
            bound = _count(self.functions, "export")
        else:
            bound = _count(self.functions, "function")
            if self.types:
                bound += " and " + _count(self.types, "type")
        skipped = str(self.skipped) if self.skipped else "none"
        return f"{bound} bound, {skipped} skipped"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@dataclass(frozen=True)
class Library:
    """The file holding an extension's Go code, as installed, and the modules that share it."""

    name: str
    size: int
    shared_with: Sequence[str] = ()

    def describe(self) -> str:
        """``library lib_go_runtime.so (2.4 MB, shared with pkg._scan)``."""
        details = [format_size(self.size)]
        if self.shared_with:
            details.append("shared with " + ", ".join(self.shared_with))
        return f"library {self.name} ({', '.join(details)})"


def summary_line(target: str, mode: str, bindings: Bindings, library: Library | None) -> str:
    """``pkg._native: c-shared, 12 exports bound, 1 skipped, library lib_native.so (2.1 MB)``."""
    parts = [mode, bindings.describe()]
    if library is not None:
        parts.append(library.describe())
    return f"  {target}: {', '.join(parts)}"


def total_line(extensions: int, seconds: float) -> str:
    """``built 2 Go extensions in 3.4 s:``, the line above the summaries."""
    return f"built {_count(extensions, 'Go extension')} in {format_duration(seconds)}:"
