"""Results of calls into a generated module, recorded as the native Go harness records them."""

from __future__ import annotations

import array
import math
from collections.abc import Callable
from types import ModuleType
from typing import Any


class Recorder:
    """Keeps ``[key, result]`` pairs in order. A returned Go error is ``{"error": text}``, a
    panic ``{"panic": text}``; a name the module does not bind is ``{"missing": text}`` (that
    call cannot be compared); any other exception is ``{"raised": text}`` (a mismatch: Go did
    not raise)."""

    def __init__(self, module: ModuleType) -> None:
        self.module = module
        self.entries: list[list[Any]] = []

    def put(self, key: str, value: Any) -> None:
        self.entries.append([key, plain(value)])

    def call(self, key: str, function: Callable[..., Any], *args: Any) -> Any:
        """Record what ``function(*args)`` returns (or how it failed); return its result, or
        None."""
        try:
            value = function(*args)
        except self.module.GoPanic as panic:
            self.put(key, {"panic": panic.value})
            return None
        except self.module.GoError as error:
            self.put(key, {"error": str(error)})
            return None
        except AttributeError as error:
            self.put(key, {"missing": str(error)})
            return None
        except Exception as error:
            self.put(key, {"raised": f"{type(error).__name__}: {error}"})
            return None
        self.put(key, value)
        return value

    def value(self, key: str, function: Callable[..., Any], *args: Any) -> Any:
        """Like :meth:`call`, but return the result or raise :class:`Skip` after recording a
        failure, so the caller stops the calls that need the result (as the Go side does)."""
        before = len(self.entries)
        result = self.call(key, function, *args)
        recorded = self.entries[before][1]
        if isinstance(recorded, dict) and recorded.keys() & FAILURES and result is None:
            raise Skip
        return result


FAILURES = {"error", "panic", "missing", "raised"}


class Skip(Exception):
    """A call failed: the calls that need its result are not made."""


def plain(value: Any) -> Any:
    """*value* as the native harness writes it to JSON: sequences as lists, map keys and the
    floats JSON cannot hold (inf, nan) as Go's ``fmt.Sprint`` writes them."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("+Inf" if value > 0 else "-Inf")
    if isinstance(value, (list, tuple, array.array)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {
            key if isinstance(key, str) else str(key): plain(item) for key, item in value.items()
        }
    return value


def string_of(function: Callable[..., Any], *args: Any) -> str:
    """``function(*args).String()``: a Go object's text."""
    return str(function(*args).String())


def invoke(owner: Any, method: str, *args: Any) -> Any:
    """``owner.method(*args)``, looked up inside the recorded call: a method the module does not
    bind is recorded as missing."""
    return getattr(owner, method)(*args)


def protocol(function: Callable[[Any, Any], Any], dunder: str, a: Any, b: Any) -> Any:
    """``function(a, b)`` (``operator.eq``, ``operator.lt``) through the class's own *dunder*;
    a class that has none but ``object``'s is recorded as missing (Go's method set gives it one:
    ``Equal`` → ``__eq__``, ``LessThan``/``Compare`` → ``__lt__``)."""
    if getattr(type(a), dunder) is getattr(object, dunder):
        raise AttributeError(f"{type(a).__name__} has no {dunder} of its own")
    return function(a, b)
