"""Checks files and interfaces Python implements in tests/data/gopkgs/objects (files.go): Go's
io.Reader / io.Writer as Python binary files, Python files where Go wants them, Python objects
for the package's interfaces; from 8 threads, and hostile ones.

Run in a fresh interpreter of a venv where the fixture is installed:
``python check_files.py fixture_pkg._native``. Prints "files ok" when every check passed.
"""

from __future__ import annotations

import gc
import importlib
import io
import sys
import threading
from pathlib import Path
from typing import Any

from check_objects import expect_raises, settle


def check_go_files(m: Any) -> None:
    """Go's readers and writers are binary files."""
    reader = m.Text("one\ntwo\nthree\n")
    assert isinstance(reader, m.Reader) and reader.readable() and not reader.writable()
    assert not reader.seekable() and not reader.closed
    assert reader.read(4) == b"one\n" and reader.read(0) == b""
    buffer = bytearray(3)
    assert reader.readinto(buffer) == 3 and buffer == b"two"
    assert reader.read() == b"\nthree\n" and reader.read(10) == b"" and reader.read() == b""
    expect_raises(io.UnsupportedOperation, "Reader.write(): not writable", reader.write, b"x")
    expect_raises(io.UnsupportedOperation, "no file descriptor", reader.fileno)
    with m.Text("a\nb\n") as lines:
        assert io.TextIOWrapper(io.BufferedReader(lines)).readlines() == ["a\n", "b\n"]
    assert lines.closed
    expect_raises(ValueError, "I/O operation on closed file", lines.read, 1)
    expect_raises(ValueError, "argument r: the Reader is closed", m.CountLines, lines)
    sink = m.Sink()
    assert isinstance(sink, m.Writer) and sink.writable() and not sink.readable()
    assert sink.write(b"hello ") == 6 and sink.write(memoryview(b"world")) == 5
    assert sink.write(bytearray(b"!")) == 1 and m.Written() == "hello world!"
    expect_raises(io.UnsupportedOperation, "Writer.read(): not readable", sink.read)
    expect_raises(TypeError, "", sink.write, "text")  # a str is not bytes
    sink.close()
    sink.close()  # again: nothing
    assert m.CopyTo(m.Sink(), m.Text("go to go")) == 8 and m.Written() == "go to go"
    tape = m.NewTape("a\nb\n")  # a Go object with Read and Write: a file too
    assert isinstance(tape, m.Tape) and tape.readable() and tape.writable()
    assert tape.write(b"c\n") == 2 and tape.read(2) == b"a\n"
    assert m.CountLines(tape) == 2 and tape.read() == b""  # Go's own value, not through Python
    assert tape.Write(b"go") == 2 and m.CopyTo(tape, m.Text("!")) == 1 and tape.read() == b"go!"
    tape.close()  # no Close in Go: just released
    expect_raises(ValueError, "closed", tape.read)


def check_go_file_errors(m: Any) -> None:
    """An error Go's Read returns with bytes: the bytes first, the error at the next read."""
    failing = m.Failing("abc", "disk on fire")
    assert failing.read(10) == b"abc"
    expect_raises(m.GoError, "disk on fire", failing.read, 10)
    failing = m.Failing("xyz", "broken")
    expect_raises(m.GoError, "broken", failing.read)  # readall: Go's io.ReadAll's error
    upper = m.UpperWriter(io.BytesIO())  # a Go WriteCloser writing to a Python file
    assert isinstance(upper, m.WriteCloser) and upper.write(b"quiet") == 5
    upper.close()
    expect_raises(ValueError, "I/O operation on closed file", upper.write, b"x")
    target = io.BytesIO()
    with m.UpperWriter(target) as shout:
        shout.write(b"go")
        assert target.getvalue() == b"GO"
    assert not target.closed  # Go got an io.Writer: its value has no Close (only Write)


def check_python_files(m: Any) -> None:
    """A Python binary file is accepted where Go wants an io.Reader, io.Writer..."""
    assert m.CountLines(io.BytesIO(b"a\nb\nc")) == 3
    expect_raises(m.GoPanic, "nil pointer", m.CountLines, None)  # None is Go's nil reader
    assert m.CountLines(io.BytesIO(b"")) == 0
    assert m.CountLines(io.BytesIO(b"x\n" * 100_000)) == 100_000  # many reads
    out = io.BytesIO()
    assert m.CopyTo(out, io.BytesIO(b"\x00\xffbytes")) == 7 and out.getvalue() == b"\x00\xffbytes"
    assert m.CopyTo(out, m.Text("+go")) == 3 and out.getvalue().endswith(b"+go")
    source, target = io.BytesIO(b"both closed"), io.BytesIO()
    target_value: list[bytes] = []
    target.close = lambda: target_value.append(target.getvalue())  # type: ignore[method-assign]
    assert m.CopyClose(target, source) == 11 and source.closed
    assert target_value == [b"both closed"]

    class OnlyReadinto:
        def __init__(self, data: bytes) -> None:
            self.data = data

        def readinto(self, buffer: Any) -> int:
            count = min(len(buffer), len(self.data), 3)
            buffer[:count], self.data = self.data[:count], self.data[count:]
            return count

    assert m.CountLines(OnlyReadinto(b"1\n2\n3\n4")) == 4
    # ...io.Reader: Go's and Python's files, one after the other (io.MultiReader)
    assert m.Concat(io.BytesIO(b"py "), m.Text("go "), OnlyReadinto(b"raw")) == "py go raw"
    assert m.Concat() == "" and m.Concat(*[io.BytesIO(b"x")] * 3) == "x"  # one file, read once
    registered = len(m._callbacks)
    for _ in range(100):  # a refused item releases the files registered before it
        expect_raises(
            TypeError,
            "Concat() argument readers[1]: expected Reader, None or a binary file",
            m.Concat,
            io.BytesIO(b"a"),
            3,
        )
        expect_raises(TypeError, "readers[0]: expected Reader or a file, got None", m.Concat, None)
    assert len(m._callbacks) == registered

    class Collect:  # write() returning None: it took everything
        def __init__(self) -> None:
            self.parts: list[bytes] = []

        def write(self, data: bytes) -> None:
            self.parts.append(bytes(data))

    collect = Collect()
    assert m.CopyTo(collect, io.BytesIO(b"abc")) == 3 and b"".join(collect.parts) == b"abc"

    class Trickle:  # a raw writer that writes one byte a call: Go gets all of it
        def __init__(self) -> None:
            self.data = bytearray()

        def write(self, data: Any) -> int:
            self.data += bytes(data[:1])
            return 1

    trickle = Trickle()
    assert m.CopyTo(trickle, io.BytesIO(b"slowly")) == 6 and trickle.data == b"slowly"
    this = Path(__file__)
    with this.open("rb") as handle:  # a real file
        assert m.CountLines(handle) == this.read_bytes().count(b"\n")


def check_kept_python_file(m: Any) -> None:
    """A Python file Go keeps after the call stays alive, and Go reads it later, from a
    goroutine."""
    m.KeepFile(io.BytesIO(b"kept for later"))
    gc.collect()
    assert m.ReadKept() == "kept for later"

    class Broken:
        def read(self, size: int) -> bytes:
            raise OSError("broken later")

    seen: list[BaseException | None] = []
    hook, sys.unraisablehook = sys.unraisablehook, lambda raised: seen.append(raised.exc_value)
    try:
        m.KeepFile(Broken())
        # After the call that passed it, Go gets an error and Python's hook the exception.
        expect_raises(m.GoError, "else sys.unraisablehook reports it", m.ReadKept)
    finally:
        sys.unraisablehook = hook
    assert len(seen) == 1 and isinstance(seen[0], OSError) and "broken later" in str(seen[0])


def check_hostile_files(m: Any) -> None:
    """Wrong files: each a clear error, raised from the call, and the process lives on."""

    class TooMuch:
        def read(self, size: int) -> bytes:
            return b"x" * (size + 1)

    expect_raises(ValueError, "more than the", m.CountLines, TooMuch())

    class Text:
        def read(self, size: int) -> str:
            return "text"

    expect_raises(TypeError, "returned str, expected bytes", m.CountLines, Text())

    class NonBlocking:
        def read(self, size: int) -> None:
            return None

    expect_raises(TypeError, "returned None", m.CountLines, NonBlocking())

    class Raising:
        def read(self, size: int) -> bytes:
            raise OSError("the disk is gone")

    error = expect_raises(OSError, "the disk is gone", m.CountLines, Raising())
    expect_raises(OSError, "the disk is gone", m.Concat, io.BytesIO(b"first "), Raising())
    assert isinstance(error.__context__, m.GoError)  # Go's error was raised, then this
    closed = io.BytesIO(b"x")
    closed.close()
    expect_raises(ValueError, "closed file", m.CountLines, closed)
    expect_raises(TypeError, "text file", m.CountLines, io.StringIO("text"))
    expect_raises(
        TypeError,
        "expected Reader, None or a binary file with read() or readinto(), got int",
        m.CountLines,
        3,
    )
    expect_raises(TypeError, "binary file with write()", m.CopyTo, object(), io.BytesIO())

    class BadWrite:
        def write(self, data: bytes) -> int:
            return len(data) + 5

    expect_raises(ValueError, "returned", m.CopyTo, BadWrite(), io.BytesIO(b"abc"))

    class ZeroWrite:
        def write(self, data: bytes) -> int:
            return 0

    expect_raises(ValueError, "returned 0", m.CopyTo, ZeroWrite(), io.BytesIO(b"abc"))


def check_python_objects(m: Any) -> None:
    """A Python object with the methods of a package interface is accepted for it."""

    class Circle:
        def __init__(self, radius: float) -> None:
            self.radius = radius

        def Area(self) -> float:
            return 3.0 * self.radius**2

        def Name(self) -> str:
            return "py-circle"

    assert m.Describe(Circle(1.0)) == "py-circle of area 3"
    assert m.Describe(m.Square(2.0)) == "square of area 4" and m.Describe(None) == "nothing"
    assert m.AreaFromGoroutines(Circle(2.0), 16) == 16 * 12.0  # called from 16 goroutines

    class Named:  # for NamedReader (io.Reader and Name()): io's Read is the file's read()
        def __init__(self, data: bytes) -> None:
            self.file = io.BytesIO(data)

        def read(self, size: int) -> bytes:
            return self.file.read(min(size, 2))  # Go's buffer is filled, 2 bytes a call

        def Name(self) -> str:
            return "py"

    assert m.Slurp(Named(b"abcde")) == "py: abcde"
    expect_raises(
        TypeError,
        "an object with the methods Name(), read() or readinto(), got BytesIO (it has no Name())",
        m.Slurp,
        io.BytesIO(b"x"),
    )
    handed_back = m.SameShape(Circle(1.0))  # Go's value: its methods call the Python object
    assert type(handed_back) is m.Shape and handed_back.Area() == 3.0
    assert m.Describe(handed_back) == "py-circle of area 3"
    del handed_back

    class Store:
        def __init__(self, numbers: dict[str, int]) -> None:
            self.numbers = numbers

        def Load(self, key: str) -> int:
            return self.numbers[key]

    store = Store({"a": 1, "b": 2})
    assert m.SumKeys(store, "a", "b", "b") == 5
    error = expect_raises(KeyError, "c", m.SumKeys, store, "a", "c")  # raised: Go's error result
    assert "key c" in str(error.__context__)  # Go wrapped the error it got, and returned it

    class WrongResult:
        def Load(self, key: str) -> str:
            return "not a number"

    expect_raises(TypeError, "callback result", m.SumKeys, WrongResult(), "a")

    class HalfShape:
        def Area(self) -> float:
            return 1.0

    expect_raises(
        TypeError,
        "expected Shape, None or an object with the methods Area(), Name(), got HalfShape "
        "(it has no Name())",
        m.Describe,
        HalfShape(),
    )
    expect_raises(
        TypeError, "cannot implement Sealed: it has unexported methods", m.LabelOf, HalfShape()
    )
    expect_raises(TypeError, "cannot implement Walker: Walk(): parameter visit", m.WalkWith, 1)
    assert "Python object with its methods" in (m.Shape.__doc__ or "")


def check_threads(m: Any) -> None:
    """8 threads at once: Python files and objects passed to Go, and one Go reader shared."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    class Circle:
        def Area(self) -> float:
            return 2.0

        def Name(self) -> str:
            return "c"

    def work(number: int) -> None:
        try:
            barrier.wait()
            for round_ in range(50):
                data = b"line\n" * (number + round_)
                assert m.CountLines(io.BytesIO(data)) == number + round_
                out = io.BytesIO()
                assert m.CopyTo(out, io.BytesIO(data)) == len(data) and out.getvalue() == data
                assert m.AreaFromGoroutines(Circle(), 4) == 8.0
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    for _ in range(4):  # without the read lock, the race shows in 5 runs of 10 (8 rounds: no more)
        check_one_reader_from_threads(m, barrier)
    sink = m.Sink()  # a strings.Builder, not safe for goroutines: the writes take turns

    def push(number: int) -> None:
        barrier.wait()
        for _ in range(500):
            sink.write(f"{number}".encode())

    threads = [threading.Thread(target=push, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    written = m.Written()
    assert sorted(written) == sorted("".join(str(n) * 500 for n in range(8)))


def check_one_reader_from_threads(m: Any, barrier: threading.Barrier) -> None:
    """8 threads read one Go reader (a strings.Reader, not safe for goroutines) at once: its
    reads take turns, each chunk reaches one thread, whole."""
    shared = m.Text("".join(f"{n:05d}" for n in range(20_000)))
    chunks: list[bytes] = []

    def pull() -> None:
        barrier.wait()
        while chunk := shared.read(5):
            chunks.append(chunk)

    threads = [threading.Thread(target=pull) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(chunks) == [f"{n:05d}".encode() for n in range(20_000)]  # each once, whole


def main() -> None:
    m = importlib.import_module(sys.argv[1])
    handles, goroutines = m._go_stats()
    check_go_files(m)
    check_go_file_errors(m)
    check_python_files(m)
    check_kept_python_file(m)
    check_hostile_files(m)
    check_python_objects(m)
    check_threads(m)
    now_handles, _ = settle(m, handles, goroutines)
    assert now_handles <= handles, (now_handles, handles)
    print("files ok")


if __name__ == "__main__":
    main()
