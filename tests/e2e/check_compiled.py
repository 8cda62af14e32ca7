"""The compiled wrappers of a c-archive module (issue 15); run in a fresh venv's interpreter.

``python check_compiled.py MODULE`` with the bindings fixture built in c-archive mode. Every
call the C code hands to its fallback (the Python wrapper) must behave as the Python wrapper
does; the expectations are computed here or taken from raw ``lib``, never from the C code.
"""

from __future__ import annotations

import importlib
import inspect
import pickle
import sys
import threading
from typing import Any

# Exports whose arguments and results all convert in C; the others keep Python wrappers.
COMPILED = ("ParseInt", "Check", "Describe", "Upper", "Split", "IsEven", "Keywords", "CLength")
PYTHON = ("MinMax", "SumFloat64", "Double")


def raised(function: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    try:
        function(*args, **kwargs)
    except Exception as error:
        return type(error).__name__, str(error)
    raise AssertionError(f"{function} did not raise")


def check_kinds(m: Any) -> None:
    for name in COMPILED:
        function = getattr(m, name)
        assert type(function).__name__ == "compiled_function", (name, type(function))
        assert inspect.isfunction(function), name  # as the Python wrapper it stands for
        assert function.__name__ == name and function.__module__ == m.__name__
        assert f"<function {name} at " in repr(function)
    for name in PYTHON:
        assert type(getattr(m, name)).__name__ == "function", name


def check_fallbacks(m: Any) -> None:
    """Calls the C code does not take itself: the Python wrapper's results and errors."""
    assert m.Keywords(1, lambda_=2, class_=3) == 6  # keyword arguments
    assert m.Upper(bytearray(b"abc")) == "ABC" and m.Upper(memoryview(b"xy")) == "XY"

    class Text(str):
        pass

    assert m.Upper(Text("go")) == "GO"
    assert m.IsEven(True) is False  # a bool where an int goes: cffi takes it
    assert m.Check(1) is None  # an int where a bool goes: bool(1)
    assert m.Describe(n=2) == ("n=2", 3)
    guard = m.lib._setuptools_golang_ext_guard_IsEven
    assert raised(m.IsEven, 2**70) == raised(guard, 2**70)  # cffi's own OverflowError
    assert raised(m.IsEven, -(2**70)) == raised(guard, -(2**70))
    assert raised(m.IsEven, 1.5) == raised(guard, 1.5)
    assert raised(m.IsEven, "1") == raised(guard, "1")
    assert raised(m.CLength, "a\0b") == (
        "ValueError",
        "s: a C string cannot contain NUL characters",
    )
    assert raised(m.Upper, "\ud800")[0] == "UnicodeEncodeError"
    assert raised(m.IsEven)[1] == "IsEven() missing 1 required positional argument: 'n'"
    assert raised(m.IsEven, 1, 2)[1] == "IsEven() takes 1 positional argument but 2 were given"
    assert raised(m.IsEven, x=1)[1] == "IsEven() got an unexpected keyword argument 'x'"


def check_fast_paths(m: Any) -> None:
    assert m.IsEven(2**62) is True and m.Keywords(-1, 0, 2**40) == 2**40 - 1
    assert m.ParseInt("-9") == -9 and m.ParseInt(b"12") == 12
    assert raised(m.ParseInt, "x") == ("GoError", 'strconv.ParseInt: parsing "x": invalid syntax')
    assert raised(m.Check, False) == ("GoError", "check failed")
    assert raised(m.Describe, -1) == ("GoError", "negative: -1")
    assert m.Upper("grüne") == "GRÜNE" and m.Upper("") == ""
    assert m.CLength("four") == 4 and m.CLength(b"") == 0
    split = m.Split("a=b", "=")
    assert split == ("a", "b") and type(split) is m.SplitResult


def check_introspection(m: Any) -> None:
    signature = inspect.signature(m.ParseInt)
    assert str(signature) == "(s: 'str | bytes') -> 'int'", signature
    assert "parses s as a base-10 integer" in (inspect.getdoc(m.ParseInt) or "")
    assert pickle.loads(pickle.dumps(m.ParseInt)) is m.ParseInt


def check_threads(m: Any) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for index in range(2000):
                assert m.ParseInt(str(index)) == index
                assert m.Upper("ab") == "AB"
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def check_reload(m: Any) -> None:
    again = importlib.reload(m)
    assert type(again.ParseInt).__name__ == "compiled_function"
    assert again.ParseInt("3") == 3 and raised(again.Check, False)[0] == "GoError"


def main(module_name: str) -> None:
    module = importlib.import_module(module_name)
    for check in (
        check_kinds,
        check_fallbacks,
        check_fast_paths,
        check_introspection,
        check_threads,
        check_reload,
    ):
        check(module)
    print("compiled ok")


if __name__ == "__main__":
    main(sys.argv[1])
