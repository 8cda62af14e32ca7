"""Values above 2 GiB cross whole on the direct paths of an ordinary package (a []byte and a
string argument, a string result): ``python check_big.py fixture_pkg._native``. Needs ~7 GiB
of memory. Prints "big ok"."""

from __future__ import annotations

import importlib
import sys

SIZE = 2**31 + 17  # beyond a C int


def main() -> None:
    m = importlib.import_module(sys.argv[1])
    buffer = bytearray(SIZE)
    assert m.LenOf(buffer) == SIZE
    del buffer
    text = m.Repeat(SIZE)
    assert len(text) == SIZE and text[-1] == "x"
    assert m.StrLen(text) == SIZE
    print("big ok")


if __name__ == "__main__":
    main()
