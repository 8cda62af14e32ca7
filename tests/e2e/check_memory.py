"""Resident memory growth over many calls that return Go strings: ``MODULE CALLS`` → bytes.

Each call allocates a C string in Go that the wrapper must free; a leak of 80 bytes per call
shows as ~80 MB per million calls.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from pathlib import Path


def resident_bytes() -> int:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


def main(module_name: str, calls: int) -> None:
    repeat = importlib.import_module(module_name).Repeat
    for _ in range(200_000):  # let the Go heap and the allocators reach their steady state
        repeat("x", 64)
    gc.collect()
    before = resident_bytes()
    for _ in range(calls):
        repeat("x", 64)
    gc.collect()
    print(resident_bytes() - before)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
