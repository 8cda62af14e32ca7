"""The compiled wrappers of a c-archive module (issue 15); run in a fresh venv's interpreter.

``python check_compiled.py MODULE`` with the bindings fixture built in c-archive mode. Every
call the C code hands to its fallback (the Python wrapper) must behave as the Python wrapper
does; the expectations are computed here or taken from raw ``lib``, never from the C code.

``python check_compiled.py MODULE methods`` with the objects fixture: the compiled methods of
Go object classes, each call compared with the same call of the Python method it replaced
(rebuilt from its code), on twin objects.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pickle
import sys
import threading
import types
from typing import Any, Callable

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
    for bad in (2**70, -(2**70), 1.5, "1"):  # cffi's own error, naming the argument
        kind, message = raised(guard, bad)
        assert raised(m.IsEven, bad) == (kind, f"IsEven() argument n: {message}")
    assert raised(m.Check, "no") == ("TypeError", "Check() argument ok: expected bool, got str")
    constant = b"\x00\x00"
    assert m.Fill(constant, 65) == 2 and constant == bytes(2)  # Go wrote a copy
    assert raised(m.CLength, "a\0b") == (
        "ValueError",
        "s: a C string cannot contain NUL characters",
    )
    assert raised(m.Upper, "\ud800") == (
        "ValueError",
        "Upper() argument s: str holds the lone surrogate U+D800 at index 0, which has no UTF-8 "
        "form for a Go string (only U+DC80..U+DCFF, Python's surrogateescape of the bytes "
        "0x80..0xFF, cross)",
    )
    assert m.CLength("a\udcff") == 2  # Go's byte 0xff
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


# Methods of the objects fixture whose arguments and results C converts, and some that stay.
COMPILED_METHODS = {
    "Counter": ("Add", "Value", "Len", "Close", "Crash", "String"),
    "Square": ("Area", "Name"),
    "Shape": ("Area", "Name"),
}
PYTHON_METHODS = {"Counter": ("Upto", "Self")}


def python_method(method: Any, namespace: dict[str, Any]) -> Callable[..., Any]:
    """The Python wrapper a compiled method stands for, rebuilt from its code (the compiled
    method lends its fallback's attributes)."""
    code, defaults = method.__code__, method.__defaults__
    python = types.FunctionType(code, namespace, method.__name__, defaults, method.__closure__)
    python.__annotations__ = dict(method.__annotations__)  # not in the code object
    python.__kwdefaults__ = method.__kwdefaults__
    return python


def outcome(function: Any, *args: Any, **kwargs: Any) -> tuple[str, Any]:
    try:
        value = function(*args, **kwargs)
    except Exception as error:
        return type(error).__name__, str(error)
    return type(value).__name__, value


def check_method_kinds(m: Any) -> None:
    for owner, names in COMPILED_METHODS.items():
        for name in names:
            method = vars(getattr(m, owner))[name]
            assert type(method).__name__ == "compiled_method", (owner, name, type(method))
            assert inspect.isfunction(method) and method.__qualname__ == f"{owner}.{name}"
    for owner, names in PYTHON_METHODS.items():
        for name in names:
            assert type(vars(getattr(m, owner))[name]).__name__ == "function", (owner, name)


def check_methods_behave_as_python(m: Any) -> None:
    add = python_method(m.Counter.Add, vars(m))
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        ((3,), {}),
        ((-(2**62),), {}),
        ((2**70,), {}),  # cffi's OverflowError
        ((1.5,), {}),
        (("1",), {}),
        ((True,), {}),
        ((), {"n": 2}),  # keywords
        ((), {}),
        ((1, 2), {}),
    ]
    for args, kwargs in calls:
        twins = m.Counter("a", 2), m.Counter("a", 2)
        compiled = outcome(twins[0].Add, *args, **kwargs)
        assert compiled == outcome(add, twins[1], *args, **kwargs), (args, kwargs, compiled)
        assert twins[0].Value() == twins[1].Value()
    counter = m.Counter("b", 1)
    assert m.Counter.Add(counter, 4) == 4 and counter.Add(1) == 5  # unbound, then bound
    bound = counter.Add  # a bound method of the compiled one, as a Python method's would be
    assert bound(1) == 6 and bound.__self__ is counter and bound.__func__ is m.Counter.Add
    for stranger in (object(), m.NewSquare(2.0), None):  # not a Counter: the fallback's error
        assert outcome(m.Counter.Add, stranger, 1) == outcome(add, stranger, 1)
    square, shape = m.NewSquare(3.0), m.AsShape(m.NewSquare(2.0))
    assert square.Area() == 9.0 and square.Name() == "square"
    assert m.Shape.Area(square) == 9.0 and shape.Area() == 4.0  # through the interface


def check_methods_errors(m: Any) -> None:
    add = python_method(m.Counter.Add, vars(m))
    counter = m.Counter("c", 1)
    counter.close()
    closed = ("ValueError", "Counter.Add(): this Counter is closed")
    assert outcome(counter.Add, 1) == closed == outcome(add, counter, 1)
    failing = m.Counter("d", 1)
    assert failing.Close() is None
    assert outcome(failing.Close) == ("GoError", "counter already closed")
    crash = outcome(m.Counter("e", 1).Crash)
    assert crash == ("GoPanic", "Go function Counter.Crash panicked: counter e crashed"), crash


def check_methods_introspection(m: Any) -> None:
    add = python_method(m.Counter.Add, vars(m))
    counter = m.Counter("f", 1)
    assert inspect.signature(m.Counter.Add) == inspect.signature(add)
    assert str(inspect.signature(counter.Add)) == "(n: 'int') -> 'int'"
    assert "adds n steps" in (m.Counter.Add.__doc__ or "") and inspect.getdoc(counter.Add)
    assert pickle.loads(pickle.dumps(m.Counter.Add)) is m.Counter.Add


def check_methods_in_a_forked_child(m: Any) -> None:
    if not hasattr(os, "fork"):
        return
    counter = m.Counter("g", 1)
    add = python_method(m.Counter.Add, vars(m))
    pid = os.fork()
    if pid == 0:  # the child: GoForkError from both, the same message
        compiled, python = outcome(counter.Add, 1), outcome(add, counter, 1)
        os._exit(0 if compiled == python and compiled[0] == "GoForkError" else 1)
    _, status = os.waitpid(pid, 0)
    assert status == 0, status
    assert counter.Add(1) == 1  # the parent still calls Go


def check_methods(module_name: str) -> None:
    module = importlib.import_module(module_name)
    for check in (
        check_method_kinds,
        check_methods_behave_as_python,
        check_methods_errors,
        check_methods_introspection,
        check_methods_in_a_forked_child,
    ):
        check(module)
    print("compiled methods ok")


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
    if sys.argv[2:] == ["methods"]:
        check_methods(sys.argv[1])
    else:
        main(sys.argv[1])
