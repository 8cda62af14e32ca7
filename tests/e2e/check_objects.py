"""Checks the bindings of tests/data/gopkgs/objects: Go objects, iterators, contexts, error types.

Run in a fresh interpreter of a venv where the fixture is installed:
``python check_objects.py fixture_pkg._native``. Prints "objects ok" when every check passed.
"""

from __future__ import annotations

import array
import copy
import gc
import importlib
import inspect
import itertools
import pickle
import sys
import time
import traceback
from typing import Any


def expect_raises(exception: type[BaseException], text: str, function: Any, *args: Any) -> Any:
    try:
        function(*args)
    except exception as error:
        assert text in str(error), f"{function}{args}: {error!r} lacks {text!r}"
        return error
    raise AssertionError(f"{function}{args} did not raise {exception.__name__}")


def settle(m: Any, handles: int, goroutines: int) -> tuple[int, int]:
    """The Go handle and goroutine counts once producers that were told to stop have ended."""
    gc.collect()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        now_handles, now_goroutines = m._go_stats()
        if now_handles <= handles and now_goroutines <= goroutines:
            break
        time.sleep(0.01)
    return m._go_stats()  # type: ignore[no-any-return]


def check_objects(m: Any) -> None:
    counter = m.Counter("apples", 2)
    assert isinstance(counter, m.Counter) and counter.Add(3) == 6 and counter.Value() == 6
    assert str(counter) == "apples=6" and len(counter) == 6
    assert counter.Name == "apples" and counter.Step == 2 and counter.Tags == []
    counter.Name, counter.Step, counter.Tags = "pears", 5, ["a", "b"]
    assert (counter.Name, counter.Step, counter.Tags) == ("pears", 5, ["a", "b"])
    assert counter.Add(1) == 11  # the setter changed Go's field
    assert counter.Self() is counter and m.Shared() is m.Shared()
    assert m.Maybe(False) is None and m.Maybe(True).Name == "maybe"
    assert counter.Peer is None
    other = m.NewCounter("plums", 1)
    counter.Peer = other
    assert counter.Peer is other
    merged = m.Merge(counter, other)
    assert merged.Name == "pears+plums" and merged.Value() == 11
    copied = m.Copy(counter)  # a value: a new Go object with the same fields
    assert copied is not counter and copied.Value() == 11 and copied.Name == "pears"
    expect_raises(
        TypeError, "Merge() argument b: expected Counter or None, got int", m.Merge, counter, 3
    )
    expect_raises(TypeError, "Copy() argument c: expected Counter, got NoneType", m.Copy, None)
    expect_raises(m.GoPanic, "nil pointer dereference", m.Merge, counter, None)
    expect_raises(m.GoPanic, "counter pears crashed", counter.Crash)
    assert counter.Add(0) == 11  # alive after its method panicked
    bag = m.Bag()  # no NewBag: the zero value
    assert bag.Put("x") == 1 and bag.Put("x") == 2 and bag.Put("y") == 1 and len(bag) == 2
    expect_raises(ValueError, "NewCounter() returned nil", _nil_constructor, m)
    error = expect_raises(m.ParseError, "line 0: a counter needs a name", m.Counter, "", 1)
    assert error.Msg == "a counter needs a name"
    expect_raises(TypeError, "cannot pickle Counter", pickle.dumps, counter)
    assert repr(counter) == "<fixture_pkg._native.Counter Go object: pears=11>"  # its String()


def _nil_constructor(m: Any) -> None:
    original = m.NewCounter
    m.NewCounter = lambda *args: None
    try:
        m.Counter("x", 1)
    finally:
        m.NewCounter = original


def check_interfaces(m: Any) -> None:
    square = m.Square(2.0)
    assert isinstance(square, m.Shape) and issubclass(m.Square, m.Shape)
    assert m.AsShape(square) is square  # the dynamic type's class, the same object
    circle = m.Circle(1.0)  # a type Python has no class for: the interface's
    assert type(circle) is m.Shape and circle.Area() == 3.0 and circle.Name() == "circle"
    assert m.Describe(circle) == "circle of area 3" and m.Describe(square) == "square of area 4"
    assert m.Describe(None) == "nothing" and m.NoShape() is None
    expect_raises(
        TypeError,
        "Describe() argument s: expected Shape, None or an object with the methods Area(), "
        "Name(), got Counter (it has no Area())",
        m.Describe,
        m.Counter("c", 1),
    )
    expect_raises(TypeError, "cannot create Shape objects: Go functions return them", m.Shape)
    square.Side = 3.0
    assert m.Describe(square) == "square of area 9"  # Go sees the same object


def check_callbacks_returning_errors(m: Any) -> None:
    """A callback's last error is Go's: nil when the callable returns, an error when it raises
    (Go stops), and the exception itself is raised from the call."""
    visited: list[str] = []
    assert m.Visit(["a", "b"], visited.append) == 2 and visited == ["a", "b"]

    def refuse(word: str) -> None:
        visited.append(word)
        if word == "bad":
            raise LookupError(word)

    visited.clear()
    expect_raises(LookupError, "bad", m.Visit, ["ok", "bad", "never"], refuse)
    assert visited == ["ok", "bad"]  # Go got an error and stopped
    expect_raises(TypeError, "expected None", m.Visit, ["a"], LookupError)  # returned, not raised
    items = iter(["a", None, "b"])

    def next_item() -> str:  # Go's own errors, raised to be returned: io.EOF, the package's
        item = next(items, "")
        if item is None:
            raise m.ErrNotFound
        if not item:
            raise m.GoEOFError("the end")
        return item

    assert m.Drain(next_item) == ["a", "-", "b"]  # Go saw them (errors.Is), Python raises none
    assert list(m.Parse(["1", "22"], len)) == [1, 2]
    expect_raises(ValueError, "invalid literal", m.Parse, ["1", "x", "2"], int)


def check_callbacks(m: Any) -> None:
    seen: list[tuple[str, int]] = []

    def visit(word: str, at: int) -> bool:
        seen.append((word, at))
        return at < 1

    assert m.Each("a b c d", visit) == 2 and seen == [("a", 0), ("b", 1)]  # False stops Go
    assert list(m.Apply([1, 2, 3], lambda n: n * 10)) == [10, 20, 30]
    assert m.Kept(["a", "bb", "c"], lambda word: len(word) == 1) == ["a", "c"]  # no context
    check_callbacks_returning_errors(m)
    assert m.Spread(lambda sep, *parts: sep.join(parts)) == "a-b-c"  # a variadic callback
    assert m.Later(lambda: "from a goroutine") == "from a goroutine"

    def boom(word: str, at: int) -> bool:
        raise KeyError(word)

    error = expect_raises(KeyError, "x", m.Each, "x y", boom)  # raised from the outer call
    assert any(frame.name == "boom" for frame in traceback.extract_tb(error.__traceback__))
    expect_raises(
        TypeError,
        "Apply(): callback result: expected int for Go int, got str",
        m.Apply,
        [1],
        lambda n: "no",
    )
    expect_raises(TypeError, "Each() argument visit: expected a callable, got int", m.Each, "x", 3)
    m.Keep(lambda n: n + 1)
    assert m.Fire(5) == 6  # called after Keep returned: Go still holds it


def check_close(m: Any) -> None:
    closed_before = m.Closed()
    with m.Counter("z", 1) as counter:
        counter.Add(1)
    assert m.Closed() == closed_before + 1
    assert "closed" in repr(counter) and str(counter) == repr(counter)
    counter.close()  # again: nothing
    assert m.Closed() == closed_before + 1
    expect_raises(ValueError, "Counter.Add(): this Counter is closed", counter.Add, 1)
    expect_raises(ValueError, "Counter.Name(): this Counter is closed", getattr, counter, "Name")
    expect_raises(
        ValueError, "Merge() argument a: the Counter is closed", m.Merge, counter, counter
    )
    failing = m.Counter("f", 1)
    failing.Close()  # Go's Close, directly: the object stays usable from Python
    expect_raises(m.GoError, "counter already closed", failing.close)
    expect_raises(ValueError, "is closed", failing.Add, 1)  # close() released it anyway
    assert not hasattr(m.Bag(), "close")  # no Close, no close()


def check_identity_and_lifetime(m: Any) -> None:
    handles, goroutines = settle(m, *m._go_stats())
    counter = m.Counter("id", 1)
    again = [counter.Self() for _ in range(10)]
    assert all(item is counter for item in again)
    del again
    assert m._go_stats()[0] == handles + 1
    del counter
    assert settle(m, handles, goroutines)[0] == handles  # collected: Go let go of it
    for _ in range(1000):
        m.Counter("churn", 1).Add(1)
    assert settle(m, handles, goroutines)[0] == handles


def check_iterators(m: Any) -> None:
    handles, goroutines = settle(m, *m._go_stats())
    assert list(m.Count(0)) == [] and list(m.Count(5)) == [0, 1, 2, 3, 4]
    assert sum(m.Count(1_000_000)) == 999_999 * 1_000_000 // 2
    assert list(m.Words("a bb ccc")) == [(0, "a"), (1, "bb"), (2, "ccc")]
    assert list(m.Ticks(3000)) == list(range(3000))
    counter = m.Counter("c", 1)
    counter.Add(4)
    assert list(counter.Upto()) == [1, 2, 3, 4]
    for value in m.Count(10**9):  # broken off early: the producer stops
        if value == 5000:
            break
    dropped = m.Count(10**9)
    assert next(dropped) == 0 and m.Running() >= 1
    del dropped
    ticks = m.Ticks(10**9)  # a channel's sender: stopped through its context
    assert next(ticks) == 0
    del ticks, counter, value
    after = settle(m, handles, goroutines)
    assert after[0] == handles and after[1] <= goroutines, (after, handles, goroutines)
    assert m.Running() == 0
    exploding = m.Explode(3)
    assert [next(exploding) for _ in range(3)] == ["0", "1", "2"]
    expect_raises(m.GoPanic, "Go function Explode panicked: exploded", next, exploding)
    expect_raises(StopIteration, "", next, exploding)
    expect_raises(TypeError, "Odd(): iterated value: ", list, m.Odd())  # no Python equivalent
    counting = m.Count(3)
    assert isinstance(counting, m.GoIterator) and next(counting) == 0
    # A copy would share the Go iterator: its close() would end this one with ValueError.
    for copier in (copy.copy, copy.deepcopy, pickle.dumps):
        expect_raises(TypeError, "cannot copy or pickle the iterator of Count()", copier, counting)
    assert list(counting) == [1, 2]


def check_field_setters_keep_copies(m: Any) -> None:
    box = m.Box()
    numbers = array.array("q", [1, 2, 3])  # Go's int: passed to Go in place, during the call
    box.Items = numbers
    numbers[0] = 9
    assert list(box.Items) == [1, 2, 3]  # the field kept a copy, not Python's memory
    label = bytearray(b"abc")
    box.Label = label.decode()
    label[0] = ord("x")
    assert box.Label == "abc"


def check_iterator_lifetimes(m: Any) -> None:
    handles, goroutines = settle(m, *m._go_stats())
    for _ in range(1000):  # never started: dropping them stops the producers, and the contexts
        m.Forever()
        m.Stream(timeout=60.0)
    after = settle(m, handles, goroutines)
    assert after[0] == handles and after[1] <= goroutines, (after, handles, goroutines)
    numbers = m.Count(10**9)
    assert next(numbers) == 0
    for value in numbers:  # a loop takes values from the same batches as next() does
        if value == 2:
            break
    assert next(numbers) == 3 and list(itertools.islice(numbers, 2)) == [4, 5]
    assert [next(numbers) for _ in range(100)] == list(range(6, 106))  # across batches
    numbers.close()  # stops the producer now; the iteration is over
    expect_raises(StopIteration, "", next, numbers)
    for iterator in (m.Count(10**9), m.Words("a b c " * 100), m.Ticks(10**9)):
        seen = []
        for value in iterator:  # close() in the loop ends the loop, not the batch after it
            seen.append(value)
            if len(seen) == 5:
                iterator.close()
        assert len(seen) == 5, (iterator, len(seen))
    ticks, values = m.Tick(timeout=0.05), []  # a channel cut by the call's timeout
    error = expect_raises(m.GoTimeoutError, "context deadline exceeded", values.extend, ticks)
    assert isinstance(error, TimeoutError) and values == list(range(len(values)))
    expect_raises(StopIteration, "", next, ticks)  # then over
    assert list(m.Ticks(3, timeout=30)) == [0, 1, 2]  # a deadline that did not cut it: no error
    after = settle(m, handles, goroutines)
    assert after[0] == handles and after[1] <= goroutines, (after, handles, goroutines)


def check_errors(m: Any) -> None:
    cases = {
        "parse": (m.ParseError, "fail parse: line 7: bad token"),
        "code": (m.CodeError, "fail code: code 42"),
        "missing": (m.ErrNotFound, "fail missing: not found"),
        "eof": (m.GoEOFError, "fail eof: EOF"),
        "file": (m.GoFileNotFoundError, "open /nonexistent/shelf: no such file or directory"),
        "deadline": (m.GoTimeoutError, "fail deadline: context deadline exceeded"),
        "plain": (m.GoError, "plain failure"),
    }
    for kind, (exception, message) in cases.items():
        error = expect_raises(exception, message, m.Fail, kind)
        assert str(error) == message and isinstance(error, m.GoError)
        assert (type(error) is m.GoError) == (kind == "plain"), kind
    parse = expect_raises(m.ParseError, "", m.Fail, "parse")
    assert (parse.Line, parse.Msg, parse.go_type) == (7, "bad token", "*fmt.wrapError")
    assert expect_raises(m.CodeError, "", m.Fail, "code").Code == 42
    copied = pickle.loads(pickle.dumps(parse))
    assert (type(copied), str(copied), copied.Line, copied.go_type) == (
        m.ParseError,
        str(parse),
        7,
        parse.go_type,
    )
    assert isinstance(expect_raises(EOFError, "", m.Fail, "eof"), m.GoError)
    assert isinstance(expect_raises(FileNotFoundError, "", m.Fail, "file"), OSError)
    assert isinstance(expect_raises(TimeoutError, "", m.Fail, "deadline"), m.GoError)
    assert m.Fail("none") is None
    parsed, coded, plain = m.Errors()  # values, not raised: their message is Error()'s
    assert type(parsed) is m.ParseError and str(parsed) == "line 3: eh" and parsed.Line == 3
    assert parsed.go_type == "*shelf.ParseError"
    assert type(coded) is m.CodeError and str(coded) == "code 9" and coded.Code == 9
    assert coded.go_type == "shelf.CodeError"
    assert type(plain) is m.GoError and str(plain) == "plain"
    # Inside values, an error is the class it raises as (found by a hostile test: GoError).
    missing, parse_error, eof = m.Wrapped()
    assert type(missing) is m.ErrNotFound and str(missing) == "a: not found"
    assert type(parse_error) is m.ParseError and parse_error.Line == 4
    assert str(parse_error) == "b: line 4: m" and parse_error.go_type == "*fmt.wrapError"
    assert type(eof) is m.GoEOFError
    check_error_methods(m)


def check_error_methods(m: Any) -> None:
    """An error type's methods run on the Go error its exception holds, released with it."""
    handles, goroutines = settle(m, *m._go_stats())
    assert expect_raises(m.ParseError, "", m.Fail, "parse").Where("line ") == "line 7"
    # Passed back where Go takes the error type: its fields (found by a hostile test: the
    # exception's message and Go type were read as the field values).
    assert m.Explain(expect_raises(m.ParseError, "", m.Fail, "parse")) == "7: bad token"
    code = expect_raises(m.CodeError, "", m.Fail, "code")
    assert code.Retryable() is True and not hasattr(code, "Unwrap")  # Go's error protocol
    for _ in range(1000):
        try:
            m.Fail("parse")
        except m.ParseError as error:
            assert error.Where("") == "7"
    del code
    assert settle(m, handles, goroutines)[0] == handles  # dropped exceptions let Go's go
    copied = pickle.loads(pickle.dumps(expect_raises(m.ParseError, "", m.Fail, "parse")))
    expect_raises(ValueError, "is closed", copied.Where, "")  # no Go error in a copy
    expect_raises(ValueError, "is closed", m.ParseError("made in Python").Where, "")
    parsed = m.Errors()[0]  # inside a value: the fields only
    expect_raises(ValueError, "is closed", parsed.Where, "")


def check_contexts(m: Any) -> None:
    handles, goroutines = settle(m, *m._go_stats())
    assert 0.01 <= m.Sleep(0.01) < 5
    stopped = m.Stopped()
    start = time.monotonic()
    expect_raises(m.GoTimeoutError, "context deadline exceeded", lambda: m.Sleep(30, timeout=0.2))
    assert time.monotonic() - start < 10 and m.Stopped() == stopped + 1  # Go's work stopped
    assert list(m.Ticks(3, timeout=30)) == [0, 1, 2]
    assert "timeout" in inspect.signature(m.Sleep).parameters
    after = settle(m, handles, goroutines)
    assert after[0] == handles and after[1] <= goroutines


def main() -> None:
    m = importlib.import_module(sys.argv[1])
    check_objects(m)
    check_interfaces(m)
    check_callbacks(m)
    check_close(m)
    check_identity_and_lifetime(m)
    check_iterators(m)
    check_iterator_lifetimes(m)
    check_field_setters_keep_copies(m)
    check_errors(m)
    check_contexts(m)
    print("objects ok")


if __name__ == "__main__":
    main()
