"""Runtime support shared by the Go extension modules of one distribution.

setuptools-golang-ext copies this file into every distribution it builds, as ``<pkg>._go_runtime``
(so it uses the standard library only). It holds the exceptions of the generated modules, the
fork guard, :func:`interruptible`, and the check for a second Go runtime in the process.
"""

from __future__ import annotations

import io as _io
import os as _os
import sys as _sys
from _operator import index as _index  # operator's own (operator.py: ~0.2 ms to import)
from _thread import _local
from _thread import allocate_lock as _allocate_lock
from _thread import get_ident as _get_ident

TYPE_CHECKING = False
if TYPE_CHECKING:  # never executed: the import stays cheap (no typing), as in generated modules
    from collections.abc import Callable, Iterator, Mapping, MutableMapping
    from datetime import datetime, time, timedelta, timezone
    from functools import partial
    from queue import SimpleQueue
    from typing import Any, ClassVar, Literal, NoReturn, TypeVar

    from typing_extensions import ParamSpec

    _P = ParamSpec("_P")
    _R = TypeVar("_R")
    _T_co = TypeVar("_T_co", covariant=True)
    _F = TypeVar("_F", bound="_GoFile")

if not TYPE_CHECKING:
    try:  # functools' own: the functools module (with collections) costs ~1.5 ms to import
        from _functools import partial
    except ImportError:  # PyPy has no _functools
        from functools import partial
_partial = partial  # the generated modules' too


def _datetime_classes() -> tuple[type[datetime], type[time], type[timedelta], type[timezone]]:
    """datetime's classes (datetime, time, timedelta, timezone), from its C module where CPython
    has one: the generated modules' time conversions need them, and importing datetime.py,
    which only wraps _datetime, costs ~1 ms more."""
    try:
        module: Any = __import__("_datetime")
    except ImportError:  # PyPy: datetime is Python
        module = __import__("datetime")
    return module.datetime, module.time, module.timedelta, module.timezone


__all__ = [
    "GoCanceledError",
    "GoEOFError",
    "GoError",
    "GoFileExistsError",
    "GoFileNotFoundError",
    "GoForkError",
    "GoIterator",
    "GoPanic",
    "GoPermissionError",
    "GoTimeoutError",
    "interruptible",
]


class GoError(RuntimeError):
    """An error a Go function returned (its last result: an ``error``, or ``err *C.char``).

    ``go_type`` is the error value's Go type (``*fs.PathError``...), when Go said.
    """

    # A class that stands for one Go error value (a sentinel: io.EOF, the package's ErrX): its
    # name in the Go side's tables. Raised by a Python callable, it is that Go error's return.
    _go_error = ""

    def __init__(self, message: str = "", go_type: str = "") -> None:
        # No message needed: ``raise ErrNotFound`` from a callable returns Go's ErrNotFound.
        super().__init__(message)
        self.go_type = go_type

    def __reduce__(self) -> tuple[type[GoError], tuple[str, str], dict[str, Any]]:
        # The attributes too: an error type's fields (go_type is set again by __init__), not
        # the handle of the Go error (meaningless in another process).
        state = {name: value for name, value in self.__dict__.items() if name != "_go"}
        return type(self), (str(self), self.go_type), state

    def __setstate__(self, state: Any) -> None:
        # A dict (from __reduce__), or (None, {field: value}): how Go writes an error type's
        # fields (BaseException's own __setstate__ takes dicts only).
        if isinstance(state, tuple):
            state = {**(state[0] or {}), **(state[1] or {})}
        for name, value in state.items():
            setattr(self, name, value)


# The standard library's errors with a natural Python exception (the Go side matches them
# with errors.Is when no error of the bound package matches first).


class GoEOFError(GoError, EOFError):
    """A Go error that is ``io.EOF``."""


class GoTimeoutError(GoError, TimeoutError):
    """A Go error that is ``context.DeadlineExceeded``: a call's ``timeout`` passed."""


class GoCanceledError(GoError):
    """A Go error that is ``context.Canceled`` (Ctrl-C raises KeyboardInterrupt instead)."""


class GoFileNotFoundError(GoError, FileNotFoundError):
    """A Go error that is ``fs.ErrNotExist`` (``os.ErrNotExist``)."""


class GoFileExistsError(GoError, FileExistsError):
    """A Go error that is ``fs.ErrExist`` (``os.ErrExist``)."""


class GoPermissionError(GoError, PermissionError):
    """A Go error that is ``fs.ErrPermission`` (``os.ErrPermission``)."""


for _standard in (
    GoEOFError,
    GoTimeoutError,
    GoCanceledError,
    GoFileNotFoundError,
    GoFileExistsError,
    GoPermissionError,
):
    _standard._go_error = _standard.__name__


def _report_exception(
    function: str, report: str, namespace: Mapping[str, object] | None = None
) -> BaseException:
    """The exception for a report a Go call left: a panic, a returned error (``GoError``, or
    the subclass of the error it matched: one of the generated module's *namespace* or of the
    standard library's above), or a value that could not be converted (kind: the Python
    exception's name). A report is kind, Go type, state (hex of a pickle of the exception,
    for an error type's fields, then ``@`` and the handle of Go's error when its class has
    methods) and message."""
    kind, _, rest = report.partition(_REPORT_SEPARATOR)
    if kind == "panic":
        return GoPanic(function, rest)
    go_type, _, rest = rest.partition(_REPORT_SEPARATOR)
    state, _, message = rest.partition(_REPORT_SEPARATOR)
    error, _, name = kind.partition(".")
    if error == "GoError":
        found = ((namespace or {}).get(name) or globals().get(name)) if name else None
        error_class = found if isinstance(found, type) and issubclass(found, GoError) else GoError
        fields, _, handle = state.partition(_HANDLE_SEPARATOR)  # Go's error, for its methods
        exception = _error_of(error_class, fields, message, go_type)
        hold: Any = (namespace or {}).get("_hold_error")  # the module's, when it has objects
        if handle and hold is not None:
            hold(exception, int(handle))
        return exception
    exception_class = {"TypeError": TypeError, "OverflowError": OverflowError}.get(kind, ValueError)
    return exception_class(f"{function}(): {message}")


def _error_of(error_class: type[GoError], fields: str, message: str, go_type: str) -> GoError:
    """The exception of a Go error: *fields* is the hex of a pickle of an error type's."""
    if not fields:
        return error_class(message, go_type)
    import pickle  # noqa: PLC0415 - rare: an error type's fields

    exception: GoError = pickle.loads(bytes.fromhex(fields))  # Go wrote it
    GoError.__init__(exception, message, go_type)
    return exception


# The struct values being printed, by thread: (id of the value, the thread's ident).
_in_repr: set[tuple[int, int]] = set()


class _GoStruct:
    """Base of the classes of Go struct types: a value with one attribute per exported field
    (``__slots__``), compared and printed by its fields, picklable by its fields."""

    __slots__: tuple[str, ...] = ()

    def __repr__(self) -> str:
        # A Go value that holds itself (n.Next = n) shows "..." there, as a list holding itself.
        key = (id(self), _get_ident())
        if key in _in_repr:
            return "..."
        _in_repr.add(key)
        try:
            fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        finally:
            _in_repr.discard(key)
        return f"{type(self).__name__}({fields})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        if other is self:  # a value that holds itself equals itself without recursing
            return True
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # mutable, as a Go struct value

    def __reduce__(self) -> tuple[type[_GoStruct], tuple[object, ...]]:
        # Also how Go reads an instance passed as an argument: the class and the field values.
        return type(self), tuple(getattr(self, name) for name in self.__slots__)


# Set on a thread while it pickles a value for Go (the generated modules' _pickled_held): the
# Go objects inside pickle as their handles then, and refuse to pickle at any other time (a
# handle means nothing outside this process, nor once released). Per thread: another thread's
# pickle.dumps of a Go object at the same moment still fails.
_go_crossing = _local()


class _GoObject:
    """Base of the classes of Go object types: each instance holds one Go value by its handle
    (``_go``; 0 once closed), which Go releases when the instance is collected or closed."""

    __slots__ = ("__weakref__", "_go", "_holds")

    _go: int
    _holds: Iterator[int]

    def __new__(cls, *args: object, **kwargs: object) -> _GoObject:
        # Classes with a Go constructor (NewT, or the zero value) define their own __new__.
        raise TypeError(f"cannot create {cls.__name__} objects: Go functions return them")

    def __repr__(self) -> str:
        state = f"handle {self._go}" if self._go else "closed"
        return f"<{type(self).__module__}.{type(self).__qualname__} Go object, {state}>"

    def __reduce__(self) -> tuple[Any, tuple[type, int]]:
        if getattr(_go_crossing, "on", False):  # pickled for Go (_pickled_held): its handle
            cls, handle = type(self), self._go  # _go_pickled, inline: once per object
            if handle:
                return _sys.modules[cls.__module__]._object, (cls, handle)
            raise ValueError(f"the {cls.__name__} is closed")
        raise TypeError(
            f"cannot pickle {type(self).__name__}: it is a Go object that lives in this process"
        )

    def _go_pickled(self) -> tuple[Any, tuple[type, int]]:
        """How the object crosses to Go inside a value: the pickle of its handle, as a call of
        its module's ``_object(cls, handle)``, which Go's codec reads as the Go value itself."""
        cls = type(self)
        if not self._go:
            raise ValueError(f"the {cls.__name__} is closed")
        return _sys.modules[cls.__module__]._object, (cls, self._go)


# The most bytes one read() of a Go reader returns (Go's buffer for it is its own; the codec's
# MaxRead): a raw file may return fewer than asked.
_MAX_READ = 4 << 20
# Makes the locks of Go files, each on its first use.
_file_locks = _allocate_lock()


class _GoFile(_GoObject):
    """Base of the classes of Go ``io.Reader``, ``io.Writer`` and ``io.Closer`` values (and
    io's interfaces that combine them): binary files with io.RawIOBase's methods. Reads of one
    file take turns (a lock), and so do writes; a read and a write run at once, as in Go (a
    pipe needs that). Each generated module's subclass makes the Go calls (``_go_*``)."""

    __slots__ = ("_pending", "_reading", "_writing")

    # What the Go type has: Read, Write, Close (its class says).
    _readable: ClassVar[bool] = False
    _writable: ClassVar[bool] = False
    _closes: ClassVar[bool] = False
    _pending: BaseException  # an error Go's Read returned with bytes: raised by the next read

    @property
    def closed(self) -> bool:
        return not self._go

    def readable(self) -> bool:
        self._checked("readable")
        return self._readable

    def writable(self) -> bool:
        self._checked("writable")
        return self._writable

    def seekable(self) -> bool:
        self._checked("seekable")
        return False

    def isatty(self) -> bool:
        self._checked("isatty")
        return False

    def fileno(self) -> int:
        raise _io.UnsupportedOperation(f"{type(self).__name__}: a Go value has no file descriptor")

    def flush(self) -> None:
        self._checked("flush")

    def read(self, size: int | None = -1) -> bytes:
        """At most *size* bytes (one Go Read: fewer than asked is no end), b"" at the end;
        all of it to the end when *size* is negative or None."""
        if size is None or _index(size) < 0:
            return self.readall()
        buffer = bytearray(min(_index(size), _MAX_READ))
        del buffer[self.readinto(buffer) :]
        return bytes(buffer)

    def readinto(self, buffer: Any) -> int:
        """One Go Read into *buffer* (a writable bytes-like object): how many bytes, 0 at the end."""
        # Released on the way out, whatever happens: the caller's bytearray stays resizable.
        with memoryview(buffer) as raw, raw.cast("B") as view, view[:_MAX_READ] as part:
            if part.readonly:
                raise TypeError(f"{type(self).__name__}.readinto(): the buffer is read-only")
            with self._lock("_reading"):
                handle = self._checked("read", self._readable)
                self._raise_pending()
                if not part.nbytes:
                    return 0
                count, _, failure = self._go_read(handle, part)
                if failure is not None and count:  # the bytes first, the error at the next read
                    self._pending, failure = failure, None
        if failure is not None:
            raise failure
        return count

    def readall(self) -> bytes:
        """Everything to the end (Go's io.ReadAll)."""
        with self._lock("_reading"):
            handle = self._checked("read", self._readable)
            self._raise_pending()
            return self._go_readall(handle)

    def write(self, data: Any) -> int:
        """Write all of *data* (a bytes-like object; Go gets a copy), or raise Go's error."""
        with memoryview(data) as raw, raw.cast("B") as view, self._lock("_writing"):
            return self._go_write(self._checked("write", self._writable), view)

    def close(self) -> None:
        """Go's Close (once, when the Go type has one), then let Go collect the value; again:
        nothing."""
        if self._go:
            self._go_close()

    def __enter__(self: _F) -> _F:
        self._checked("__enter__")
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _checked(self, what: str, able: bool = True) -> int:
        handle = self._go
        if not handle:
            raise ValueError(f"{type(self).__name__}.{what}(): I/O operation on closed file")
        if not able:
            which = "readable" if what == "read" else "writable"
            raise _io.UnsupportedOperation(f"{type(self).__name__}.{what}(): not {which}")
        return handle

    def _lock(self, which: str) -> Any:
        lock = getattr(self, which, None)
        if lock is None:
            with _file_locks:
                lock = getattr(self, which, None)
                if lock is None:
                    lock = _allocate_lock()
                    setattr(self, which, lock)
        return lock

    def _raise_pending(self) -> None:
        pending = getattr(self, "_pending", None)
        if pending is not None:
            del self._pending
            raise pending

    # The generated module's Go calls.
    def _go_read(self, handle: int, view: memoryview) -> tuple[int, bool, Exception | None]:
        raise NotImplementedError

    def _go_readall(self, handle: int) -> bytes:
        raise NotImplementedError

    def _go_write(self, handle: int, view: memoryview) -> int:
        raise NotImplementedError

    def _go_close(self) -> None:
        raise NotImplementedError


if TYPE_CHECKING:  # for type checkers an Iterator, which a runtime class could be only with typing

    class GoIterator(Iterator[_T_co]):
        """What a Go function returning an ``iter.Seq``, ``iter.Seq2`` or channel returns: an
        iterator whose ``close()`` stops the Go producer (see the runtime class below)."""

        def __class_getitem__(cls, item: Any) -> Any: ...
        def __next__(self) -> _T_co: ...
        def close(self) -> None: ...

else:

    class GoIterator:
        """Base of the iterators Go functions return (an ``iter.Seq``, ``iter.Seq2`` or
        channel): ``close()`` stops the Go producer, as finishing or dropping one does."""

        __slots__ = ()

        def __class_getitem__(cls, item: object) -> type[GoIterator]:
            return cls  # GoIterator[int] in annotations evaluated at run time

        def __next__(self) -> object:
            raise NotImplementedError

        def close(self) -> None:
            raise NotImplementedError


class GoPanic(RuntimeError):
    """A Go function panicked; the tool's guard recovered the panic and the process lives on.

    ``value`` is the panic value's text (an error's ``Error()``), ``go_type`` its Go type
    (``runtime.boundsError``, ``*errors.errorString``...) and ``go_stack`` the panicking
    goroutine's stack as Go prints it.
    """

    def __init__(self, function: str, report: str) -> None:
        go_type, value, stack = "", report, ""
        parts = report.split(_REPORT_SEPARATOR)
        if len(parts) >= 3:  # the value's own text may hold the separator too
            go_type, value, stack = parts[0], _REPORT_SEPARATOR.join(parts[1:-1]), parts[-1]
        super().__init__(f"Go function {function} panicked: {value}")
        self.function = function
        self.value = value
        self.go_type = go_type
        self.go_stack = stack
        self._report = report

    def __reduce__(self) -> tuple[type[GoPanic], tuple[str, str]]:
        return type(self), (self.function, self._report)  # picklable: multiprocessing sends it


_REPORT_SEPARATOR = "\x1f"  # what the Go side puts between type, value and stack
_HANDLE_SEPARATOR = "@"  # between an error type's fields and the handle of Go's error


class GoForkError(RuntimeError):
    """A Go function was called in a child process that fork() made after Go started."""


# The globals of every generated module of this distribution that loaded Go, for the fork guard.
_modules: list[MutableMapping[str, object]] = []


def _go_library_path(name: str) -> str:
    """The Go library the distribution's extensions share, installed beside this module."""
    # os.path, not pathlib: importing pathlib would cost every generated module's import.
    return _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), name)  # noqa: PTH100, PTH118, PTH120


def _go_module_loading(module: str, namespace: MutableMapping[str, object]) -> None:
    """Called by each generated module just before it loads the Go library."""
    if any(isinstance(loaded.get("lib"), _ForkedGo) for loaded in _modules):
        # A child that fork() made after a sibling module started Go: this one would hang too.
        _ForkedGo(module)._refuse()
    _modules.append(namespace)
    _check_single_runtime(module)


class _ForkedGo:
    """Stands in, in a forked child, for the Go functions of a generated module."""

    def __init__(self, module: str) -> None:
        self._module = module

    def _refuse(self) -> NoReturn:
        raise GoForkError(
            f"Go cannot run in this process: fork() made it (pid {_os.getpid()}) after "
            f"{self._module} started the Go runtime, whose threads do not "
            "survive a fork, so the call would hang. Start worker processes with multiprocessing's "
            '"spawn" start method: multiprocessing.get_context("spawn"), e.g. '
            'concurrent.futures.ProcessPoolExecutor(mp_context=...). The "forkserver" method (the '
            "default on Linux since Python 3.14) works only while its server has not started Go: "
            "since 3.14 the server imports the main module first, so call "
            "multiprocessing.set_forkserver_preload([]) before starting workers."
        )

    def __call__(self, *args: object, **kwargs: object) -> NoReturn:
        self._refuse()

    def __getattr__(self, name: str) -> NoReturn:
        if name.startswith("__"):  # copy, pickle and friends probe for special methods
            raise AttributeError(name)
        self._refuse()


def _after_fork_in_child() -> None:
    """Replace every Go function the generated modules call (and ``lib``) with a refusal;
    forget the kept workers, whose threads the child does not have."""
    _kept.forget()
    for namespace in _modules:
        forked = _ForkedGo(str(namespace.get("__name__")))
        for name in list(namespace):
            if (
                name == "lib"
                or name.startswith("_lib_")
                or name in ("_free", "_free_many", "_take_panic")
            ):
                namespace[name] = forked


if hasattr(_os, "register_at_fork"):  # POSIX
    _os.register_at_fork(after_in_child=_after_fork_in_child)


def _start_thread(target: Callable[[], None], name: str) -> None:
    import threading  # noqa: PLC0415 - here, not at import: most modules never need it

    threading.Thread(target=target, name=name, daemon=True).start()


class _KeptWorkers:
    """Daemon threads kept for the calls of :func:`_on_worker` (*kept*): they take jobs from one
    queue (a job is in it or not: a Ctrl-C while one is handed over loses no thread), and one
    that waited *linger* seconds for a job ends (a thread that called Go holds a goroutine of
    Go's while it lives). A job goes to a waiting worker, else to a new one."""

    def __init__(self, linger: float) -> None:
        self._linger = linger
        self._jobs: SimpleQueue[Callable[[], None]] | None = None  # made at the first job
        self._waiting = 0  # workers waiting for a job
        self._lock = _allocate_lock()

    def run(self, job: Callable[[], None]) -> None:
        """Run *job* (which raises nothing) on a kept worker."""
        jobs = self._jobs
        if jobs is None:
            from queue import SimpleQueue  # noqa: PLC0415 - here: most modules never need it

            jobs = self._jobs = SimpleQueue()
        jobs.put(job)
        with self._lock:  # more jobs than waiting workers (a job left by a Ctrl-C): one more
            start = jobs.qsize() > self._waiting
        if start:
            _start_thread(_partial(self._serve, jobs), "Go context calls")

    def _serve(self, jobs: SimpleQueue[Callable[[], None]]) -> None:
        from queue import Empty  # noqa: PLC0415

        while True:
            with self._lock:
                self._waiting += 1
            try:
                job = jobs.get(timeout=self._linger)
            except Empty:
                with self._lock:
                    self._waiting -= 1
                    if jobs.empty():  # else a job came as the wait ended: take it
                        return
                continue
            with self._lock:
                self._waiting -= 1
            job()

    def forget(self) -> None:
        """In a child that fork() made: its threads are not there."""
        self._jobs = None
        self._waiting = 0
        self._lock = _allocate_lock()  # another thread may have held it at the fork


_kept = _KeptWorkers(linger=1.0)

# How many calls with a context run Go on the main thread (the generated modules'
# _context_call), across the distribution's modules, which share its Go runtime's wakeup fd:
# more than one while one runs inside another's callback. Only the main thread changes it.
_main_thread_calls = [0]


# Every distribution built by setuptools-golang-ext records its Go runtime here (a module, so
# that distributions built by other versions of the tool find the same registry).
_REGISTRY = "_setuptools_golang_ext_go_runtimes"


def _check_single_runtime(module: str) -> None:
    """Warn when another distribution's Go runtime is already in the process."""
    registry = _sys.modules.get(_REGISTRY)
    if registry is None:
        registry = type(_sys)(_REGISTRY, "Go runtimes loaded by setuptools-golang-ext modules.")
        _sys.modules[_REGISTRY] = registry
    runtimes: dict[str, str] = registry.__dict__.setdefault("runtimes", {})
    directories: set[str] = registry.__dict__.setdefault("directories", set())
    if __name__ in runtimes:
        return  # this distribution's runtime: one for all its modules
    others = [
        (other_module, f"whose runtime support is {other_runtime}")
        for other_runtime, other_module in runtimes.items()
    ]
    ours = _os.path.dirname(_os.path.abspath(__file__))  # noqa: PTH100, PTH120
    for library in _foreign_go_libraries(directories | {ours}):
        others.append((library, "a Go library that another tool built"))
    if others:
        import warnings  # noqa: PLC0415 - here: not every interpreter has imported it already

        for other, what in others:
            warnings.warn(_two_runtimes_message(module, other, what), RuntimeWarning, stacklevel=3)
    runtimes[__name__] = module
    directories.add(ours)


def _two_runtimes_message(module: str, other: str, what: str) -> str:
    if _sys.platform in ("darwin", "win32"):
        risk = "on macOS and Windows this is known to crash the process"
    else:
        risk = "on Linux it often works, but nothing guarantees it"
    return (
        f"{module} loads a second Go runtime into this process: {other} ({what}) loaded one "
        f"already, from a separately built Go library. Go does not support two runtimes in one "
        f"process (golang/go#65050); {risk}. Build the Go code of both into one distribution, "
        "or use them from separate processes."
    )


# Where the system's shared objects live (and Python's own, in lib-dynload): none of them is Go.
_SYSTEM_PREFIXES = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")


def _foreign_go_libraries(ours: set[str]) -> list[str]:
    """Linux: the shared objects mapped into this process that hold a Go runtime and lie
    outside the directories of distributions this tool built (*ours*). A handful of small
    reads per library, once per distribution; other systems have no /proc/self/maps."""
    try:
        with open("/proc/self/maps", "rb") as maps:  # noqa: PTH123
            lines = maps.read().splitlines()
    except OSError:
        return []
    paths = set()
    for line in lines:
        fields = line.split(None, 5)
        if len(fields) == 6 and fields[5].startswith(b"/") and b".so" in fields[5]:
            paths.add(_os.fsdecode(fields[5]))
    return [
        path
        for path in sorted(paths)
        if not path.startswith(_SYSTEM_PREFIXES)
        and "/lib-dynload/" not in path
        and _os.path.dirname(path) not in ours  # noqa: PTH120
        and _is_go_binary(path)
    ]


def _is_go_binary(path: str) -> bool:
    """Whether the ELF file *path* has Go's build-info section (stripped ones keep it)."""
    try:
        with open(path, "rb") as elf:  # noqa: PTH123
            header = elf.read(64)
            if header[:5] != b"\x7fELF\x02":  # 64-bit ELF
                return False
            order: Literal["little", "big"] = "little" if header[5] == 1 else "big"
            section_headers = int.from_bytes(header[0x28:0x30], order)
            entry_size = int.from_bytes(header[0x3A:0x3C], order)
            names_index = int.from_bytes(header[0x3E:0x40], order)
            elf.seek(section_headers + names_index * entry_size)
            names_header = elf.read(entry_size)
            elf.seek(int.from_bytes(names_header[0x18:0x20], order))
            names = elf.read(min(int.from_bytes(names_header[0x20:0x28], order), 1 << 16))
    except (OSError, ValueError):
        return False
    return b".go.buildinfo\0" in names


def interruptible(function: Callable[_P, _R], /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
    """Call ``function(*args, **kwargs)`` on a worker thread, waiting for it in short slices.

    A Go call holds Python's signal handling until it returns: Ctrl-C during a long call
    raises KeyboardInterrupt only afterwards. Through this helper the waiting thread stays in
    Python, so KeyboardInterrupt (and other signal handlers) arrive within a fraction of a
    second. Go cannot be stopped from outside: the call runs on in the background to its end,
    and its result is dropped. Exceptions of *function* are raised here. (Functions whose Go
    code takes a ``context.Context`` are cancelled by Ctrl-C and waited for instead.)
    """
    name = getattr(function, "__qualname__", "function")
    return _on_worker(lambda: function(*args, **kwargs), None, name)


def _on_worker(
    call: Callable[[], _R],
    interrupted: Callable[[], None] | None,
    name: str = "Go call",
    *,
    kept: bool = False,
) -> _R:
    """``call()`` on a worker thread while this one waits in slices. An exception while it
    waits (a signal handler's: KeyboardInterrupt) is raised at once; given *interrupted*,
    after calling it (a cancel) and waiting for the worker to end. *kept*: on one of the
    threads kept for such calls (starting a thread costs tens of microseconds), not a new one."""
    outcome: list[tuple[bool, Any]] = []
    began: list[bool] = []  # set by the worker: a flag, cheaper than an Event
    # Held until the worker ends. The wait is a plain lock's: a signal's exception inside
    # Event.wait can leave its Condition's lock released twice ("release unlocked lock").
    running = _allocate_lock()
    running.acquire()

    def run() -> None:
        began.append(True)
        try:
            outcome.append((True, call()))
        except BaseException as error:  # handed to the waiting thread
            outcome.append((False, error))
        finally:
            running.release()

    try:
        if kept:
            _kept.run(run)
        else:
            _start_thread(run, f"interruptible {name}")
        while not running.acquire(timeout=0.05):
            pass
    except BaseException:  # even while start() waits: the call may be running already
        if interrupted is not None:
            interrupted()
            if began and not outcome:  # else it never runs, or it has ended
                running.acquire()
        raise
    [(returned, value)] = outcome
    outcome.clear()  # no cycle: the traceback holds this frame
    if returned:
        return value  # type: ignore[no-any-return]
    try:
        raise value
    finally:
        del value
