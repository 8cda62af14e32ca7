"""Checks Go objects and opaque values inside values (tests/data/gopkgs/objects/held.go): lists,
maps and fields of them, both ways, with identity, lifetimes and 8 threads.

Run in a fresh interpreter of a venv where the fixture is installed:
``python check_held.py fixture_pkg._native [rounds]``. Prints "held ok" when every check passed.
"""

from __future__ import annotations

import gc
import importlib
import pickle
import sys
import threading
import time
from typing import Any

from check_objects import expect_raises


def settled(m: Any, handles: int = 0) -> int:
    """Go's handle count once Python's dropped objects are collected (each releases its
    handle as it is collected; threads that just ended may still hold some: wait for those)."""
    gc.collect()
    deadline = time.monotonic() + 10
    while handles and m._go_stats()[0] > handles and time.monotonic() < deadline:
        gc.collect()
        time.sleep(0.01)
    return int(m._go_stats()[0])


def check_lists_and_maps(m: Any) -> None:
    a, b = m.Counter("a", 1), m.Counter("b", 2)
    a.Add(3)
    pair = m.Pair(a, a)
    assert pair[0] is a and pair[1] is a  # the same pointer is the same Python object
    assert m.Pair(a, None) == [a, None]
    named = m.ByName([a, b, None, a])
    assert named == {"a": a, "b": b} and named["a"] is a
    assert m.Total(a, b) == 3 and m.Total(*m.Pair(a, a)) == 6
    fresh = m.Fresh("n", 3)
    assert [c.Name for c in fresh] == ["n0", "n1", "n2"] and isinstance(fresh[0], m.Counter)
    assert fresh[0].Add(5) == 5 and m.Total(*fresh) == 5  # Go objects, not copies
    copies = m.Copies(a, 2)  # []Counter: a Go object holding a copy each
    assert copies[0] is not copies[1] and copies[0] is not a and copies[0].Value() == 3
    copies[0].Add(1)
    assert a.Value() == 3 and m.SumValues(copies) == 7 and m.SumValues([a]) == 3
    wanted = "expected fixture_pkg._native.Counter for Go *shelf.Counter, got int"
    expect_raises(TypeError, wanted, m.ByName, [a, 3])
    expect_raises(TypeError, "got fixture_pkg._native.Square", m.ByName, [m.NewSquare(1.0)])
    wrong = "expected fixture_pkg._native.Shape for Go shelf.Shape, got "
    expect_raises(
        TypeError, wrong + "fixture_pkg._native.Counter (Go *shelf.Counter)", m.Areas, [a]
    )
    expect_raises(
        TypeError,
        "Text: expected str for Go string, got fixture_pkg._native.Counter (a Go object)",
        m.RenderStyled,
        {"Text": a},
    )
    closed = m.Counter("c", 1)
    closed.close()
    expect_raises(ValueError, "the Counter is closed", m.ByName, [a, closed])
    expect_raises(TypeError, "cannot pickle Counter", pickle.dumps, [a])  # still Go's only


def check_fields_interfaces_and_opaques(m: Any) -> None:
    lead, other = m.Counter("lead", 1), m.Counter("other", 1)
    team = m.MakeTeam(lead, other)
    assert team.Lead is lead and team.Members == [lead, other] and team.Roles == {"lead": lead}
    assert team.Members[0] is lead and team.Form is None
    assert m.LeadOf(team) is lead and m.LeadOf(m.Team(Lead=other)) is other
    assert m.LeadOf({"Lead": lead, "Members": [other]}) is lead
    assert team == m.MakeTeam(lead, other)  # the same objects: equal values
    square, circle = m.Shapes(2.0)
    assert isinstance(square, m.Square) and type(circle) is m.Shape  # the dynamic type's class
    assert square.Area() == 4.0 and circle.Area() == 12.0
    assert m.Areas([square, circle, m.NewSquare(1.0)]) == 17.0
    biggest, area = m.Biggest([square, circle])
    assert biggest is circle and area == 12.0
    styled = m.Styled(Text="x", Options=[m.WithPrefix("> "), m.Upper()])
    assert m.RenderStyled(styled) == "> X"
    roster = m.Roster()  # a Go object's field of Go objects: a property of them
    assert roster.Add(lead) == 1 and roster.Members == [lead] and roster.Members[0] is lead
    roster.Members = [other, lead, None]
    assert roster.Members == [other, lead, None] and roster.Add(other) == 4
    snap = m.Snap(lead)  # a field of a Go object's value: an object holding a copy
    assert isinstance(snap.Copy, m.Counter) and snap.Copy is not lead
    assert snap.Copy.Value() == lead.Value() and m.SnapValue(snap) == lead.Value()
    assert m.Snapshot().Copy is None and m.SnapValue(m.Snapshot(Label="x")) == 0  # Go's zero
    link = m.MakeLink("home", "https://example.com/a")  # a field of url.URL: its handle
    assert type(link.Address).__name__ == "URL" and m.LinkHost(link) == "example.com"
    assert m.Host(link.Address) == "example.com"  # the same value a direct result holds
    assert m.LinkHost(m.Link(Text="x")) == ""  # the default None: Go's zero URL
    patterns = m.Patterns("a+", "b")
    assert type(patterns[0]).__name__ == "Regexp" and m.MatchAny(patterns, "aab") == "a+,b"


def check_callbacks(m: Any) -> None:
    a, b = m.Counter("a", 1), m.Counter("b", 1)
    seen: list[Any] = []
    assert m.VisitAll([a, b], lambda c: seen.append(c) or True) == 2
    assert seen[0] is a and seen[1] is b
    shapes: list[Any] = []
    assert m.Measure(1.0, lambda s: shapes.append(s) or s.Area()) == 4.0
    assert isinstance(shapes[0], m.Square) and type(shapes[1]) is m.Shape
    assert m.Pick(lambda: a) is a and m.Pick(lambda: None) is None


def check_iterators(m: Any) -> None:
    """Go objects an iterator yields are the objects; a batch Python drops unread (the loop
    broke) releases the ones inside it."""
    start = settled(m)
    shared = m.Counter("shared", 1)
    values = list(m.Counters(shared, 5))
    assert values[0] is shared and values[2] is shared and values[4] is shared
    assert values[1].Name == "new" and values[1] is not values[3]
    for _ in range(50):
        for index, _counter in enumerate(m.Counters(shared, 100_000)):
            if index == 3:
                break
        it = m.Counters(shared, 100_000)
        assert next(it) is shared
        it.close()
        m.Counters(shared, 1000)  # dropped before its first value
    del values, _counter, it, shared
    after = settled(m, start)
    assert after <= start, f"{after - start} handles left"


def check_lifetimes(m: Any) -> None:
    start = settled(m)
    for _ in range(200):
        made = m.Fresh("x", 5)
        m.ByName(made)
        m.MakeTeam(made[0], *made)
        m.Copies(made[0], 3)
        m.Shapes(1.0)
        m.VisitAll(made, lambda c: True)
    del made
    after = settled(m, start)
    assert after <= start, f"{after - start} handles left"


def check_threads(m: Any, rounds: int) -> None:
    """8 threads share objects inside values: each pointer is one Python object, and every
    hold is released."""
    start = settled(m)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often: races show under the GIL too
    try:
        check_shared_objects(m, rounds, m.Counter("shared", 1))
        check_new_pointers_at_once(m, 4 * rounds)  # 6 of 10 runs catch a race at 300
    finally:
        sys.setswitchinterval(interval)
    after = settled(m, start)
    assert after <= start, f"{after - start} handles left"


def check_new_pointers_at_once(m: Any, rounds: int) -> None:
    """8 threads get the same new Go pointer inside a value at the same moment, round after
    round: one Python object for it (the table of live objects is locked, not the GIL's)."""
    start = threading.Barrier(9)
    done = threading.Barrier(9)
    got: list[Any] = [None] * 8
    failures: list[str] = []

    def work(index: int) -> None:
        for _ in range(rounds):
            start.wait()
            pair = m.Round()
            got[index] = pair[0]
            if pair[1] is not pair[0]:
                failures.append("pair")
            done.wait()

    threads = [threading.Thread(target=work, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for _ in range(rounds):
        m.NextRound()
        start.wait()
        done.wait()
        if any(item is not got[0] for item in got):
            failures.append("threads got different objects for one pointer")
        got[:] = [None] * 8
    for thread in threads:
        thread.join()
    assert not failures, failures[:3]


def check_shared_objects(m: Any, rounds: int, shared: Any) -> None:
    failures: list[str] = []
    barrier = threading.Barrier(8)

    def work() -> None:
        barrier.wait()
        for _ in range(rounds):
            pair = m.Pair(shared, shared)
            named = m.ByName([shared, *m.Fresh("t", 2)])
            team = m.MakeTeam(shared, *pair)
            if not (pair[0] is shared and named["shared"] is shared and team.Lead is shared):
                failures.append("identity")
            if any(member is not shared for member in team.Members):
                failures.append("members")

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures[:3]


def check_embedded(m: Any) -> None:
    """Embedded structs: the fields and methods Go promotes are the class's too."""
    item = m.Item(Base=m.Base(ID=3), Name="x")
    assert item.ID == 3 and item.Tags == [] and item.Label() == "#3"
    item.ID = 5  # through the embedded Base
    assert item.Base.ID == 5 and item.Describe() == "x#5/5" and m.Bump(item).ID == 6
    assert item.ID == 5 and m.Bump({"Base": {"ID": 1}}).Base == m.Base(ID=2)
    deep = m.Deep(Item=item, Extra=True)
    assert deep.ID == 5 and deep.Name == "x" and deep.Base is item.Base and m.DeepID(deep) == 5
    assert deep.Label() == "#5" and deep.Describe() == "x#5/5"
    engine = m.Engine(7)  # a Go object: Go's selectors reach the promoted fields and methods
    assert engine.ID == 7 and engine.Base == m.Base(ID=7) and engine.Label() == "#7"
    engine.ID = 8
    assert engine.Label() == "#8" and engine.Base.ID == 8
    assert engine.Name == "engine" and engine.Add(2) == 2 and engine.Counter.Value() == 2
    assert str(engine) == "engine=2" and engine.Start() == 1 and engine.Power == 0
    assert not hasattr(m.Engine, "Tags")  # Base.Tags and Counter.Tags: ambiguous in Go too


def main() -> None:
    m = importlib.import_module(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    check_lists_and_maps(m)
    check_fields_interfaces_and_opaques(m)
    check_callbacks(m)
    check_embedded(m)
    check_iterators(m)
    check_lifetimes(m)
    check_threads(m, rounds)
    print("held ok")


if __name__ == "__main__":
    main()
