"""Property test: random nested values go through Go's ``Echo(value any) any`` and come back
equal (tests/data/gopkgs/plain). Run in a fresh interpreter of a venv with the plain fixture
and hypothesis installed: ``python check_roundtrip.py fixture_pkg._native [examples]``. Prints
"roundtrip ok" when every example passed.
"""

from __future__ import annotations

import importlib
import math
import sys
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
# Text without lone surrogates, and text mixing Python's surrogateescape of stray bytes (how Go's
# strings that are not UTF-8 arrive) with other characters: both cross unchanged.
ESCAPES = ["\udc80", "\udcc3", "\udca9", "\udcff"]
TEXT = st.text(st.characters(exclude_categories=("Cs",))) | st.lists(
    st.sampled_from(["a", "é", "字", "\U0001f600", *ESCAPES])
).map("".join)
SCALARS = (
    st.none()
    | st.booleans()
    | INT64
    | st.floats(allow_nan=True, allow_infinity=True)
    | TEXT
    | st.binary()
    | st.timedeltas(min_value=timedelta(days=-100_000), max_value=timedelta(days=100_000))
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=6)
        | st.tuples(inner, inner)
        | st.dictionaries(TEXT, inner, max_size=6)
    ),
    max_leaves=40,
)


def expected(value: Any) -> Any:
    """What Go's any gives back: tuples are lists, timedeltas lose their sub-microsecond part
    (none here), everything else is the same."""
    if isinstance(value, (list, tuple)):
        return [expected(item) for item in value]
    if isinstance(value, dict):
        return {key: expected(item) for key, item in value.items()}
    return value


def canonical(text: str) -> bool:
    """Whether *text* is what surrogateescape makes of its own bytes (no escaped UTF-8)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape") == text


def strings(value: Any) -> Iterator[str]:
    """Every str in *value*, dict keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)


def go_order(key: str) -> bytes:
    return key.encode("utf-8", "surrogateescape")


def same(actual: Any, wanted: Any) -> bool:
    if type(actual) is not type(wanted):
        return False
    if isinstance(wanted, float):
        if math.isnan(wanted):
            return math.isnan(actual)
        return actual == wanted and math.copysign(1, actual) == math.copysign(1, wanted)
    if isinstance(wanted, list):
        return len(actual) == len(wanted) and all(map(same, actual, wanted))
    if isinstance(wanted, dict):
        order = sorted(wanted, key=go_order)  # Go sorts the keys by their bytes
        return list(actual) == order and all(same(actual[k], wanted[k]) for k in wanted)
    return bool(actual == wanted)


def main() -> None:
    m = importlib.import_module(sys.argv[1])
    examples = int(sys.argv[2]) if len(sys.argv) > 2 else 300

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,  # the same examples in every CI run: a failure is reproducible
        suppress_health_check=list(HealthCheck),
    )
    @given(VALUES)
    def round_trip(value: Any) -> None:
        if not all(map(canonical, strings(value))):
            try:  # escapes of bytes that are UTF-8 ("\udcc3\udca9" is "é"): refused, not changed
                m.Echo(value)
            except ValueError as error:
                assert "escapes of bytes that form valid UTF-8" in str(error), error
                return
            raise AssertionError(f"no ValueError for {value!r}")
        back = m.Echo(value)
        assert same(back, expected(value)), (value, back)

    round_trip()
    print("roundtrip ok")


if __name__ == "__main__":
    main()
