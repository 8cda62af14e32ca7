"""Helpers of the generated modules: argument conversions, results, panic reports.

Never imported: the code generator copies the definitions each module needs (by name: see
``wrappers.HELPER_NAMES``) into the module, where the names declared under ``TYPE_CHECKING``
are the module's own. It is a real file so that ruff and mypy check it.
"""

from __future__ import annotations

import _struct as _struct  # noqa: PLC0414 - struct's own (the struct module wraps it)
import sys as _sys
from decimal import Decimal as _Decimal
from fractions import Fraction as _Fraction

TYPE_CHECKING = False
if TYPE_CHECKING:
    from array import array
    from datetime import datetime, time, timedelta, timezone
    from typing import Any, Protocol

    from typing_extensions import Buffer

    class _FFI(Protocol):
        """What the helpers use of the module's cffi ``ffi``."""

        def buffer(self, cdata: Any, size: int = ...) -> Any: ...
        def cast(self, c_type: str, value: Any) -> Any: ...
        def from_buffer(
            self, c_type: Any, value: Any = ..., require_writable: bool = ...
        ) -> Any: ...
        def getctype(self, c_type: Any, replace_with: str = ...) -> str: ...
        def new(self, c_type: str, init: Any = ...) -> Any: ...
        def sizeof(self, c_type: Any) -> int: ...
        def string(self, cdata: Any) -> bytes: ...
        def typeof(self, c_type: Any) -> Any: ...
        def unpack(self, cdata: Any, length: int) -> bytes: ...

    # What the generated module defines: its cffi objects and the runtime's names it imports.
    ffi: _FFI = ...  # type: ignore[assignment]
    lib: Any = ...
    _BUFFER_FORMATS: dict[str, frozenset[str]] = {}

    def _datetime_classes() -> tuple[
        type[datetime], type[time], type[timedelta], type[timezone]
    ]: ...
    def _free(pointer: Any) -> None: ...
    def _free_many(pointers: list[Any], n: int) -> None: ...
    def _report_exception(function: str, report: str, scope: dict[str, Any]) -> BaseException: ...

    _go_crossing: Any = ...  # the runtime's per-thread flag (modules with Go objects)


def _loads(data: Any) -> Any:
    """``pickle.loads``, imported at its first use: pickle (with re, enum...) was half of the
    module's import time. The module's globals then hold pickle's own functions."""
    return _import_pickle().loads(data)


def _dumps(value: Any, protocol: int) -> bytes:
    """``pickle.dumps``, imported at its first use (see ``_loads``)."""
    data: bytes = _import_pickle().dumps(value, protocol)
    return data


def _import_pickle() -> Any:
    import pickle  # noqa: PLC0415 - deferred to the first value that needs it

    # Threads racing here import pickle once (the import lock) and store the same functions.
    globals().update(_loads=pickle.loads, _dumps=pickle.dumps)
    return pickle


def _pickled_plainly(value: Any, name: str, error: Exception) -> bytes:
    """*value* pickled for Go's codec where pickle.dumps failed with *error*: the Go objects
    inside it as their handles, and a mapping, sequence or set that does not pickle as the
    dict, list or set of its items."""
    from io import BytesIO  # noqa: PLC0415 - rare: most values pickle

    out = BytesIO()
    try:
        _plain_pickler()(out, 5).dump(value)
    except ValueError as closed:  # a closed Go object (the only ValueError of the reducer)
        raise ValueError(f"{name}: {closed}") from None
    except Exception:  # the first failure says what is wrong
        raise TypeError(f"{name}: cannot cross to Go: {error}") from None
    return out.getvalue()


def _plain_pickler() -> Any:
    """The pickler class of ``_pickled_plainly``, made once (the first thread's wins)."""
    made = _PLAIN_PICKLER
    if made:
        return made[0]
    from collections.abc import Mapping, Sequence, Set  # noqa: PLC0415 - see _pickled_plainly
    from pickle import Pickler  # noqa: PLC0415

    class _Plain(Pickler):
        def reducer_override(self, obj: Any) -> Any:
            held = getattr(type(obj), "_go_pickled", None)  # a Go object: its handle
            if held is not None:
                return held(obj)
            if isinstance(obj, Mapping):
                return dict, (), None, None, iter(obj.items())
            if isinstance(obj, Sequence) and not isinstance(obj, (str, bytes, bytearray)):
                return list, (), None, iter(obj)
            if isinstance(obj, Set):  # a keys view, say: Go takes sets where it takes lists
                return set, (list(obj),)
            return NotImplemented

    made.append(_Plain)
    return made[0]


_PLAIN_PICKLER: list[Any] = []


def _pickled_result(value: Any) -> bytes:
    """A callback's result pickled for Go: Go objects in it as their handles."""
    try:
        return _dumps(value, 5)
    except Exception as error:  # a Go object (or a mapping that does not pickle) inside
        return _pickled_plainly(value, "callback result", error)


def _new_array(typecode: str) -> array[Any]:
    """An empty ``array.array`` of *typecode*, array imported at the first one: importing it
    (and collections.abc, which it imports) was a quarter of the module's import. The module's
    globals then hold array.array itself."""
    from array import array  # noqa: PLC0415 - deferred to the first array

    globals()["_new_array"] = array  # threads racing here store the same class
    return array(typecode)


def _go_string(value: str | bytes, name: str) -> tuple[Any, int]:
    """A Go string of *value*, argument *name*: a str as UTF-8 (U+DC80..U+DCFF as the bytes
    0x80..0xFF: Python's surrogateescape, how str holds bytes that are not UTF-8), the bytes of
    a buffer without a copy (Go cannot write a string)."""
    if isinstance(value, str):
        try:
            data = value.encode()
        except UnicodeEncodeError:
            data = _surrogate_escaped(value, name)
    else:
        data = value
    try:
        return ffi.from_buffer(data), len(data)
    except TypeError:
        raise TypeError(f"{name}: expected str or bytes, got {type(value).__name__}") from None


def _surrogate_escaped(value: str, name: str) -> bytes:
    """The bytes of a str holding surrogates: U+DC80..U+DCFF are bytes; others have no UTF-8."""
    try:
        data = value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError as error:
        code = ord(value[error.start])
        raise ValueError(
            f"{name}: str holds the lone surrogate U+{code:04X} at index {error.start}, which "
            "has no UTF-8 form for a Go string (only U+DC80..U+DCFF, Python's surrogateescape "
            "of the bytes 0x80..0xFF, cross)"
        ) from None
    if data.decode("utf-8", "surrogateescape") != value:  # "\udcc3\udca9" is the bytes of "é"
        raise ValueError(
            f"{name}: str holds U+DC80..U+DCFF escapes of bytes that form valid UTF-8, which "
            "surrogateescape never makes (they would come back as other characters)"
        )
    return data


def _big_int(value: int, name: str) -> tuple[Any, int]:
    """A Go string of the hexadecimal digits of the int *value*, for a Go *big.Int: of any size
    (Python limits decimal digits, not hexadecimal ones)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name}: expected int, got {type(value).__name__}")
    return _go_string(b"%x" % value, name)


def _big_rat(value: _Fraction | int, name: str) -> tuple[Any, int]:
    """A Go string ``"-0x1f/0x3"`` of the Fraction (or int) *value*, for a Go *big.Rat: exact,
    of any size (hexadecimal: Python limits decimal digits, not hexadecimal ones)."""
    if isinstance(value, bool) or not isinstance(value, (int, _Fraction)):
        raise TypeError(f"{name}: expected Fraction or int, got {type(value).__name__}")
    ratio = _Fraction(value)
    sign = "-" if ratio < 0 else ""
    text = f"{sign}0x{abs(ratio.numerator):x}/0x{ratio.denominator:x}"
    return _go_string(text.encode("ascii"), name)


def _big_float(value: _Decimal | int | float, name: str) -> tuple[Any, int]:
    """A Go string ``"<precision> <text>"`` of *value*, for a Go *big.Float: an int's or a
    float's exact (hexadecimal) text and bits; a Decimal's text at 64 bits, or 4 bits a digit
    when it has more digits (binary cannot hold every decimal exactly: Go rounds, as its own
    SetString does). NaN has no big.Float."""
    if isinstance(value, bool) or not isinstance(value, (int, float, _Decimal)):
        raise TypeError(f"{name}: expected Decimal, int or float, got {type(value).__name__}")
    if value != value:  # noqa: PLR0124 - NaN, of a float or a Decimal
        raise ValueError(f"{name}: NaN has no Go big.Float")
    if isinstance(value, int):
        text, bits = f"{value:#x}", max(64, value.bit_length())
    elif isinstance(value, float):
        infinite = abs(value) == float("inf")
        text, bits = ("+Inf" if value > 0 else "-Inf") if infinite else value.hex(), 64
    elif value.is_infinite():
        text, bits = ("+Inf" if value > 0 else "-Inf"), 64
    else:
        text, bits = str(value), max(64, 4 * len(value.as_tuple().digits) + 8)
    return _go_string(f"{bits} {text}".encode("ascii"), name)


def _decimal_of(text: str) -> _Decimal:
    """The Decimal of a Go *big.Float's shortest text (``1.5e+06``, ``+Inf``)."""
    return _Decimal(text)


def _fraction_of(text: str) -> _Fraction:
    """The Fraction of a Go *big.Rat's hexadecimal ``"num/den"`` text."""
    numerator, _, denominator = text.partition("/")
    return _Fraction(int(numerator, 16), int(denominator, 16))


def _c_string(value: str | bytes, name: str) -> bytes:
    """The bytes of a C string argument; NUL would silently cut it short, so it is refused.
    A str is UTF-8, with U+DC80..U+DCFF as the bytes 0x80..0xFF (surrogateescape)."""
    try:
        data = value.encode("utf-8", "surrogateescape") if isinstance(value, str) else value
    except UnicodeEncodeError as error:
        assert isinstance(value, str)
        raise ValueError(
            f"{name}: str holds the lone surrogate U+{ord(value[error.start]):04X} at index "
            f"{error.start}, which has no UTF-8 form"
        ) from None
    if b"\0" in data:
        raise ValueError(f"{name}: a C string cannot contain NUL characters")
    return data


def _bytes_slice(value: Buffer, name: str) -> tuple[Any, int, int]:
    """A Go []byte of argument *name*: over a writable buffer's memory (Go's writes arrive: the
    out-parameter idiom), over a copy of a read-only one (bytes): Go never writes an immutable
    object."""
    if value.__class__ is bytes:  # the usual read-only one, without an exception to catch
        data = ffi.from_buffer(bytearray(value))
    else:
        try:
            data = ffi.from_buffer(value, require_writable=True)
        except (TypeError, BufferError):
            data = _writable_copy(value, name)
    return data, len(data), len(data)


def _writable_copy(value: Any, name: str) -> Any:
    """A C copy of the read-only buffer *value* (argument *name*)."""
    try:
        return ffi.from_buffer(bytearray(memoryview(value).cast("B")))
    except TypeError:
        raise TypeError(
            f"{name}: expected a bytes-like object, got {type(value).__name__}"
        ) from None


def _pickled(value: Any, name: str) -> tuple[Any, int, int]:
    """Argument *name* as a pickle stream for Go's codec, which only reads it (no copy). A
    mapping, sequence or set that does not pickle (a mappingproxy, a keys view) crosses as the
    dict, list or set of its items."""
    try:
        data = _dumps(value, 5)
    except Exception as error:  # any pickling failure gets the second way
        data = _pickled_plainly(value, name, error)
    return ffi.from_buffer(data), len(data), len(data)


def _pickled_held(value: Any, name: str) -> tuple[Any, int, int]:
    """``_pickled`` for a value that may hold Go objects: while this thread pickles it, they
    pickle as their handles (``_GoObject.__reduce__``), in C's pickler, with no Python call
    per other item; a closed one raises ValueError naming argument *name*."""
    crossing = _go_crossing
    crossing.on = True
    try:
        data = _dumps(value, 5)
    except ValueError as closed:  # a closed Go object (pickle's own errors are others)
        raise ValueError(f"{name}: {closed}") from None
    except Exception as error:  # a mapping or sequence that does not pickle: its items
        data = _pickled_plainly(value, name, error)
    finally:
        crossing.on = False
    return ffi.from_buffer(data), len(data), len(data)


def _slice(value: Any, c_type: str, name: str) -> tuple[Any, int, int]:
    """A Go slice of argument *name*: over a writable buffer of matching items without copying
    (Go's writes arrive), else over a copy (a read-only buffer: Go never writes an immutable
    object; a sequence)."""
    try:
        view = memoryview(value)
    except TypeError:
        data = _new_items(c_type, value, name)
    else:
        if view.c_contiguous and _native(view.format) in _BUFFER_FORMATS[c_type]:
            if view.readonly:
                value = bytearray(view.cast("B"))
            data = ffi.from_buffer(c_type + "[]", value)
        else:
            data = _new_items(c_type, _items(view), name)
    return data, len(data), len(data)


def _new_items(c_type: str, items: Any, name: str) -> Any:
    """A C array of *items*, errors naming the argument and the item."""
    try:
        return ffi.new(c_type + "[]", list(items))
    except (TypeError, OverflowError) as error:
        raise type(error)(f"{name}: {error}") from None


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


def _go_bool(value: Any, name: str) -> bool:
    """A Go bool from argument *name*: True or False, or an integer 0 or 1 (operator.index:
    NumPy's too), or NumPy's bool_; anything else raises (by truthiness "false" would be True)."""
    if type(value).__name__ == "bool_":  # NumPy's (no __index__)
        return bool(value)
    try:
        number = value.__index__()
    except (AttributeError, TypeError):
        raise TypeError(f"{name}: expected bool, got {type(value).__name__}") from None
    if number not in (0, 1):
        raise ValueError(f"{name}: expected bool (or 0 or 1), got {number!r}")
    return bool(number)


def _argument_error(
    error: Exception, function: Any, label: str, names: tuple[str, ...], values: tuple[Any, ...]
) -> Exception:
    """cffi refused a number argument of *function*: the same error, naming the argument."""
    for name, value, c_type in zip(names, values, ffi.typeof(function).args):
        if c_type.kind != "primitive":
            continue
        try:
            ffi.new(ffi.getctype(c_type, "*"), value)
        except (TypeError, OverflowError) as found:
            return type(found)(f"{label} {name}: {found}")
    return error


def _float32(value: Any, name: str) -> float:
    """Argument *name* for a Go float32: OverflowError when it would round to infinity."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name}: expected float, got {type(value).__name__}") from None
    if -3.4028235677973366e38 < number < 3.4028235677973366e38 or number - number != 0:
        return number  # in range, or inf or nan (which float32 holds)
    raise OverflowError(f"{name}: {value!r} is out of range for Go float32")


def _take_string(pointer: Any) -> str:
    """The text of a C string Go allocated, which is then freed (bytes that are not UTF-8
    become U+DC80..U+DCFF: surrogateescape, no loss)."""
    if not pointer:
        return ""
    try:
        return ffi.string(pointer).decode("utf-8", "surrogateescape")
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


def _take_bytes(result: Any) -> bytes:
    """The bytes Go returned in C memory (one copy out of it), which is then freed."""
    pointer, size = result.r0, result.r1
    if not size:
        return b""
    try:
        data: bytes = ffi.buffer(pointer, size)[:]
    finally:
        _release(pointer, size)
    return data


# array.array's codes for Go's int and uint ("n", "N" in the plan): as wide as a pointer.
_POINTER_WIDE = {"n": "q", "N": "Q"} if _sys.maxsize > 2**32 else {"n": "i", "N": "I"}


def _take_array(result: Any, typecode: str) -> Any:
    """The numbers Go returned as their memory in C memory: an array.array of them (one copy
    out of it), which is then freed."""
    items = _new_array(_POINTER_WIDE.get(typecode, typecode))
    pointer, size = result.r0, result.r1
    if size:
        try:
            items.frombytes(ffi.buffer(pointer, size))
        finally:
            _release(pointer, size)
    return items


def _take_map(result: Any, keys: str, values: str) -> Any:
    """The dict of a map Go returned in C memory, which is then freed: a record of columns
    (codec.MapColumns: 8 zero bytes, the number of entries and the key column's size, then the
    keys and, at the next multiple of 8, the values, in the order of the pickle's entries;
    *keys* and *values* are the columns' codes), or the map's pickle (a string held NUL)."""
    pointer, size = result.r0, result.r1
    if pointer[0] != b"\0":  # a pickle starts with 0x80
        return _take_pickle(result)
    try:
        with memoryview(ffi.buffer(pointer, size)) as record:
            count, key_size = record[8:24].cast("q")
            if not count:
                return {}
            values_at = 24 + (key_size + 7) // 8 * 8
            key_column = _column(record[24 : 24 + key_size], keys)
            return dict(zip(key_column, _column(record[values_at:], values)))
    finally:
        _release(pointer, size)


def _column(items: memoryview, code: str) -> Any:
    """The items of a column: text ("s": UTF-8 between NULs, bytes that are not UTF-8 as
    U+DC80..U+DCFF, as the codec writes them), else numbers or bools of the memoryview format
    *code*. Each is made at C speed."""
    if code == "s":
        return str(items, "utf-8", "surrogateescape").split("\0")
    return items.cast(code).tolist()  # type: ignore[call-overload]  # one of the codec's


# datetime's classes, from its C module where CPython has one (importing datetime.py, which only
# wraps it, cost ~1 ms, a sixth of the module's import).
_datetime, _day_time, _timedelta, _timezone = _datetime_classes()


def _take_time(result: Any) -> Any:
    """The aware datetime of the fields of a Go time.Time (its zone's offset: a timezone), as
    the unpickler makes it from Go's pickle; year 0, a time of day: a datetime.time."""
    r = result
    zone = _time_zone(r.r7)
    if not r.r0:
        return _day_time(r.r3, r.r4, r.r5, r.r6, zone)
    return _datetime(r.r0, r.r1, r.r2, r.r3, r.r4, r.r5, r.r6, zone)


def _time_zone(offset: int) -> Any:
    """The datetime.timezone of an offset in seconds (UTC's is timezone.utc)."""
    return _timezone(_timedelta(seconds=offset))


def _take_duration(nanoseconds: int) -> Any:
    """The timedelta of a Go time.Duration: its microseconds, truncated toward zero (as the
    codec writes one)."""
    micros = nanoseconds // 1000 if nanoseconds >= 0 else -(-nanoseconds // 1000)
    return _timedelta(microseconds=micros)


# The raw record of fields of struct codes (a struct.Struct) and the types of the values the
# codec takes for each field, by the codes.
_RAW_LAYOUTS: dict[str, tuple[Any, tuple[tuple[type, ...], ...]]] = {}
# A float field takes int and bool too (float32: those it holds), an integer field bool, a
# bool field only bool.
_RAW_FLOAT32 = (float, int, bool)
_RAW_TYPES = {"f": _RAW_FLOAT32, "d": (float, int, bool), "?": (bool,)}


def _raw_layout(codes: str) -> tuple[Any, tuple[tuple[type, ...], ...]]:
    """The raw record of fields of struct codes *codes* (8 bytes of zeros, then each field at
    the start of an 8-byte slot of its own, in the machine's order), and their types."""
    parts = ["Q"]
    for code in codes:
        parts.append(code + "x" * (8 - _struct.calcsize(code)))
    types = tuple(_RAW_TYPES.get(code, (int, bool)) for code in codes)
    layout = _RAW_LAYOUTS[codes] = (_struct.Struct("@" + "".join(parts)), types)
    return layout


def _fits_float32(value: Any) -> bool:
    """Whether a Go float32 holds *value* (struct's native "f" would make 1e39 inf)."""
    fits: bool = -3.4028235677973366e38 < value < 3.4028235677973366e38 or value - value != 0
    return fits


def _raw_struct(value: Any, cls: type, codes: str, name: str) -> tuple[Any, int, int]:
    """Argument *name*, a struct of fixed shape, for the shim: the raw record of its fields
    when it is an instance of exactly *cls* whose fields are of types the codec takes and
    fit (as the codec converts them), else its pickle (the codec's rules and errors)."""
    if value.__class__ is not cls:
        return _pickled(value, name)
    layout, accepted = _RAW_LAYOUTS.get(codes) or _raw_layout(codes)
    try:
        fields: list[Any] = [getattr(value, slot) for slot in cls.__slots__]
    except AttributeError:
        return _pickled(value, name)
    for field, types in zip(fields, accepted):
        if field.__class__ not in types or (types is _RAW_FLOAT32 and not _fits_float32(field)):
            return _pickled(value, name)
    try:
        data = layout.pack(0, *fields)
    except (_struct.error, OverflowError):  # type: ignore[attr-defined]  # out of range: the codec says how
        return _pickled(value, name)
    return ffi.from_buffer(data), len(data), len(data)


_TIME_LAYOUT = _struct.Struct("@9q")  # 8 zero bytes, year ... microsecond, zone offset
_DURATION_LAYOUT = _struct.Struct("@2q")  # 8 zero bytes, nanoseconds
_MAX_MICROS = (2**63 - 1) // 1000  # the microseconds of a timedelta Go's Duration holds


def _raw_time(value: Any, name: str) -> tuple[Any, int, int]:
    """Argument *name*, a Go time.Time, for the shim: the raw record of an aware datetime
    whose tzinfo is an unnamed timezone of whole seconds (what the codec decodes from its
    pickle, in a fixed zone without a name), else its pickle (the codec's rules and errors)."""
    if value.__class__ is _datetime:
        zone: Any = value.tzinfo
        # A timezone pickles as timezone(offset) when unnamed, timezone(offset, name) else.
        args = zone.__getinitargs__() if zone.__class__ is _timezone else ()  # type: ignore[attr-defined]
        if len(args) == 1:
            offset = zone.utcoffset(None)
            if not offset.microseconds:
                data = _TIME_LAYOUT.pack(
                    0,
                    value.year,
                    value.month,
                    value.day,
                    value.hour,
                    value.minute,
                    value.second,
                    value.microsecond,
                    offset.days * 86400 + offset.seconds,
                )
                return ffi.from_buffer(data), len(data), len(data)
    return _pickled(value, name)


def _raw_duration(value: Any, name: str) -> tuple[Any, int, int]:
    """Argument *name*, a Go time.Duration, for the shim: the raw record (nanoseconds) of a
    timedelta Go holds, else its pickle (the codec's OverflowError)."""
    if value.__class__ is _timedelta:
        micros = (value.days * 86400 + value.seconds) * 1000000 + value.microseconds
        if -_MAX_MICROS <= micros <= _MAX_MICROS:
            data = _DURATION_LAYOUT.pack(0, micros * 1000)
            return ffi.from_buffer(data), len(data), len(data)
    return _pickled(value, name)


# An instance of a struct class without __init__, as the unpickler makes one (then its fields).
_new_value = object.__new__


_INSIDE = _struct.Struct("=4Q")  # up to 32 bytes of text inside a result, as four words


def _take_text(result: Any) -> str:
    """The text Go returned as UTF-8 in C memory, which is then freed, or (pointer NULL) short,
    inside the result (bytes that are not UTF-8 become U+DC80..U+DCFF, surrogateescape, as the
    codec does in pickled values: no loss)."""
    pointer, size = result.r0, result.r1
    if not pointer:
        if not size:
            return ""
        inside = _INSIDE.pack(result.r2, result.r3, result.r4, result.r5)
        return inside[:size].decode("utf-8", "surrogateescape")
    try:
        return ffi.unpack(pointer, size).decode("utf-8", "surrogateescape")
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
