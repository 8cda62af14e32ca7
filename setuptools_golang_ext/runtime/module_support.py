"""Helpers of the generated modules of ordinary Go packages: Go objects, iterators and call
contexts.

Never imported: the code generator copies the imports below and everything after the
``TYPE_CHECKING`` block into each module whose package needs them (it is a real file so that
ruff and mypy check it; :mod:`.pysource` reads it). The names declared under ``TYPE_CHECKING``
are the generated module's own.
"""

from __future__ import annotations

import io as _io
import sys as _sys
from _thread import RLock as _RLock
from _thread import allocate_lock as _allocate_lock
from _thread import get_ident as _get_ident
from _weakref import ref as _weakref  # weakref's own: the weakref module costs ~0.4 ms to import
from atexit import register as _atexit_register
from itertools import chain as _chain
from itertools import count as _count
from itertools import islice as _islice

TYPE_CHECKING = False
if TYPE_CHECKING:
    from array import array
    from collections.abc import Callable, Iterable, Iterator
    from typing import Any, NoReturn, TypeVar

    from setuptools_golang_ext.runtime.runtime_support import (
        GoForkError,
        GoIterator,
        _GoFile,
        _GoObject,
        _main_thread_calls,
        _on_worker,
        _partial,
    )

    _O = TypeVar("_O", bound=_GoObject)
    _R = TypeVar("_R")

    # What the generated module defines: its exports (per package: PACKAGE_EXPORTS) and the
    # helpers every generated module has.
    _panics: Any = ...
    ffi: Any = ...

    def _lib_release(handle: int, holds: int) -> None: ...
    def _lib_next(handle: int) -> Any: ...
    def _lib_context(timeout: float) -> int: ...
    def _lib_wakeup() -> int: ...
    def _lib_arm(watched: bool, call: int) -> int: ...
    def _lib_disarm(token: int) -> bool: ...
    def _lib_interrupt(token: int) -> None: ...
    def _lib_claim(handle: int) -> bool: ...
    def _lib_stats() -> Any: ...
    def _lib_dispatcher(dispatcher: Any) -> Any: ...
    def _lib_callback_done(handle: int) -> int: ...
    def _lib_exiting() -> None: ...
    def _lib_file_read(handle: int, buffer: Any, size: int) -> Any: ...
    def _lib_file_readall(handle: int) -> Any: ...
    def _lib_file_write(handle: int, buffer: Any, size: int) -> int: ...
    def _lib_file_close(handle: int) -> None: ...
    def _lib_pointer(data: Any, size: int) -> int: ...
    def _lib_pointee(handle: int) -> Any: ...
    def _pickled(value: Any, name: str) -> tuple[Any, int, int]: ...
    def _raise_panic(function: str) -> None: ...
    def _drop_panic() -> None: ...
    def _pickled(value: Any, name: str) -> tuple[Any, int, int]: ...
    def _take_pickle(result: Any) -> Any: ...
    def _loads(data: Any) -> Any: ...
    def _dumps(value: Any, protocol: int) -> bytes: ...
    def _pickled_result(value: Any) -> bytes: ...
    def _release(pointer: Any, size: int) -> None: ...
    def _new_array(typecode: str) -> array[Any]: ...


# array.array's codes for Go's int and uint ("n", "N" in the plan), as wide as a pointer: this
# Python's, which is the target's.
_POINTER_WIDE_CODES = {"n": "q", "N": "Q"} if _sys.maxsize > 2**32 else {"n": "i", "N": "I"}

# The live Python object of each Go object handle, by a weak reference: the same Go pointer
# returned twice gives the same Python object while it lives.
_objects: dict[int, _weakref[Any]] = {}
# Lookups and changes of _objects, from any thread. Without it two threads given the same
# pointer at once could each make an object, and the second's weak reference replaced the
# first's, whose callback then never released Go's holds (the GIL's switches allow that too).
# Reentrant: a collection inside (an allocation may run one) calls _forget on this thread.
_objects_lock = _RLock()


def _object(cls: type[_O], handle: int) -> _O | None:
    """The Python object of the Go object *handle* names (0: nil), which Go just returned and
    counted as held once more: the live one, else a new instance of *cls*."""
    if not handle:
        return None
    with _objects_lock:
        ref = _objects.get(handle)
        found = ref() if ref is not None else None
        if found is not None:
            next(found._holds)
            return found  # type: ignore[no-any-return]  # a handle names one type
        made = object.__new__(cls)
        made._go = handle
        made._holds = holds = _count(1)  # next(holds): how often Go handed it out, this one too
        _objects[handle] = _weakref(made, _partial(_forget, handle, holds))
    return made


def _hold_error(exception: BaseException, handle: int) -> None:
    """*exception* is of an error type with methods: it holds the Go error they run on, which
    Go may collect once the exception is gone (as a Go object's)."""
    with _objects_lock:
        exception._go = handle  # type: ignore[attr-defined]
        _objects[handle] = _weakref(exception, _partial(_forget, handle, _count(1)))


class GoRef(_GoObject):
    """A pointer Go fills: pass it for an out-parameter of type ``any`` (``toml.Decode(text,
    ref)`` is Go's ``toml.Decode(text, &v)``), then read ``ref.value``. The pointer is made in
    Go from *value*, whose Go type is the pointer's: a dict (``*map[string]any``), a list
    (``*[]any``), ``None`` (``*any``: Go chooses), an object of the package.

    ``value`` is a copy of what the pointer points to, read from Go each time: read it after
    the call (Go code that keeps writing it after the call would race with the read, as in Go).
    """

    __slots__ = ()

    def __new__(cls, value: Any = None) -> GoRef:
        data, size, _ = _pickled(value, "GoRef() argument value")
        try:
            handle = _lib_pointer(data, size)
        except BaseException:
            _drop_panic()
            raise
        if _panics[0]:
            _raise_panic("GoRef")
        made = _object(cls, handle)
        assert made is not None, "Go made the pointer"
        return made

    @property
    def value(self) -> Any:
        """What the pointer points to now (a copy)."""
        try:
            result = _lib_pointee(self._go)
        except BaseException:
            _drop_panic()
            raise
        if _panics[0]:
            _raise_panic("GoRef.value")
        return _take_pickle(result)


def _made(value: _O | None, constructor: str) -> _O:
    """What a constructor (``NewT``) returned, when ``T(...)`` called it."""
    if value is None:
        raise ValueError(f"{constructor}() returned nil")
    return value


def _forget(handle: int, holds: Iterator[int], ref: _weakref[Any]) -> None:
    """The Python object of *handle* is gone: Go may collect the object when nothing else
    holds it (a weakref callback rather than __del__: it never sees the dying object)."""
    with _objects_lock:  # a newer object of the handle may have replaced the entry
        if _objects.get(handle) is ref:
            del _objects[handle]
    _let_go(handle, next(holds))


def _let_go(handle: int, holds: int) -> None:
    try:  # noqa: SIM105 - contextlib would cost every import
        _lib_release(handle, holds)
    except GoForkError:
        pass  # a child that fork() made: its copy of the Go runtime is not running


def _claim(self: _GoObject) -> None:
    """Claim the object for close(), which runs Go's Close once however many threads call it
    at once: the others (which lose the claim) get ValueError, as calls after close() do."""
    handle = self._go
    if not handle or not _lib_claim(handle):
        name = type(self).__name__
        raise ValueError(f"{name}.close(): this {name} is closed")


def _close(self: _GoObject) -> None:
    """Let Go collect the object now; the Python object stays, closed (its handle is 0, which
    Go refuses with ValueError)."""
    handle, self._go = self._go, 0
    if handle:
        _let_go(handle, next(self._holds))  # releasing a gone handle again does nothing


def _shown(self: _GoObject, string: Callable[[], str]) -> str:
    """The repr of a Go object with String(): what String() says, with its class; a closed
    object (or a String() that fails) shows the plain repr instead."""
    if self._go:
        try:
            shown = string()
        except Exception:  # a repr must not raise: the plain one instead
            return _GoObject.__repr__(self)
        return f"<{type(self).__module__}.{type(self).__qualname__} Go object: {shown}>"
    return _GoObject.__repr__(self)


def _handle(value: object, cls: type[_GoObject], nullable: bool, name: str) -> int:
    """The handle of the Go object *value* passed as argument *name*."""
    if isinstance(value, cls):
        if value._go:
            return value._go
        raise ValueError(f"{name}: the {cls.__name__} is closed")
    if value is None and nullable:
        return 0
    accepted = f"{cls.__name__} or None" if nullable else cls.__name__
    raise TypeError(f"{name}: expected {accepted}, got {type(value).__name__}")


def _iterate(handle: int, function: str, shape: str, context: int = 0) -> _GoIterator:
    """A Python iterator over the values of the Go iterator *handle*, which takes them from Go
    in batches: pickled values, "pairs" of pickled keys and values (iter.Seq2), or, for plain
    numbers, their raw memory (*shape*: their array.array typecode). Finishing it, closing it
    or dropping it (even before its first value) stops the Go producer and releases the call's
    *context*."""
    iterator = object.__new__(_GoIterator)
    iterator._lock = _allocate_lock()
    iterator._items = iter(())
    iterator._handle, iterator._context = handle, context
    iterator._function, iterator._shape = function, shape
    _iterators[handle] = _weakref(iterator, _partial(_drop_iterator, handle, context))
    return iterator


_DONE: Iterator[Any] = iter(())  # the shared iterator of an iteration that is over


def _gil_enabled() -> bool:
    """Whether a GIL makes each C iterator's next() atomic (free-threaded CPython has none)."""
    enabled = getattr(_sys, "_is_gil_enabled", None)  # CPython >= 3.13
    return enabled is None or bool(enabled())


# Once enabled, a free-threaded CPython's GIL stays enabled (importing an extension that needs
# it enables it): what the module saw when it was imported holds from then on.
_GIL = _gil_enabled()


# The weak reference of each live iterator, by its Go handle: its callback releases the Go
# side of an iterator dropped before its end (never started, or broken off).
_iterators: dict[int, _weakref[Any]] = {}


def _drop_iterator(handle: int, context: int, ref: _weakref[Any]) -> None:
    if _iterators.pop(handle, None) is not None:  # not ended already
        _let_go(handle, 1)
        if context:
            _let_go(context, 1)


class _GoIterator(GoIterator["Any"]):  # a string: Any is for type checkers only
    """An iterator over a Go iterator's values. Any number of threads may pull from it: each
    value reaches exactly one thread, and the end is the Go iterator's end.

    The values of a batch are taken from one shared C iterator (``_items``), replaced by the
    next batch's under ``_lock``, one thread at a time. With a GIL, taking a value from a C
    iterator is atomic: ``next()`` takes one without the lock, and a loop (``iter()``) gets a
    chain of its own over the shared batch iterators, which takes them at C speed. Without a
    GIL (free-threaded CPython) every value is taken under the lock, and a loop is ``next()``."""

    __slots__ = ("__weakref__", "_context", "_function", "_handle", "_items", "_lock", "_shape")

    _lock: Any
    _items: Iterator[Any]
    _handle: int  # 0 once ended
    _context: int
    _function: str
    _shape: str

    def __iter__(self) -> Iterator[Any]:
        if _GIL:
            return _chain.from_iterable(self._batches())
        return self

    def __next__(self) -> Any:
        if _GIL:  # taking a value from the shared C iterator is atomic: only a refill locks
            for value in self._items:
                return value
        with self._lock:
            items = self._items
            while items is not _DONE:
                for value in items:
                    return value
                items = self._refill()
        raise StopIteration

    def __reduce__(self) -> NoReturn:
        # A copy would share the Go iterator, and its end or close() would end this one's.
        raise TypeError(
            f"cannot copy or pickle the iterator of {self._function}(): it is Go's, in this "
            "process (list() copies its values)"
        )

    def close(self) -> None:
        """Stop the Go producer now, as dropping the iterator does; the iteration ends. (Not
        under the lock: a thread waiting for Go's next batch gets the end instead.)"""
        self._end()  # first: a batch Go hands over from now on is dropped
        items, self._items = self._items, iter(())
        if _GIL:  # loops (chains of their own) hold the batch's iterator: empty it for them too
            next(_islice(items, _sys.maxsize, _sys.maxsize), None)  # skips them at C speed

    def _batches(self) -> Iterator[Iterator[Any]]:
        """The shared iterator of each batch, for one loop's chain (one thread's)."""
        items: Iterator[Any] | None = None  # the one this loop's chain found empty
        while True:
            try:
                with self._lock:
                    # A newer batch than the one this loop emptied (another thread fetched it)
                    # is the one to go on with; if it is empty too, the chain comes back at once.
                    items = self._refill() if items is self._items else self._items
            except BaseException:
                # Ctrl-C here, between Go's batches: the iteration is over, as in _refill (the
                # handler's traceback would keep this iterator, and Go's producer, alive).
                self._end()
                raise
            if items is _DONE:
                return
            yield items

    def _refill(self) -> Iterator[Any]:
        """The shared iterator of Go's next batch, _DONE at the end (the lock is held, and the
        shared iterator is empty). Callers come back for another batch if it is empty."""
        handle = self._handle  # read once: close() may end it meanwhile
        if handle:
            try:
                batch = self._fetch(handle)
            except Exception:
                if self._handle:  # a panic, a timeout: the iteration is over
                    self._end()
                    raise
                batch = None  # close() released the handle meanwhile: the end it promises
            except BaseException:
                self._end()  # Ctrl-C: the iteration is over
                raise
            if batch is not None and self._handle:  # not closed while Go handed it over
                self._items = iter(batch)
                return self._items
            self._end()
        self._items = _DONE
        return _DONE

    def _fetch(self, handle: int) -> Iterable[Any] | None:
        take = _partial(_next_batch, handle, self._function, self._shape)
        if not self._context:
            return take()
        # With a context, a wait for the next batch is Ctrl-C-able as a call is.
        return _context_call(lambda _seconds, _token: take(), None, self._context)

    def _end(self) -> None:
        handle, self._handle = self._handle, 0
        # Popping the weak reference is what claims the release: once, in any thread.
        if handle and _iterators.pop(handle, None) is not None:
            _let_go(handle, 1)
            if self._context:
                _let_go(self._context, 1)


def _next_batch(handle: int, function: str, shape: str) -> Iterable[Any] | None:
    """The Go iterator's next batch of values, or None at its end."""
    try:
        result = _lib_next(handle)
    except BaseException:
        _drop_panic()
        raise
    if _panics[0]:
        _raise_panic(function)
    if result.r1 < 0:
        return None
    if shape in ("", "pairs"):
        batch = _take_pickle(result)
        return zip(*batch) if shape else batch
    numbers = _new_array(_POINTER_WIDE_CODES.get(shape, shape))
    try:
        numbers.frombytes(ffi.buffer(result.r0, result.r1))
    finally:
        _release(result.r0, result.r1)
    return numbers


def _in_context(call: Callable[[int], _R], timeout: float | None) -> _R:
    """``call(context)`` with a new Go context (a handle), canceled by Ctrl-C and after *timeout*
    seconds; the call's result (an iterator) releases it, when the call succeeds."""
    context = _lib_context(_deadline_seconds(timeout))
    try:
        return _context_call(lambda _seconds, _token: call(context), None, context)
    except BaseException:
        _let_go(context, 1)
        raise


def _deadline_seconds(timeout: float | None) -> float:
    """What Go's context gets for *timeout*: seconds from now, or -1.0 for no deadline (None,
    inf, or beyond what a Go time.Duration holds: ~292 years)."""
    if timeout is None:
        return -1.0
    try:
        if isinstance(timeout, (str, bytes)):  # float() would parse them
            raise TypeError
        seconds = float(timeout)
    except (TypeError, ValueError):
        raise TypeError(f"timeout: expected seconds or None, got {timeout!r}") from None
    if not seconds >= 0:  # negative, or NaN
        raise ValueError(f"timeout: expected seconds >= 0 or None, got {timeout!r}")
    return seconds if seconds < 9e9 else -1.0


class _MainThread:
    """What calls on the main thread need, looked up by the first one: the thread's ident, the
    Go runtime's wakeup descriptor (-1: none) and the signal functions (of ``_signal``: the
    ``signal`` module wraps them in enums)."""

    __slots__ = (
        "default_int_handler",
        "getsignal",
        "handle_signals",
        "ident",
        "set_wakeup_fd",
        "sigint",
        "wakeup",
    )

    def __init__(self) -> None:
        import threading  # noqa: PLC0415 - here, not at import: most modules never need it

        signals: Any = _sys.modules.get("_signal")
        self.ident = threading.main_thread().ident
        # The way below relies on CPython running signal handlers when a Python function
        # starts; elsewhere (PyPy) the calls take the worker thread's way.
        cpython = _sys.implementation.name == "cpython" and signals is not None
        self.wakeup = _lib_wakeup() if cpython else -1  # -1 on Windows too
        if self.wakeup >= 0:
            self.getsignal = signals.getsignal
            self.default_int_handler = signals.default_int_handler
            self.set_wakeup_fd = signals.set_wakeup_fd
            self.sigint = signals.SIGINT
            # Blocking no signal runs the pending handlers (pthread_sigmask checks for them).
            self.handle_signals = _partial(signals.pthread_sigmask, signals.SIG_BLOCK, ())


_MAIN: _MainThread | None = None


def _main_thread() -> _MainThread:
    global _MAIN  # noqa: PLW0603 - one lookup per process; rebinding a global is atomic
    if _MAIN is None:
        _MAIN = _MainThread()
    return _MAIN


def _context_call(call: Callable[[float, int], _R], timeout: float | None, context: int = 0) -> _R:
    """``call(seconds, token)`` of a function with a context, which its shim makes from a
    deadline *timeout* seconds from now and *token*, the call's arming for Ctrl-C (0: nothing
    but the deadline cancels it; *context*: a Call handle the token cancels instead).

    On the main thread, where a signal handler's exception (Ctrl-C's KeyboardInterrupt) must
    cancel the Go call at once, not when Go returns, Go still runs the call on this thread: for
    the call, the signal wakeup descriptor is the Go runtime's, whose reader cancels the call
    on a SIGINT that arrives once the call is armed; one that arrived before is raised as
    *call* starts, before Go runs (CPython runs the pending handlers when a Python function
    starts). KeyboardInterrupt is raised once Go has returned. Where that cannot be (the wakeup
    descriptor is another's, such as an event loop's; SIGINT has a handler other than Python's
    default, which may not raise; no pipe), the call runs on a worker thread while this one
    waits, so that any signal's exception cancels it."""
    seconds = -1.0 if timeout is None else _deadline_seconds(timeout)
    main = _MAIN or _main_thread()
    if _get_ident() != main.ident:
        return call(seconds, 0)  # signals reach the main thread only
    wakeup, previous = main.wakeup, _UNSET
    _main_thread_calls[0] += 1  # no call in this line: no signal handler runs before the try
    try:
        previous = _LOST  # until _take_wakeup_fd's result is stored
        previous = _take_wakeup_fd(main, wakeup)
        if previous not in (-1, wakeup):  # not ours to take (another's: its signals are its own)
            if previous >= 0:
                main.set_wakeup_fd(previous)
                previous = _UNSET
            return _on_worker_armed(_partial(call, seconds), context)
        token = _lib_arm(True, context)  # a SIGINT from now on cancels the call
        try:
            outcome = call(seconds, token)  # one that came before is raised as call starts
        except BaseException as error:
            if _lib_disarm(token) and not isinstance(error, KeyboardInterrupt):
                _raise_interrupt()  # Go returned because of the Ctrl-C: its exception, not Go's
            raise
        if _lib_disarm(token):
            _raise_interrupt()
        return outcome
    finally:
        _main_thread_calls[0] -= 1
        if previous == _LOST and not _main_thread_calls[0]:  # set_wakeup_fd's result was lost
            previous = main.set_wakeup_fd(-1)
            if previous == wakeup:  # ours, restored to none; else nothing was set: put it back
                previous = _UNSET
        if previous not in (_UNSET, _LOST, wakeup):  # else one inside another's callback
            main.set_wakeup_fd(previous)


def _take_wakeup_fd(main: _MainThread, wakeup: int) -> int:
    """Make the Go runtime's pipe Python's signal wakeup fd, where Ctrl-C may cancel a call
    through it; the fd before it (-1: none; *wakeup*: a call under way set it), or _UNSET where
    Ctrl-C may not (no pipe; SIGINT's handler is the program's; not the main interpreter)."""
    if wakeup < 0 or main.getsignal(main.sigint) is not main.default_int_handler:
        return _UNSET
    try:
        previous: int = main.set_wakeup_fd(wakeup)
    except ValueError:  # not the main interpreter's main thread
        return _UNSET
    if previous == wakeup and _main_thread_calls[0] == 1:  # a restore an exception cut
        return -1
    return previous


# _context_call's previous wakeup fd: none was set (ours or another's; or nothing to restore);
# the one set_wakeup_fd returned is unknown (an exception came as it returned).
_UNSET, _LOST = -2, -3


def _raise_interrupt() -> None:
    """Run the signal handlers now: a Ctrl-C interrupted the call, and its KeyboardInterrupt
    (pending since, raised by Python's default SIGINT handler) is the call's outcome."""
    try:
        (_MAIN or _main_thread()).handle_signals()
    except KeyboardInterrupt as interrupt:
        raise interrupt from None  # not "during handling of" the canceled call's error


def _on_worker_armed(call: Callable[[int], _R], context: int) -> _R:
    """``call(token)`` on a kept worker thread while this one waits: an exception while it waits
    (a signal handler's) cancels the call, waits for Go to return, and is raised."""
    token = _lib_arm(False, context)
    try:
        return _on_worker(_partial(call, token), _partial(_lib_interrupt, token), kept=True)
    finally:
        _lib_disarm(token)


def _go_stats() -> tuple[int, int]:
    """How many Go objects, iterators and contexts Python holds, and how many goroutines run:
    for tests of leaks."""
    stats = _lib_stats()
    return stats.r0, stats.r1


# Python callables passed to Go functions, by handle. Go owns each one the call that passed it
# took: a Go function value calls it, and once Go drops that value Go tells the dispatcher to
# release it; one the call never gave Go is released when the call ends.
_callbacks: dict[int, Callable[..., Any]] = {}
# The calls under way that passed a callable, by its handle: what it raised (first only).
_callback_errors: dict[int, list[BaseException]] = {}
_callback_handles = _count(1)
# Registrations, errors and the dispatcher's creation, from any thread: a real lock, as the
# interpreter may have no GIL.
_callback_lock = _allocate_lock()
_dispatcher: list[Any] = []  # the C function Go calls Python through, made on first use
_allocator: list[Any] = []  # the C allocator of results (malloc: Go frees them), from Go

# The C type of the dispatcher (the Go side's _setuptools_golang_ext_dispatcher), what Go asks
# it (op) and what it answers.
_DISPATCHER = "long long(int, unsigned long long, char *, long long, char **, long long *)"
_CALL, _RELEASE, _UNRAISABLE = 0, 1, 2
_CALLED, _RAISED, _RELEASED, _RETURNED_ERROR = 0, 1, 2, 4
_ERROR_KINDS = {"TypeError": TypeError, "OverflowError": OverflowError}


def _callback(function: object, name: str) -> int:
    """Register the callable *function*, passed as argument *name*, for a call into Go."""
    if not callable(function):
        raise TypeError(f"{name}: expected a callable, got {type(function).__name__}")
    with _callback_lock:
        if not _dispatcher:  # Go has the dispatcher before any callable reaches it
            made = ffi.callback(_DISPATCHER, _dispatch, error=_RAISED)
            allocator = _lib_dispatcher(ffi.cast("void *", made))
            _allocator.append(ffi.cast("void *(*)(size_t)", allocator))
            _dispatcher.append(made)
        handle = next(_callback_handles)
        _callbacks[handle] = function
        _callback_errors[handle] = []
    return handle


def _callback_done(*handles: int) -> None:
    """The call that passed the callables *handles* (0: not registered) is over: raise what
    they raised in it (the first of their errors)."""
    raised: list[BaseException] = []
    for handle in handles:
        if handle:
            raised += _callback_over(handle)
    if raised:
        raise raised[0]


def _callback_over(handle: int) -> list[BaseException]:
    try:
        taken = _lib_callback_done(handle)
    except GoForkError:
        taken = False  # a child that fork() made: its Go runtime is not running
    with _callback_lock:
        if not taken:
            del _callbacks[handle]
        return _callback_errors.pop(handle)


def _dispatch(  # noqa: PLR0917 - cffi calls it with the C function's parameters
    op: int, handle: int, data: Any, size: int, result: Any, result_size: Any
) -> int:
    """Go calls Python (on any thread: cffi takes the GIL). _CALL: the callable *handle*, its
    result pickled into Go's buffer (*result) or, when it does not fit, into C memory from
    Go's allocator, which Go frees; _RELEASE: Go dropped the callables *data* names;
    _UNRAISABLE: Go could not use a result of callable *handle* after the call that passed it
    returned. An exception escaping from here is reported by cffi through sys.unraisablehook
    (and Go gets zero values)."""
    if op == _RELEASE:
        released = _new_array("Q")
        released.frombytes(ffi.buffer(data, size))
        with _callback_lock:
            for dropped in released:
                _callbacks.pop(dropped, None)
        return _CALLED
    function = _callbacks.get(handle)
    if op == _UNRAISABLE:
        kind, _, message = bytes(ffi.buffer(data, size)).decode().partition("\x1f")
        raise _ERROR_KINDS.get(kind, ValueError)(f"{function!r}: {message}")
    if function is None:
        return _RELEASED
    try:
        out = _pickled_result(function(*_loads(ffi.buffer(data, size))))
        if len(out) > result_size[0]:  # Go's buffer is too small: memory of the result's own
            memory = _allocator[0](len(out))
            if memory == ffi.NULL:
                raise MemoryError(f"no memory for the {len(out)} bytes of a callback result")
            result[0] = ffi.cast("char *", memory)
    except BaseException as error:  # any: the call that passed it raises it, if under way
        sentinel = getattr(type(error), "_go_error", "").encode()
        if sentinel:  # GoEOFError, the module's ErrX: Go's error to return, not Python's
            ffi.memmove(result[0], sentinel, len(sentinel))
            result_size[0] = len(sentinel)
            return _RETURNED_ERROR
        with _callback_lock:
            raised = _callback_errors.get(handle)
            if raised is not None and not raised:
                raised.append(error)
        if raised is None:
            raise  # that call is over
        return _RAISED
    ffi.memmove(result[0], out, len(out))
    result_size[0] = len(out)
    return _CALLED


# A handle Python passes for a Python object where Go takes a Go object's handle too (an
# interface of the package, an io.Reader...): the number of its callable, with this bit.
_PYTHON_OBJECT = 1 << 63


def _registered(handle: int) -> int:
    """The callable a Python object's *handle* registered (0: a Go object's handle)."""
    return handle & ~_PYTHON_OBJECT if handle & _PYTHON_OBJECT else 0


def _implementation(
    value: object, cls: type[_GoObject], methods: tuple[str, ...], refusal: str, name: str
) -> int:
    """The handle of *value*, passed as argument *name* for the package's interface *cls*: a Go
    object of it, or a Python object with its *methods*, which Go calls (registered for the
    call: see _callback); *refusal*: why Python cannot implement *cls*."""
    if value is None or isinstance(value, cls):
        return _handle(value, cls, True, name)
    expected = f"{name}: expected {cls.__name__}, None"
    if refusal:
        raise TypeError(
            f"{expected}, got {type(value).__name__} (a Python object cannot implement "
            f"{cls.__name__}: {refusal})"
        )
    # A method of io's Read, Write or Close is the file's: read() (or readinto), write, close.
    served = {method: _FILE_OPS.get(method, (method,)) for method in methods}
    missing = [
        method
        for method, names in served.items()
        if not any(callable(getattr(value, found, None)) for found in names)
    ]
    if missing:
        wanted = ", ".join(" or ".join(f"{found}()" for found in served[m]) for m in methods)
        raise TypeError(
            f"{expected} or an object with the methods {wanted}, got {type(value).__name__} "
            f"(it has no {' or '.join(f'{found}()' for found in served[missing[0]])})"
        )
    return _callback(_partial(_call_method, value), name) | _PYTHON_OBJECT


def _call_method(value: Any, method: str, *arguments: Any) -> Any:
    """Go calls the Python object's *method* (looked up at each call, as Python would); a
    lower-case one is its file's (Go's exported methods are capitalised)."""
    if method in _FILE_OPS:
        return _file_call(value, method, *arguments)
    return getattr(value, method)(*arguments)


# The methods of a Python file that serve io's Read, Write and Close.
_FILE_OPS = {"read": ("read", "readinto"), "write": ("write",), "close": ("close",)}


# What a Go file's class says it has, for each Go method.
_GO_FILE_FLAGS = {"r": "_readable", "w": "_writable", "c": "_closes"}
# What a Python file needs for each Go method: "r" (Read), "w" (Write), "c" (Close).
_FILE_METHODS = {"r": _FILE_OPS["read"], "w": _FILE_OPS["write"], "c": _FILE_OPS["close"]}


def _file(value: object, cls: type[_GoFile], methods: str, name: str) -> int:
    """The handle of *value*, passed as argument *name* for an io.Reader, io.Writer... (Go's
    methods *methods*: "r", "rw"...): a Go one of class *cls*, or a Python binary file."""
    if value is None or isinstance(value, cls):
        return _handle(value, cls, True, name)
    if isinstance(value, _GoFile) and all(  # a Go object with those methods: Go's own value
        getattr(value, flag) for method, flag in _GO_FILE_FLAGS.items() if method in methods
    ):
        return _handle(value, _GoFile, True, name)
    if isinstance(value, _io.TextIOBase):
        raise TypeError(
            f"{name}: expected a binary file, got the text file {value!r} (open it in binary "
            "mode: 'rb', 'wb'; or use io.BytesIO)"
        )
    for method in methods:
        if not any(callable(getattr(value, found, None)) for found in _FILE_METHODS[method]):
            wanted = " or ".join(f"{found}()" for found in _FILE_METHODS[method])
            raise TypeError(
                f"{name}: expected {cls.__name__}, None or a binary file with {wanted}, got "
                f"{type(value).__name__}"
            )
    return _callback(_partial(_file_call, value), name) | _PYTHON_OBJECT


class _Registered(tuple):  # type: ignore[type-arg]  # cffi's (pointer, length, capacity)
    """A pickled list of handles for a Go slice, with the callables it registered (``ids``),
    which the call ends."""

    ids: tuple[int, ...] = ()


def _files(values: Any, cls: type[_GoFile], methods: str, name: str) -> _Registered:
    """A slice (or ``...T``) of Go files of class *cls* or Python binary files, argument
    *name*: their handles, pickled; the Python files' callables registered for the call (a
    file refused releases those registered before it)."""
    handles: list[int] = []
    try:
        for index, value in enumerate(values):
            if value is None:  # nil in a slice of readers is no reader
                raise TypeError(f"{name}[{index}]: expected {cls.__name__} or a file, got None")
            handles.append(_file(value, cls, methods, f"{name}[{index}]"))
    except BaseException:
        _callback_done(*(_registered(handle) for handle in handles))
        raise
    registered = _Registered(_pickled(handles, name))
    registered.ids = tuple(_registered(handle) for handle in handles)
    return registered


def _file_call(file: Any, op: str, argument: Any = None) -> Any:
    """Go calls the Python file: "read" (at most *argument* bytes: bytes, b"" at its end),
    "write" (all of the bytes *argument*), "close"."""
    if op == "read":
        return _read_from(file, argument)
    if op == "write":
        _write_to(file, argument)
        return None
    file.close()
    return None


def _read_from(file: Any, size: int) -> bytes:
    read = getattr(file, "read", None)
    if callable(read):
        data = read(size)
    else:  # readinto() only
        buffer = bytearray(size)
        count = file.readinto(buffer)
        if type(count) is not int or not 0 <= count <= size:
            raise ValueError(f"{file!r}.readinto() of {size} bytes returned {count!r}")
        data = memoryview(buffer)[:count]
    if data is None:
        raise TypeError(
            f"{file!r}.read({size}) returned None (a non-blocking file with no data): Go's "
            "io.Reader waits for data, or its end"
        )
    try:
        view = memoryview(data)
    except TypeError:
        raise TypeError(
            f"{file!r}.read({size}) returned {type(data).__name__}, expected bytes (a binary file)"
        ) from None
    if view.nbytes > size:
        raise ValueError(
            f"{file!r}.read({size}) returned {view.nbytes} bytes, more than the {size} asked"
        )
    return view.tobytes()


def _write_to(file: Any, data: bytes) -> None:
    """Write all of *data*: a raw file may write part of it (then the rest is written)."""
    view, done = memoryview(data), 0
    while done < len(data):
        written = file.write(data if not done else view[done:])
        if written is None:  # a writer that returns nothing took it all
            return
        left = len(data) - done
        if type(written) is not int or not 0 < written <= left:
            raise ValueError(
                f"{file!r}.write() of {left} bytes returned {written!r}, expected 1 to {left}"
            )
        done += written


class _File(_GoFile):
    """A Go io.Reader, io.Writer or io.Closer of this module's package: its Go calls."""

    __slots__ = ()

    def _go_read(self, handle: int, view: memoryview) -> tuple[int, bool, Exception | None]:
        pointer = ffi.from_buffer(view, require_writable=True)
        try:
            result = _lib_file_read(handle, pointer, view.nbytes)
        except BaseException:
            _drop_panic()
            raise
        finally:
            ffi.release(pointer)  # now: the caller's buffer stays resizable
        failure = None
        if _panics[0]:
            try:
                _raise_panic(f"{type(self).__name__}.read")
            except Exception as error:
                failure = error.with_traceback(None)  # kept for the next read: no frames
        return result.r0, bool(result.r1), failure

    def _go_readall(self, handle: int) -> bytes:
        try:
            result = _lib_file_readall(handle)
        except BaseException:
            _drop_panic()
            raise
        if _panics[0]:
            _raise_panic(f"{type(self).__name__}.readall")
        try:
            return ffi.unpack(result.r0, result.r1)  # type: ignore[no-any-return]
        finally:
            _release(result.r0, result.r1)

    def _go_write(self, handle: int, view: memoryview) -> int:
        pointer = ffi.from_buffer(view)
        try:
            written = _lib_file_write(handle, pointer, view.nbytes)
        except BaseException:
            _drop_panic()
            raise
        finally:
            ffi.release(pointer)
        if _panics[0]:
            _raise_panic(f"{type(self).__name__}.write")
        return written

    def _go_close(self) -> None:
        if not self._closes:
            _close(self)
            return
        _claim(self)  # Go's Close, once however many threads close it at once
        try:
            try:
                _lib_file_close(self._go)
            except BaseException:
                _drop_panic()
                raise
            if _panics[0]:
                _raise_panic(f"{type(self).__name__}.close")
        finally:
            _close(self)


def _python_exiting() -> None:
    """At exit: from now on, Go's calls of Python callables return zero values without
    entering Python (its finalisation frees what they would run); returns once the calls
    under way have returned."""
    try:  # noqa: SIM105 - contextlib would cost every import
        _lib_exiting()
    except GoForkError:
        pass


_atexit_register(_python_exiting)
