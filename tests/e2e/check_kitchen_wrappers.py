"""Call every export of the kitchen fixture through the generated Python wrappers.

``python check_kitchen_wrappers.py MODULE``, in a fresh venv. Expected values are computed here.
"""

from __future__ import annotations

import importlib
import math
import struct
import sys
from array import array
from typing import Any

from check_kitchen import wrap


class Checker:
    def __init__(self, module_name: str) -> None:
        self.module: Any = importlib.import_module(module_name)
        self.checked: set[str] = set()

    def __call__(self, name: str, actual: object, expected: object) -> None:
        assert actual == expected, f"{name}: got {actual!r}, expected {expected!r}"
        assert isinstance(actual, type(expected)), f"{name}: {type(actual)} is not {type(expected)}"
        self.checked.add(name)


def check_scalars(check: Checker) -> None:
    m = check.module
    for bits in (8, 16, 32, 64):
        for signed in (True, False):
            name = f"Add{'Int' if signed else 'Uint'}{bits}"
            a, b = ((1 << (bits - 1)) - 1, 3) if signed else ((1 << bits) - 2, 5)
            check(name, getattr(m, name)(a, b), wrap(a + b, bits, signed))
            try:
                getattr(m, name)(1 << bits, 0)
            except OverflowError:
                pass
            else:
                raise AssertionError(f"{name} accepted an out-of-range integer")
    check("AddInt", m.AddInt(-7, 3), -4)
    check("AddUint", m.AddUint(7, 3), 10)
    check("AddUintptr", m.AddUintptr(1 << 40, 1), (1 << 40) + 1)
    check("Scale32", m.Scale32(1.5, 2.25), struct.unpack("f", struct.pack("f", 1.5 * 2.25))[0])
    check("Scale", m.Scale(math.pi, 2), math.pi * 2)
    check("Negate", m.Negate(True), False)
    check("Answer", m.Answer(), 42)
    check("Magic", m.Magic(), m.lib.KITCHEN_MAGIC)
    check("SetCount", m.SetCount(10), None)
    check("Bump", m.Bump(), None)
    check("Count", m.Count(), 11)


def check_strings_and_slices(check: Checker) -> None:
    m = check.module
    check("Greet", m.Greet("gopher"), "hello, gopher")
    check("CStrLen", m.CStrLen(b"four"), 4)
    check("StringLen", m.StringLen("grüße"), len("grüße".encode()))
    check("Concat", m.Concat("go", b"pher"), "gopher")
    numbers = [5, -2, 1 << 40, 7]
    check("SumInt64", m.SumInt64(numbers), sum(numbers))
    assert m.SumInt64(array("q", numbers)) == sum(numbers)
    payload = bytes(range(200))
    check("BytesLen", m.BytesLen(payload), len(payload))
    check("ByteSum", m.ByteSum(bytearray(payload)), sum(payload))
    check("DivMod", m.DivMod(-17, 5), (int(-17 / 5), -17 - 5 * int(-17 / 5)))
    assert m.DivMod(7, 2)._fields == ("q", "r")
    check("Stats", tuple(m.Stats(numbers)), (len(numbers), sum(numbers) / len(numbers), True))
    assert m.Stats([]).ok is False


def check_c_types(check: Checker) -> None:
    m = check.module
    ffi, lib = m.ffi, m.lib
    point = m.MakePoint(3, -4)
    check("MakePoint", (point.x, point.y), (3, -4))
    check("Manhattan", m.Manhattan(point), 7)
    moving = ffi.new("Point *", {"x": 1, "y": 1})
    m.MovePoint(moving, 2, -3)
    check("MovePoint", (moving.x, moving.y), (3, -2))
    check("NextColor", m.NextColor(lib.COLOR_BLUE), lib.COLOR_RED)
    check("ColorName", m.ColorName(lib.COLOR_GREEN), "green")
    check("RectArea", m.RectArea({"width": 2.5, "height": 4.0}), 10.0)
    rect = ffi.new("Rect *", {"width": 2.5, "height": 4.0})
    m.ScaleRect(rect, 2)
    check("ScaleRect", (rect.width, rect.height), (5.0, 8.0))
    buffer = bytearray(8)
    m.FillBytes(ffi.from_buffer(buffer), 5, 0xAB)
    check("FillBytes", bytes(buffer), b"\xab" * 5 + b"\x00" * 3)
    raw = lib.Greet(b"x")
    check("Free", m.Free(raw), None)
    check("IsNilMap", m.IsNilMap(ffi.NULL), True)
    check("IsNilChan", m.IsNilChan(ffi.NULL), True)
    check("IsNilInterface", m.IsNilInterface((ffi.NULL, ffi.NULL)), True)
    check("IsNilError", m.IsNilError((ffi.NULL, ffi.NULL)), True)


def main(module_name: str) -> None:
    check = Checker(module_name)
    for part in (check_scalars, check_strings_and_slices, check_c_types):
        part(check)
    missing = set(check.module.__all__) - check.checked
    missing -= {"GoError", "GoPanic", "interruptible", "ffi", "lib", "DivModResult", "StatsResult"}
    assert not missing, f"wrappers not checked: {sorted(missing)}"
    print(f"checked {len(check.checked)} wrappers")


if __name__ == "__main__":
    main(sys.argv[1])
