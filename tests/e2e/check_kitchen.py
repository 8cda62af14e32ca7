"""Call every export of the kitchen fixture through the installed module's raw ``lib``.

Run by the end-to-end tests with the interpreter of a fresh venv: ``python check_kitchen.py MODULE``.
Expected values are computed here in Python, independently of Go.
"""

from __future__ import annotations

import importlib
import math
import struct
import sys


def wrap(value: int, bits: int, signed: bool) -> int:
    value &= (1 << bits) - 1
    return value - (1 << bits) if signed and value >= 1 << (bits - 1) else value


class Checker:
    """Records which exports were checked, so that none is forgotten."""

    def __init__(self, module_name: str) -> None:
        module = importlib.import_module(module_name)
        self.ffi, self.lib = module.ffi, module.lib
        self.checked: set[str] = set()

    def __call__(self, name: str, actual: object, expected: object) -> None:
        assert actual == expected, f"{name}: got {actual!r}, expected {expected!r}"
        self.checked.add(name)

    def unchecked(self) -> set[str]:
        lib = self.lib
        exported = {n for n in dir(lib) if n[:1].isupper() and callable(getattr(lib, n))}
        return exported - self.checked


def check_scalars(check: Checker) -> None:
    lib = check.lib
    for bits in (8, 16, 32, 64):
        for signed in (True, False):
            name = f"Add{'Int' if signed else 'Uint'}{bits}"
            # Operands that overflow, so Go's wrapping arithmetic shows.
            a, b = ((1 << (bits - 1)) - 1, 3) if signed else ((1 << bits) - 2, 5)
            check(name, getattr(lib, name)(a, b), wrap(a + b, bits, signed))
    check("AddInt", lib.AddInt(-7, 3), -4)
    check("AddUint", lib.AddUint(7, 3), 10)
    check("AddUintptr", lib.AddUintptr(1 << 40, 1), (1 << 40) + 1)
    single = struct.unpack("f", struct.pack("f", 1.5 * 2.25))[0]
    check("Scale32", lib.Scale32(1.5, 2.25), single)
    check("Scale", lib.Scale(math.pi, 2.0), math.pi * 2.0)
    check("Negate", bool(lib.Negate(True)), False)
    check("Answer", lib.Answer(), 42)
    check("Magic", lib.Magic(), lib.KITCHEN_MAGIC)
    lib.SetCount(10)
    lib.Bump()
    check("Bump", lib.Count(), 11)
    check.checked.update({"SetCount", "Count"})


def check_strings(check: Checker) -> None:
    ffi, lib = check.ffi, check.lib
    greeting = lib.Greet(b"gopher")
    check("Greet", ffi.string(greeting), b"hello, gopher")
    lib.Free(greeting)
    check("Free", True, True)
    check("CStrLen", lib.CStrLen(b"four"), 4)
    assert lib.CStrLen(ffi.NULL) == -1
    text = "grüße".encode()
    check("StringLen", lib.StringLen((ffi.from_buffer(text), len(text))), len(text))
    left, right = b"go", b"pher"
    joined = lib.Concat((ffi.from_buffer(left), len(left)), (ffi.from_buffer(right), len(right)))
    check("Concat", ffi.string(joined), left + right)
    lib.Free(joined)


def check_slices_and_results(check: Checker) -> None:
    ffi, lib = check.ffi, check.lib
    numbers = [5, -2, 1 << 40, 7]
    array = ffi.new("int64_t[]", numbers)
    check("SumInt64", lib.SumInt64((array, len(numbers), len(numbers))), sum(numbers))
    payload = bytes(range(200))
    slice_of = (ffi.from_buffer(payload), len(payload), len(payload))
    check("BytesLen", lib.BytesLen(slice_of), len(payload))
    check("ByteSum", lib.ByteSum(slice_of), sum(payload))
    quotient = lib.DivMod(-17, 5)
    check("DivMod", (quotient.r0, quotient.r1), (int(-17 / 5), -17 - 5 * int(-17 / 5)))
    stats = lib.Stats((array, len(numbers), len(numbers)))
    expected = (len(numbers), sum(numbers) / len(numbers), True)
    check("Stats", (stats.r0, stats.r1, bool(stats.r2)), expected)
    assert not lib.Stats((ffi.NULL, 0, 0)).r2


def check_preamble_types(check: Checker) -> None:
    ffi, lib = check.ffi, check.lib
    point = lib.MakePoint(3, -4)
    check("MakePoint", (point.x, point.y), (3, -4))
    check("Manhattan", lib.Manhattan(point), 7)
    moving = ffi.new("Point *", {"x": 1, "y": 1})
    lib.MovePoint(moving, 2, -3)
    check("MovePoint", (moving.x, moving.y), (3, -2))
    check("NextColor", lib.NextColor(lib.COLOR_BLUE), lib.COLOR_RED)
    name = lib.ColorName(lib.COLOR_GREEN)
    check("ColorName", ffi.string(name), b"green")
    lib.Free(name)
    rect = ffi.new("Rect *", {"width": 2.5, "height": 4.0})
    check("RectArea", lib.RectArea(rect[0]), 10.0)
    lib.ScaleRect(rect, 2.0)
    check("ScaleRect", (rect.width, rect.height), (5.0, 8.0))


def check_pointers(check: Checker) -> None:
    ffi, lib = check.ffi, check.lib
    buffer = bytearray(8)
    lib.FillBytes(ffi.from_buffer(buffer), 5, 0xAB)
    check("FillBytes", bytes(buffer), b"\xab" * 5 + b"\x00" * 3)
    check("IsNilMap", bool(lib.IsNilMap(ffi.NULL)), True)
    check("IsNilChan", bool(lib.IsNilChan(ffi.NULL)), True)
    check("IsNilInterface", bool(lib.IsNilInterface((ffi.NULL, ffi.NULL))), True)
    check("IsNilError", bool(lib.IsNilError((ffi.NULL, ffi.NULL))), True)


def main(module_name: str) -> None:
    check = Checker(module_name)
    for part in (
        check_scalars,
        check_strings,
        check_slices_and_results,
        check_preamble_types,
        check_pointers,
    ):
        part(check)
    missing = check.unchecked()
    assert not missing, f"exports not checked: {sorted(missing)}"
    print(f"checked {len(check.checked)} exports")


if __name__ == "__main__":
    main(sys.argv[1])
