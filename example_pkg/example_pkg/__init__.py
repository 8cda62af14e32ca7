"""Linear-time regular expressions, backed by Go's ``regexp`` package.

Patterns use RE2 syntax (https://github.com/google/re2/wiki/Syntax), and matching takes time
linear in the size of the text whatever the pattern: there is no backtracking, so a hostile
pattern such as ``(a+)+$`` cannot hang the process as it can with :mod:`re`. The API is a
small subset of :mod:`re`:

>>> import example_pkg
>>> m = example_pkg.search(r"(\\w+)@(\\w+)", "mail bob@example now")
>>> m.group(0), m.groups(), m.span()
('bob@example', ('bob', 'example'), (5, 16))
>>> example_pkg.sub(r"(\\w+)@(\\w+)", "${2}!$1", "mail bob@example now")
'mail example!bob now'

Differences from :mod:`re`:

- RE2 syntax: no backreferences and no lookaround; named groups are ``(?P<name>...)`` (or
  ``(?<name>...)`` with Go >= 1.22); flags are inline only, e.g. ``(?i)``, ``(?m)``, ``(?s)``.
- Replacement templates use Go's syntax: ``$1``, ``${1}``, ``$name``, ``${name}``, ``$$`` for
  a dollar sign (``\\1`` is not special). ``$1x`` means the group named ``1x``: write ``${1}x``.
  A callable ``repl`` works as in :mod:`re`.
- ``pos`` in :meth:`Pattern.search` and friends works like slicing: ``^`` and ``\\b`` see
  ``pos`` as the start of the text (offsets are still reported in the whole text).
- Iteration follows Go: an empty match right after a previous match is skipped, so
  ``findall("a*", "baaac")`` is ``['', 'aaa', '', '']`` in ``re`` and ``['', 'aaa', '']`` here.
- Bytes patterns must be valid UTF-8 (bytes *texts* may hold anything).

Every call releases the GIL while Go runs, so threads can match in parallel.
"""

from __future__ import annotations

import functools
import weakref
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, AnyStr, Generic, Literal, TypeVar, cast, overload

from . import _native, _scan
from ._native import GoError
from ._scan import Found

__all__ = [
    "Found",
    "Match",
    "Pattern",
    "compile",
    "error",
    "escape",
    "findall",
    "finditer",
    "fullmatch",
    "match",
    "match_counts",
    "scan",
    "search",
    "split",
    "sub",
    "subn",
]

_T = TypeVar("_T")

# Anchoring modes of the Go export Find.
_SEARCH, _MATCH, _FULLMATCH = 0, 1, 2

# Go fills int64 buffers that Python allocates: array("q") is one, and the generated wrappers
# pass it to Go without copying. Repeating a one-item array is the fastest way to make one.
_UNSET = array("q", [-1])


class error(ValueError):  # noqa: N801, N818 (named like re.error)
    """A pattern could not be compiled; the message is Go's."""

    def __init__(self, msg: str, pattern: str | bytes | None = None) -> None:
        super().__init__(msg)
        self.msg = msg
        self.pattern = pattern


class _Text:
    """A text prepared for Go: its UTF-8 bytes (a buffer the wrappers pass without copying),
    and whether offsets must count code points."""

    __slots__ = ("data", "runes", "size")

    def __init__(self, text: str | bytes, want_str: bool) -> None:
        if isinstance(text, str):
            if not want_str:
                raise TypeError("cannot use a bytes pattern on a string-like object")
            self.data: bytes | memoryview = text.encode("utf-8")
            # Byte and code point offsets differ only outside ASCII; Go converts them then.
            self.runes = not text.isascii()
        else:
            if want_str:
                raise TypeError("cannot use a string pattern on a bytes-like object")
            self.data = text if isinstance(text, bytes) else memoryview(text).cast("B")
            self.runes = False


def _take_bytes(handle: int, size: int) -> bytearray:
    """The ``size`` bytes Go keeps behind ``handle`` (0 for none), copied out and released."""
    if not handle:
        return bytearray()
    out = bytearray(size)
    _native.TakeBytes(handle, out)
    return out


class Pattern(Generic[AnyStr]):
    """A compiled regular expression; create one with :func:`compile`.

    The compiled program lives in Go; it is released when the Pattern is garbage-collected.
    """

    __slots__ = ("__weakref__", "_groupindex", "_handle", "_is_str", "groups", "pattern")

    def __init__(self, pattern: AnyStr) -> None:
        if not isinstance(pattern, (str, bytes)):
            raise TypeError(
                f"first argument must be a string or bytes, not {type(pattern).__name__}"
            )
        try:
            # The wrapper encodes a str as UTF-8 and passes bytes without copying.
            compiled = _native.Compile(pattern)
        except GoError as e:  # Go's err result: the pattern is invalid
            raise error(str(e), pattern) from None
        self.pattern: AnyStr = pattern
        """The pattern this Pattern was compiled from."""
        self.groups: int = compiled.groups
        """The number of capture groups."""
        self._handle: int = compiled.handle
        self._is_str = isinstance(pattern, str)
        self._groupindex: Mapping[str, int] | None = None
        # The finalizer must not hold self. Skipped at exit: the process frees everything.
        weakref.finalize(self, _native.Release, self._handle).atexit = False

    @property
    def groupindex(self) -> Mapping[str, int]:
        """A read-only mapping from group names to group numbers."""
        if self._groupindex is None:
            names = _native.GroupNames(self._handle).split(",")
            self._groupindex = MappingProxyType(
                {name: i for i, name in enumerate(names, start=1) if name}
            )
        return self._groupindex

    def search(self, string: AnyStr, pos: int = 0) -> Match[AnyStr] | None:
        """The first match in ``string[pos:]``, or None."""
        return self._find(string, pos, _SEARCH)

    def match(self, string: AnyStr, pos: int = 0) -> Match[AnyStr] | None:
        """The match that starts at ``pos``, or None."""
        return self._find(string, pos, _MATCH)

    def fullmatch(self, string: AnyStr, pos: int = 0) -> Match[AnyStr] | None:
        """The match of all of ``string[pos:]``, or None."""
        return self._find(string, pos, _FULLMATCH)

    def finditer(self, string: AnyStr) -> Iterator[Match[AnyStr]]:
        """An iterator of the successive non-overlapping matches."""
        for locs in self._find_all(string, 0):
            yield Match(self, string, 0, locs)

    def findall(self, string: AnyStr) -> list[Any]:
        """The matches as strings, or group strings, like :func:`re.findall`.

        With no group, a list of the whole matches; with one group, a list of that group's
        text; with several, a list of tuples. A group that did not take part gives ``""``.
        """
        empty = string[:0]
        out: list[Any] = []
        for locs in self._find_all(string, 0):
            texts = [
                string[locs[i] : locs[i + 1]] if locs[i] >= 0 else empty
                for i in range(2 if self.groups else 0, len(locs), 2)
            ]
            out.append(texts[0] if len(texts) == 1 else tuple(texts))
        return out

    def sub(
        self, repl: AnyStr | Callable[[Match[AnyStr]], AnyStr], string: AnyStr, count: int = 0
    ) -> AnyStr:
        """``string`` with the first ``count`` matches (all if 0) replaced by ``repl``.

        A str/bytes ``repl`` is a Go template: ``$1``, ``${1}``, ``$name``, ``${name}``, ``$$``.
        A callable gets each :class:`Match` and returns the replacement text.
        """
        return self.subn(repl, string, count)[0]

    def subn(
        self, repl: AnyStr | Callable[[Match[AnyStr]], AnyStr], string: AnyStr, count: int = 0
    ) -> tuple[AnyStr, int]:
        """Like :meth:`sub`, returning ``(new_string, number_of_replacements)``."""
        if callable(repl):
            matches = self._find_all(string, count)
            pieces: list[AnyStr] = []
            last = 0
            for locs in matches:
                pieces.append(string[last : locs[0]])
                pieces.append(repl(Match(self, string, 0, locs)))
                last = locs[1]
            pieces.append(string[last:])
            return string[:0].join(pieces), len(matches)
        text = _Text(string, self._is_str)
        template = _Text(repl, self._is_str)
        ret = _native.Replace(self._handle, text.data, template.data, max(count, 0))
        out = _take_bytes(ret.out, ret.n)
        result = out.decode("utf-8") if self._is_str else bytes(out)
        return cast(AnyStr, result), ret.replaced

    def split(self, string: AnyStr, maxsplit: int = 0) -> list[AnyStr | Any]:
        """Split ``string`` around the matches, like :func:`re.split`.

        The text of the pattern's groups (None for a group that did not take part) is
        inserted between the pieces. At most ``maxsplit`` splits are done if it is > 0.
        """
        pieces: list[AnyStr | None] = []
        last = 0
        for locs in self._find_all(string, maxsplit):
            pieces.append(string[last : locs[0]])
            pieces.extend(
                string[locs[i] : locs[i + 1]] if locs[i] >= 0 else None
                for i in range(2, len(locs), 2)
            )
            last = locs[1]
        pieces.append(string[last:])
        return pieces

    def _find(self, string: AnyStr, pos: int, anchor: int) -> Match[AnyStr] | None:
        text = _Text(string, self._is_str)
        pos = min(max(pos, 0), len(string))
        locs = _UNSET * (2 * (self.groups + 1))  # Go writes the offsets into it
        if not _native.Find(self._handle, text.data, pos, anchor, text.runes, locs):
            return None
        return Match(self, string, pos, locs)

    def _find_all(self, string: AnyStr, limit: int) -> list[Sequence[int]]:
        """The offsets of each match, up to ``limit`` of them if it is > 0."""
        text = _Text(string, self._is_str)
        ret = _native.FindAll(self._handle, text.data, max(limit, 0), text.runes)
        if not ret.matches:
            return []
        # Go kept the offsets: copy them into a buffer of the right size, which releases them.
        width = 2 * (self.groups + 1)
        flat = _UNSET * (ret.matches * width)
        _native.TakeOffsets(ret.offsets, flat)
        return [flat[i : i + width] for i in range(0, len(flat), width)]

    def __repr__(self) -> str:
        return f"example_pkg.compile({self.pattern!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Pattern):
            return NotImplemented
        return type(self.pattern) is type(other.pattern) and self.pattern == other.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)

    def __reduce__(self) -> tuple[Any, tuple[AnyStr]]:
        return compile, (self.pattern,)


class Match(Generic[AnyStr]):
    """The result of a successful match. Offsets count characters for str, bytes for bytes."""

    __slots__ = ("_locs", "pos", "re", "string")

    def __init__(
        self, pattern: Pattern[AnyStr], string: AnyStr, pos: int, locs: Sequence[int]
    ) -> None:
        self.re: Pattern[AnyStr] = pattern
        """The :class:`Pattern` that produced this match."""
        self.string: AnyStr = string
        """The text that was searched."""
        self.pos: int = pos
        """The ``pos`` given to the search."""
        self._locs = locs

    def _index(self, group: int | str) -> int:
        if isinstance(group, str):
            index = self.re.groupindex.get(group)
            if index is not None:
                return index
        elif 0 <= group <= self.re.groups:
            return group
        raise IndexError(f"no such group: {group!r}")

    def _text(self, index: int) -> AnyStr | None:
        start, end = self._locs[2 * index], self._locs[2 * index + 1]
        return self.string[start:end] if start >= 0 else None

    @overload
    def group(self, group: Literal[0] = 0, /) -> AnyStr: ...
    @overload
    def group(self, group: int | str, /) -> AnyStr | None: ...
    @overload
    def group(
        self, group1: int | str, group2: int | str, /, *groups: int | str
    ) -> tuple[AnyStr | None, ...]: ...

    def group(self, *groups: int | str) -> AnyStr | tuple[AnyStr | None, ...] | None:
        """The text of a group (0, the default, is the whole match), None if it did not take
        part; a tuple for several groups. Groups are given by number or name."""
        if len(groups) <= 1:
            return self._text(self._index(groups[0] if groups else 0))
        return tuple(self._text(self._index(g)) for g in groups)

    @overload
    def __getitem__(self, group: Literal[0], /) -> AnyStr: ...
    @overload
    def __getitem__(self, group: int | str, /) -> AnyStr | None: ...

    def __getitem__(self, group: int | str, /) -> AnyStr | None:
        """``m[g]`` is ``m.group(g)``."""
        return self._text(self._index(group))

    @overload
    def groups(self) -> tuple[AnyStr | None, ...]: ...
    @overload
    def groups(self, default: _T) -> tuple[AnyStr | _T, ...]: ...

    def groups(self, default: Any = None) -> tuple[Any, ...]:
        """The text of every group, ``default`` for groups that did not take part."""
        texts = (self._text(i) for i in range(1, self.re.groups + 1))
        return tuple(default if t is None else t for t in texts)

    @overload
    def groupdict(self) -> dict[str, AnyStr | None]: ...
    @overload
    def groupdict(self, default: _T) -> dict[str, AnyStr | _T]: ...

    def groupdict(self, default: Any = None) -> dict[str, Any]:
        """The text of every named group, by name."""
        texts = {name: self._text(i) for name, i in self.re.groupindex.items()}
        return {name: default if t is None else t for name, t in texts.items()}

    def start(self, group: int | str = 0) -> int:
        """Where a group starts, -1 if it did not take part."""
        return self._locs[2 * self._index(group)]

    def end(self, group: int | str = 0) -> int:
        """Where a group ends, -1 if it did not take part."""
        return self._locs[2 * self._index(group) + 1]

    def span(self, group: int | str = 0) -> tuple[int, int]:
        """``(start(group), end(group))``."""
        i = 2 * self._index(group)
        return self._locs[i], self._locs[i + 1]

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return f"<example_pkg.Match object; span={self.span()!r}, match={self.group()!r}>"


@functools.lru_cache(maxsize=256)
def _cached(pattern: str | bytes) -> Pattern[Any]:
    return Pattern(pattern)


def compile(pattern: AnyStr | Pattern[AnyStr]) -> Pattern[AnyStr]:  # noqa: A001
    """Compile an RE2 pattern; raise :class:`error` with Go's message if it is invalid.

    Recently compiled patterns are cached, so the module-level functions are cheap to repeat.
    """
    if isinstance(pattern, Pattern):
        return pattern
    return cast("Pattern[AnyStr]", _cached(pattern))


def search(pattern: AnyStr | Pattern[AnyStr], string: AnyStr) -> Match[AnyStr] | None:
    """The first match of ``pattern`` in ``string``, or None."""
    return compile(pattern).search(string)


def match(pattern: AnyStr | Pattern[AnyStr], string: AnyStr) -> Match[AnyStr] | None:
    """The match of ``pattern`` at the start of ``string``, or None."""
    return compile(pattern).match(string)


def fullmatch(pattern: AnyStr | Pattern[AnyStr], string: AnyStr) -> Match[AnyStr] | None:
    """The match of ``pattern`` with all of ``string``, or None."""
    return compile(pattern).fullmatch(string)


def findall(pattern: AnyStr | Pattern[AnyStr], string: AnyStr) -> list[Any]:
    """See :meth:`Pattern.findall`."""
    return compile(pattern).findall(string)


def finditer(pattern: AnyStr | Pattern[AnyStr], string: AnyStr) -> Iterator[Match[AnyStr]]:
    """See :meth:`Pattern.finditer`."""
    return compile(pattern).finditer(string)


def sub(
    pattern: AnyStr | Pattern[AnyStr],
    repl: AnyStr | Callable[[Match[AnyStr]], AnyStr],
    string: AnyStr,
    count: int = 0,
) -> AnyStr:
    """See :meth:`Pattern.sub` (templates use Go's ``$1`` syntax)."""
    return compile(pattern).sub(repl, string, count)


def subn(
    pattern: AnyStr | Pattern[AnyStr],
    repl: AnyStr | Callable[[Match[AnyStr]], AnyStr],
    string: AnyStr,
    count: int = 0,
) -> tuple[AnyStr, int]:
    """See :meth:`Pattern.subn`."""
    return compile(pattern).subn(repl, string, count)


def split(pattern: AnyStr | Pattern[AnyStr], string: AnyStr, maxsplit: int = 0) -> list[Any]:
    """See :meth:`Pattern.split`."""
    return compile(pattern).split(string, maxsplit)


def escape(pattern: AnyStr) -> AnyStr:
    """``pattern`` with every RE2 metacharacter backslash-escaped (Go's QuoteMeta)."""
    source = pattern.encode("utf-8") if isinstance(pattern, str) else bytes(pattern)
    # The result may hold NUL bytes, so Go writes it into our buffer, sized for the worst case
    # (every byte escaped), and returns its length.
    out = bytearray(2 * len(source))
    n = _native.QuoteMeta(source, out)
    if isinstance(pattern, str):
        return str(memoryview(out)[:n], "utf-8")
    return bytes(memoryview(out)[:n])


def scan(pattern: str, text: str, limit: int = -1) -> list[Found]:
    """Every match of *pattern* in *text* (at most *limit*; all when it is negative) as a
    :class:`Found`: character offsets, the text, the groups and the named groups.

    Go finds them all in one call and returns a Go slice of structs, which arrives as a list
    of ``Found`` objects (the module ``example_pkg._scan`` binds the ordinary Go package
    ``go/scan``, written without cgo).
    """
    try:
        return _scan.All(pattern, text, limit)
    except GoError as e:
        raise error(str(e), pattern) from None


def match_counts(pattern: str, text: str) -> dict[str, int]:
    """How often each distinct match of *pattern* occurs in *text* (a Go map, as a dict)."""
    try:
        return _scan.Counts(pattern, text)
    except GoError as e:
        raise error(str(e), pattern) from None
