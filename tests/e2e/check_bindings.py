"""Exercise the generated wrappers of the bindings fixture; run in a fresh venv's interpreter.

``python check_bindings.py MODULE`` — every expectation is computed here, independently of Go.
"""

from __future__ import annotations

import ctypes
import importlib
import inspect
import sys
from array import array
from typing import Any


def raises(exception: type[BaseException], function: Any, *args: Any) -> BaseException:
    try:
        function(*args)
    except exception as caught:
        return caught
    raise AssertionError(f"{function.__name__}{args} did not raise {exception.__name__}")


def check_error_convention(m: Any) -> None:
    runtime = importlib.import_module(m.__name__.rpartition(".")[0] + "._go_runtime")
    assert m.GoError is runtime.GoError and issubclass(m.GoError, RuntimeError)
    assert m.ParseInt("-42") == -42
    assert 'parsing "x": invalid syntax' in str(raises(m.GoError, m.ParseInt, "x"))
    assert m.Check(True) is None
    assert str(raises(m.GoError, m.Check, False)) == "check failed"
    described = m.Describe(5)
    assert described == ("n=5", len("n=5")) and type(described).__name__ == "DescribeResult"
    assert (described.label, described.size) == ("n=5", 3)
    assert str(raises(m.GoError, m.Describe, -1)) == "negative: -1"


def check_strings(m: Any) -> None:
    assert m.Upper("abc") == "ABC" and m.Upper(b"abc") == "ABC"
    assert m.Upper("é") == "É"  # non-ASCII text crosses as UTF-8 both ways
    assert m.Split("key=value=x", "=") == ("key", "value=x")
    assert m.Split("a=b", b"=")._fields == ("head", "tail")
    assert m.CLength("four") == 4 and m.CLength(b"four") == 4
    assert "NUL" in str(raises(ValueError, m.CLength, "a\0b"))
    assert m.Repeat("ab", 3) == "ababab"
    assert m.Nothing() == ""


def check_results_and_names(m: Any) -> None:
    low_high = m.MinMax([3, -1, 2])
    assert low_high == (-1, 3) and type(low_high) is tuple
    assert m.IsEven(4) is True and m.IsEven(3) is False
    assert m.Keywords(from_=1, lambda_=2, class_=3) == 6
    assert list(inspect.signature(m.Keywords).parameters) == ["from_", "lambda_", "class_"]
    assert list(inspect.signature(m.ParseInt).parameters) == ["s"]
    raises(OverflowError, m.IsEven, 2**70)
    assert "parses s as a base-10 integer" in m.ParseInt.__doc__
    assert "func ParseInt(s string) (value int64, err *C.char)" in m.ParseInt.__doc__


def address_of(buffer: Any) -> int:
    return ctypes.addressof(ctypes.c_char.from_buffer(buffer))


def check_buffers(m: Any) -> None:
    data = bytearray(b"abcdef")
    assert m.Fill(data, ord("z")) == 6 and data == b"zzzzzz"
    view = memoryview(data)[2:4]
    assert m.Fill(view, ord("y")) == 2 and data == b"zzyyzz"
    assert m.BytesAddress(data) == address_of(data)
    constant = b"\x00" * 6  # Go writes into its []byte: a copy, never the immutable bytes
    assert m.Fill(constant, ord("A")) == 6 and constant == bytes(6) and bytes(6) == b"\x00" * 6
    assert m.BytesAddress(constant) != ctypes.cast(ctypes.c_char_p(constant), ctypes.c_void_p).value
    text = b"immutable bytes"
    assert m.StringAddress(text) == ctypes.cast(ctypes.c_char_p(text), ctypes.c_void_p).value
    numbers = array("q", [1, 2, 3])
    assert m.Int64Address(numbers) == numbers.buffer_info()[0]
    m.Double(numbers)
    assert numbers.tolist() == [2, 4, 6]
    assert m.SumFloat64([1.5, 2.25]) == 3.75 and m.SumFloat64(array("d", [1.0, 2.0])) == 3.0
    assert m.SumUint16(array("H", [1, 2, 65535])) == 65538 and m.SumUint16((4, 5)) == 9
    raises(OverflowError, m.SumUint16, array("h", [-1]))


def check_imported_package_exports(m: Any) -> None:
    """Exports of the non-main package `words` are bound although cgo's header lacks them."""
    assert m.WordCount("one two  three") == 3
    assert m.Count("a b") == 2
    assert m.Shout("hey") == "HEY!"
    assert "number of words" in m.Count.__doc__


def main(module_name: str) -> None:
    module = importlib.import_module(module_name)
    checks = (check_error_convention, check_strings, check_results_and_names, check_buffers)
    for check in (*checks, check_imported_package_exports):
        check(module)
    print("bindings ok")


if __name__ == "__main__":
    main(sys.argv[1])
