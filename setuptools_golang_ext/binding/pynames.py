"""The one rule that gives Go names their Python names: a Go name that Python or the generated
module already uses gets a trailing underscore.

Go's exported names start with an upper case letter, as Python's exception classes do: a Go
type ``TypeError`` bound as a class ``TypeError`` would replace the built-in inside the
generated module (its own ``raise TypeError`` and ``except TypeError`` would use the Go class)
and in every module that does ``from ... import *``. So a Go function, type, sentinel error or
parameter named like

* a Python keyword (``None``, ``True``, ``from``...),
* a built-in name (``TypeError``, ``Exception``, ``Ellipsis``..., and the built-ins generated
  wrappers call: ``bool``, ``len``...), or
* a name the generated module or its stub defines or imports (``GoError``, ``ffi``, ``lib``,
  ``Any``, ``Buffer``, ``Sequence``, ``datetime``...)

is bound as that name plus ``_`` (``TypeError_``; ``lib`` keeps Go's name). The lists are fixed
here, not read from the running Python, so that every Python builds the same module.
"""

from __future__ import annotations

import keyword

from setuptools_golang_ext.runtime import runtime_support

# Built-in names that start with an upper case letter (exported Go names can be these), in
# every Python the tool supports, and the lower case built-ins that wrapper bodies call.
BUILTIN_NAMES = frozenset(
    {
        "ArithmeticError",
        "AssertionError",
        "AttributeError",
        "BaseException",
        "BaseExceptionGroup",
        "BlockingIOError",
        "BrokenPipeError",
        "BufferError",
        "BytesWarning",
        "ChildProcessError",
        "ConnectionAbortedError",
        "ConnectionError",
        "ConnectionRefusedError",
        "ConnectionResetError",
        "DeprecationWarning",
        "EOFError",
        "Ellipsis",
        "EncodingWarning",
        "EnvironmentError",
        "Exception",
        "ExceptionGroup",
        "FileExistsError",
        "FileNotFoundError",
        "FloatingPointError",
        "FutureWarning",
        "GeneratorExit",
        "IOError",
        "ImportError",
        "ImportWarning",
        "IndentationError",
        "IndexError",
        "InterruptedError",
        "IsADirectoryError",
        "KeyError",
        "KeyboardInterrupt",
        "LookupError",
        "MemoryError",
        "ModuleNotFoundError",
        "NameError",
        "NotADirectoryError",
        "NotImplemented",
        "NotImplementedError",
        "OSError",
        "OverflowError",
        "PendingDeprecationWarning",
        "PermissionError",
        "ProcessLookupError",
        "PythonFinalizationError",
        "RecursionError",
        "ReferenceError",
        "ResourceWarning",
        "RuntimeError",
        "RuntimeWarning",
        "StopAsyncIteration",
        "StopIteration",
        "SyntaxError",
        "SyntaxWarning",
        "SystemError",
        "SystemExit",
        "TabError",
        "TimeoutError",
        "TypeError",
        "UnboundLocalError",
        "UnicodeDecodeError",
        "UnicodeEncodeError",
        "UnicodeError",
        "UnicodeTranslateError",
        "UnicodeWarning",
        "UserWarning",
        "ValueError",
        "Warning",
        "ZeroDivisionError",
        # Called in wrapper bodies, where a parameter of the name would hide them.
        "bool",
        "len",
        "list",
        "memoryview",
        "tuple",
    }
)

# What generated modules and stubs define or import at module level.
MODULE_NAMES = frozenset(
    {
        *runtime_support.__all__,  # GoError, GoPanic, interruptible...
        "GoRef",  # the support's pointer Go fills (module_support.py)
        "ffi",
        "lib",
        "TYPE_CHECKING",
        # The annotations' imports.
        "Any",
        "Buffer",
        "Callable",
        "Iterable",
        "Iterator",
        "Mapping",
        "NamedTuple",
        "Sequence",
        "TypeVar",
        "array",
        "datetime",
        "decimal",  # the module of decimal.Decimal (*big.Float), not the class: Go types keep it
        "fractions",  # the module of fractions.Fraction (*big.Rat)
        "time",
        "timedelta",
    }
)

RESERVED_NAMES = BUILTIN_NAMES | MODULE_NAMES


def is_reserved(name: str) -> bool:
    """Whether a Go name is one Python or the generated module already uses."""
    return keyword.iskeyword(name) or name in RESERVED_NAMES


def python_name_of(go_name: str) -> str:
    """The Python name of a Go function, type or sentinel error."""
    return go_name + "_" if is_reserved(go_name) else go_name
