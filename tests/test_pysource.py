"""Reading the real Python files that generated modules copy (setuptools_golang_ext/binding/pysource.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from setuptools_golang_ext.binding import needs, pysource

COPIED = '''"""A file generated modules copy."""

from __future__ import annotations

import struct as _struct
from pickle import dumps as _dumps, loads as _loads

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from .runtime_support import GoError

    _T = TypeVar("_T")
    ffi: Any = ...


# Why the size is read once.
_SIZE = _struct.calcsize("n")


def _first(value: Any) -> Any:
    return _loads(value)


def _second() -> int:  # a trailing comment stays
    return _SIZE
'''


def read(tmp_path: Path, text: str = COPIED) -> pysource.CopiedFile:
    path = tmp_path / "copied.py"
    path.write_text(text)
    return pysource.read_copied_file(path)


def test_a_copied_file_is_read_by_its_structure(tmp_path: Path) -> None:
    copied = read(tmp_path)
    assert copied.annotations == ("from typing import Any, TypeVar", '_T = TypeVar("_T")')
    assert [line for line, _ in copied.imports] == [
        "import struct as _struct",
        "from pickle import dumps as _dumps",
        "from pickle import loads as _loads",
    ]
    assert copied.body()[0] == "# Why the size is read once."
    assert copied.body()[-1] == "    return _SIZE"
    assert copied.definitions(["_SIZE"]) == [
        "# Why the size is read once.",
        '_SIZE = _struct.calcsize("n")',
    ]
    assert copied.definitions(["_second"])[0] == "def _second() -> int:  # a trailing comment stays"
    assert copied.imports_for(copied.definitions(["_first"])) == [
        "from pickle import loads as _loads"
    ]


def test_definitions_that_are_not_together_are_refused(tmp_path: Path) -> None:
    copied = read(tmp_path)
    with pytest.raises(ValueError, match=r"\['_SIZE', '_second'\] are not together: \['_first'\]"):
        copied.definitions(["_SIZE", "_second"])
    with pytest.raises(KeyError, match="nothing defines"):
        copied.definitions(["_missing"])


def test_a_file_without_its_type_checking_block_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="has no `if TYPE_CHECKING:` block"):
        read(tmp_path, "import sys as _sys\n")


def test_every_helper_kind_is_found_in_the_helpers_file() -> None:
    for kind in needs.HELPER_NAMES:
        assert needs.helper_lines(kind), kind
    assert needs.helper_imports(["slice"]) == ["import _struct as _struct", "import sys as _sys"]
    assert needs.helper_imports(["gostring", "panic"]) == []
