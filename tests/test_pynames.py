"""The one rule for Python names of Go names (setuptools_golang_ext/binding/pynames.py)."""

from __future__ import annotations

import ast
import builtins
import keyword

import pytest

from setuptools_golang_ext.binding import needs, pynames
from setuptools_golang_ext.binding.cgo import bindings
from setuptools_golang_ext.binding.plain import plan


def test_every_built_in_a_go_name_can_spell_is_reserved() -> None:
    """Exported Go names start with an upper case letter: every such built-in of this Python
    is in the fixed list (a new Python's new exception class must be added to it)."""
    capitalised = {name for name in dir(builtins) if name[:1].isupper()}
    missing = capitalised - pynames.BUILTIN_NAMES - set(keyword.kwlist)
    assert missing == set()


@pytest.mark.parametrize(
    ("go_name", "python"),
    [
        ("TypeError", "TypeError_"),
        ("ValueError", "ValueError_"),
        ("Exception", "Exception_"),
        ("Buffer", "Buffer_"),
        ("Sequence", "Sequence_"),
        ("GoError", "GoError_"),
        ("GoEOFError", "GoEOFError_"),
        ("None", "None_"),
        ("Counter", "Counter"),
        ("Errors", "Errors"),
    ],
)
def test_go_names_python_uses_get_a_trailing_underscore(go_name: str, python: str) -> None:
    assert plan.class_name(go_name) == python
    assert bindings.function_name(go_name) == python
    assert bindings.python_name(go_name, 0, set()) == python


def test_the_names_generated_modules_import_are_reserved() -> None:
    assert set(needs.PLAIN_RUNTIME_NAMES) <= pynames.MODULE_NAMES
    # The public classes the module support defines (type GoRef struct is GoRef_).
    support = ast.parse(needs.SUPPORT_TEMPLATE.read_text())
    classes = {node.name for node in support.body if isinstance(node, ast.ClassDef)}
    assert {name for name in classes if not name.startswith("_")} <= pynames.MODULE_NAMES
