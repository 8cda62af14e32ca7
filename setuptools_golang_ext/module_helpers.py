"""Helpers of the generated modules: argument conversions, results, panic reports.

Never imported: the code generator copies the definitions each module needs (by name: see
``wrappers.HELPER_NAMES``) into the module, where the names declared under ``TYPE_CHECKING``
are the module's own. It is a real file so that ruff and mypy check it.
"""

from __future__ import annotations

import struct as _struct
import sys as _sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol

    from typing_extensions import Buffer

    class _FFI(Protocol):
        """What the helpers use of the module's cffi ``ffi``."""

        def buffer(self, cdata: Any, size: int = ...) -> Any: ...
        def cast(self, c_type: str, value: Any) -> Any: ...
        def from_buffer(self, c_type: Any, value: Any = ...) -> Any: ...
        def new(self, c_type: str, init: Any = ...) -> Any: ...
        def sizeof(self, c_type: Any) -> int: ...
        def string(self, cdata: Any) -> bytes: ...
        def typeof(self, c_type: str) -> Any: ...
        def unpack(self, cdata: Any, length: int) -> bytes: ...

    # What the generated module defines: its cffi objects and the runtime's names it imports.
    ffi: _FFI = ...  # type: ignore[assignment]
    lib: Any = ...
    _BUFFER_FORMATS: dict[str, frozenset[str]] = {}

    def _free(pointer: Any) -> None: ...
    def _free_many(pointers: list[Any], n: int) -> None: ...
    def _loads(data: Any) -> Any: ...
    def _report_exception(function: str, report: str, scope: dict[str, Any]) -> BaseException: ...


def _go_string(value: str | bytes) -> tuple[Any, int]:
    """A Go string over the bytes of *value* (str is encoded as UTF-8); no copy of bytes."""
    data = value.encode() if isinstance(value, str) else value
    return ffi.from_buffer(data), len(data)


def _big_int(value: int, name: str) -> tuple[Any, int]:
    """A Go string of the hexadecimal digits of the int *value*, for a Go *big.Int: of any size
    (Python limits decimal digits, not hexadecimal ones)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name}: expected int, got {type(value).__name__}")
    return _go_string(b"%x" % value)


def _c_string(value: str | bytes, name: str) -> bytes:
    """The bytes of a C string argument; NUL would silently cut it short, so it is refused."""
    data = value.encode() if isinstance(value, str) else value
    if b"\0" in data:
        raise ValueError(f"{name}: a C string cannot contain NUL characters")
    return data


def _bytes_slice(value: Buffer) -> tuple[Any, int, int]:
    """A Go []byte over the memory of any buffer, without copying (writable if it is)."""
    data = ffi.from_buffer(value)
    return data, len(data), len(data)


def _slice(value: Any, c_type: str) -> tuple[Any, int, int]:
    """A Go slice: over a buffer of matching items without copying, else a copied sequence."""
    try:
        view = memoryview(value)
    except TypeError:
        data = ffi.new(c_type + "[]", list(value))
    else:
        if view.c_contiguous and _native(view.format) in _BUFFER_FORMATS[c_type]:
            data = ffi.from_buffer(c_type + "[]", value)
        else:
            data = ffi.new(c_type + "[]", _items(view))
    return data, len(data), len(data)


def _native(format: str) -> str:
    """A buffer format without its byte-order mark when the order is this machine's."""
    native = "<" if _sys.byteorder == "little" else ">"
    return format[1:] if format[:1] in ("@", "=", native) else format


def _items(view: memoryview) -> list[Any]:
    """The items of any buffer as Python values (non-native byte order included)."""
    try:
        return view.tolist()
    except NotImplementedError:
        return [item for (item,) in _struct.iter_unpack(view.format, view.tobytes())]


def _buffer_formats(c_type: str) -> frozenset[str]:
    """struct-module format codes of buffers whose items are *c_type* values."""
    size = ffi.sizeof(c_type)
    floats = ffi.typeof(c_type).cname in ("float", "double")
    codes = "fd" if floats else ("bhilqn" if int(ffi.cast(c_type, -1)) < 0 else "BHILQN")
    return frozenset(code for code in codes if _struct.calcsize(code) == size)


def _take_string(pointer: Any) -> str:
    """The text of a C string Go allocated, which is then freed."""
    if not pointer:
        return ""
    try:
        return ffi.string(pointer).decode("utf-8", "replace")
    finally:
        _free(pointer)


_pending: list[Any] = []  # small C results Go allocated, to free together


def _release(pointer: Any, size: int) -> None:
    """Free C memory Go returned; small blocks 64 at a time: a call into Go costs more than
    a free, and pop() hands each pointer to one thread only."""
    if size > 4096:
        _free(pointer)
        return
    _pending.append(pointer)
    if len(_pending) >= 64:
        batch = []
        try:
            while True:
                batch.append(_pending.pop())
        except IndexError:
            pass
        _free_many(batch, len(batch))


def _take_pickle(result: Any) -> Any:
    """The value Go encoded into a pickle stream in C memory, which is then freed. Small
    streams are copied to bytes first (the unpickler reads bytes fastest); big ones are read in
    place (a copy of megabytes costs more, in page faults too, than it saves)."""
    pointer, size = result.r0, result.r1
    try:
        if size > 65536:
            return _loads(ffi.buffer(pointer, size))
        return _loads(ffi.unpack(pointer, size))
    finally:
        _release(pointer, size)


def _take_text(result: Any) -> str:
    """The text Go returned as UTF-8 in C memory, which is then freed (invalid UTF-8 is
    replaced by U+FFFD, as the codec does in pickled values)."""
    pointer, size = result.r0, result.r1
    try:
        return ffi.unpack(pointer, size).decode("utf-8", "replace")
    finally:
        _release(pointer, size)


# Annotated here, above the function that declares it global: PyPy 3.9 (7.3.11) refuses an
# annotated assignment below such a function ("annotated name can't be global").
_panics: _PanicCount | memoryview


class _PanicCount:
    """Stands in for the count of panic reports until the first call: asking Go for its
    address at import would wait there for the Go runtime to start."""

    def __getitem__(self, index: int) -> int:
        global _panics
        # Read after every call: a memoryview over the C int reads faster than a cdata pointer.
        address = lib._setuptools_golang_ext_panic_count()
        _panics = memoryview(ffi.buffer(address, ffi.sizeof("int"))).cast("i")
        return _panics[index]


_panics = _PanicCount()
_take_panic = lib._setuptools_golang_ext_take_panic


def _raise_panic(function: str) -> None:
    """Raise what the call that just returned on this thread reported, if anything: GoPanic
    for a recovered panic, GoError for a returned error, TypeError... for a value that could
    not be converted (the count that led here also counts other threads' reports)."""
    report = _take_panic()
    if report:
        raise _report_exception(function, _take_string(report), globals())


def _drop_panic() -> None:
    """Drop what the call that just returned left for this thread, if anything."""
    if _panics[0]:
        report = _take_panic()
        if report:
            _free(report)
