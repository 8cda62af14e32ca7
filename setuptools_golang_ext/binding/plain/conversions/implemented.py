"""Interfaces Python implements: a parameter of an interface type of the package takes a Go
object of it or any Python object with its methods, and an ``io.Reader``, ``io.Writer``,
``io.Closer`` (or a combination) parameter takes a Go one or a Python binary file. Go calls
the Python object's methods through the callbacks' dispatcher: the shim takes its callable
first, as a callback's, and a Go value of the package's adapter type (or the codec's Python
file) owns it while Go keeps it."""

from __future__ import annotations

from abc import abstractmethod

from setuptools_golang_ext.names import INTERNAL_PREFIX
from setuptools_golang_ext.stages.introspect import GoAPIFunction, GoType

from .base import ArgumentConversion, GoScope, go_lookup, inner_type, reported

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainArgument

# The io interfaces a Python binary file implements, by Go's name: the Go methods the value
# Go gets has ("r" Read, "w" Write, "c" Close), which the Python file must have.
IO_FILES = {
    "io.Reader": "r",
    "io.Writer": "w",
    "io.Closer": "c",
    "io.ReadWriter": "rw",
    "io.ReadCloser": "rc",
    "io.WriteCloser": "wc",
    "io.ReadWriteCloser": "rwc",
}

# The prefix of the Go type that implements an interface of the package by calling Python.
PYTHON_ADAPTER = f"{INTERNAL_PREFIX}python_"


def io_method(method: GoAPIFunction) -> str:
    """The Python file's method that serves *method* when it has the shape of io's ``Read``,
    ``Write`` or ``Close`` ("read", "write", "close"), else "": Go's buffer of a ``Read`` must
    be filled, which a call of ``Read`` with a copy of it cannot do."""
    params = [param.type.go for param in method.params]
    results = [result.type.go for result in method.results]
    shapes = {
        "Read": (["[]byte"], ["int", "error"]),
        "Write": (["[]byte"], ["int", "error"]),
        "Close": ([], ["error"]),
    }
    if not method.variadic and shapes.get(method.name) == (params, results):
        return method.name.lower()
    return ""


def io_file_methods(go_type: GoType) -> str:
    """The methods of *go_type* when it is one of io's file interfaces (``"rc"``), else ""."""
    methods = IO_FILES.get(go_type.go, "")
    return methods if methods and go_type.spell == f"\x01io\x02.{go_type.go[3:]}" else ""


class _PythonObjectArgument(ArgumentConversion):
    """A Go object's handle, or a Python object's callable with the high bit set: the shim
    takes the callable first, makes the Go value that calls it, and reports after the call
    a result of it that did not fit."""

    support = True
    registers = True  # the wrapper registers a callable: its call ends the registration

    def go_parameter(self, argument: PlainArgument) -> str:
        return "uint64"

    def go_first(self, argument: PlainArgument, index: int) -> list[str]:
        return [f"f{index} := {INTERNAL_PREFIX}take_python(p{index})"]

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        spelled = scope.spell(argument.type)
        found = go_lookup(
            f"v{index}", f"p{index}", spelled, f"argument {argument.name}", nullable=True
        )
        return [
            f"var a{index} {spelled}",
            f"if f{index} != nil {{",
            f"\ta{index} = {self.adapter(argument, index, scope)}",
            "} else {",
            *(f"\t{line}" for line in found),
            f"\ta{index} = v{index}",
            "}",
        ]

    @abstractmethod
    def adapter(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        """The Go value made for the Python object whose callable is ``f<index>``."""

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return f"a{index}"

    def go_after(self, argument: PlainArgument, index: int) -> list[str]:
        """What Go got back from the Python object's methods did not fit."""
        return reported(f"f{index} != nil && {INTERNAL_PREFIX}callback_failed(f{index})")


class ImplementedArgument(_PythonObjectArgument):
    """An interface type of the package: its Go objects, or a Python object with its methods
    (``python_methods``; none when Python cannot implement it: ``python_refusal`` says why)."""

    way = "implemented"

    def python(self, argument: PlainArgument, label: str) -> str:
        methods = "".join(f'"{name}", ' for name in argument.python_methods)
        return (
            f"_implementation({argument.name}, {argument.object_class}, ({methods}), "
            f'{argument.python_refusal!r}, "{label}")'
        )

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        if not argument.python_refusal:
            return super().go_prepare(argument, index, scope)
        what = f"argument {argument.name}"  # Go objects only (Python refuses others)
        return go_lookup(f"a{index}", f"p{index}", scope.spell(argument.type), what, nullable=True)

    def adapter(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return f"{PYTHON_ADAPTER}{argument.type.name}{{f{index}}}"


class FileArgument(_PythonObjectArgument):
    """An ``io.Reader``, ``io.Writer``... (``python_methods``: the one string of its methods,
    "r", "rw"...): a Go one Python holds, or a Python binary file."""

    way = "file"

    def python(self, argument: PlainArgument, label: str) -> str:
        methods = io_file_methods(argument.type)
        return f'_file({argument.name}, {argument.object_class}, "{methods}", "{label}")'

    def adapter(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        methods = io_file_methods(argument.type)
        return f'{INTERNAL_PREFIX}python_file(f{index}, "{methods}").({scope.spell(argument.type)})'


class FilesArgument(ArgumentConversion):
    """A slice (or ``...T``) of an io file type: Go's files or Python binary files, their
    handles pickled as a list (a Python file's: its callable's, with the high bit). The shim
    takes every Python file's callable first, then makes the Go values; the wrapper ends the
    registrations the list's value carries (``ids``)."""

    way = "files"
    helpers = ("pickled",)
    pickles = True
    support = True
    registers = True

    def python(self, argument: PlainArgument, label: str) -> str:
        methods = io_file_methods(inner_type(argument.type))
        return f'_files({argument.name}, {argument.object_class}, "{methods}", "{label}")'

    def go_parameter(self, argument: PlainArgument) -> str:
        return "[]byte"

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        elem = inner_type(argument.type)
        spelled = scope.spell(elem)
        decode = f'{INTERNAL_PREFIX}decode(p{index}, &h{index}, "{argument.name}")'
        python = f'{INTERNAL_PREFIX}python_file(f, "{io_file_methods(elem)}").({spelled})'
        found = go_lookup("v", "h", spelled, f"argument {argument.name}", nullable=False)
        return [
            f"var h{index} []uint64",
            *reported(f"!{decode}"),
            f"f{index} := make([]*codec.Callable, len(h{index}))",
            f"for i, h := range h{index} {{",
            f"\tf{index}[i] = {INTERNAL_PREFIX}take_python(h)",
            "}",
            f"a{index} := make({scope.spell(argument.type)}, len(h{index}))",
            f"for i, h := range h{index} {{",
            f"\tif f := f{index}[i]; f != nil {{",
            f"\t\ta{index}[i] = {python}",
            "\t\tcontinue",
            "\t}",
            *(f"\t{line}" for line in found),
            f"\ta{index}[i] = v",
            "}",
        ]

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return f"a{index}"

    def go_after(self, argument: PlainArgument, index: int) -> list[str]:
        """What Go got back from a Python file did not fit (the first such)."""
        return [
            f"for _, f := range f{index} {{",
            *(f"\t{line}" for line in reported(f"f != nil && {INTERNAL_PREFIX}callback_failed(f)")),
            "}",
        ]
