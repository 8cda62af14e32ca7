"""Read the real Python files whose code generated modules copy (``module_helpers.py``,
``module_support.py``), with Python's parser: which lines define which names, which imports
they need, what their annotations need. Never by the wording of a comment, and never from
another generator's output.

Such a file has a docstring, then imports (those the copies need are aliased to a private
name: ``from pickle import loads as _loads``), then one ``if TYPE_CHECKING:`` block that
declares what the generated module provides, then the code that is copied. Everything here is
a pure function of the file's text.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class CopiedFile:
    """A file whose code generated modules copy."""

    lines: tuple[str, ...]  # the whole file
    imports: tuple[tuple[str, str], ...]  # (import line, the private name it binds)
    annotations: tuple[str, ...]  # what annotations need: absolute imports, type variables
    statements: tuple[tuple[frozenset[str], int, int], ...]  # names defined, first, last line
    body_start: int  # the first line of the copied code (0-based)

    def body(self) -> list[str]:
        """Every line of the copied code, without the blank lines around it."""
        return _trimmed(self.lines[self.body_start :])

    def definitions(self, names: Iterable[str]) -> list[str]:
        """The lines of the statements that define *names* (with the comments right above
        them), from the first to the last: they must be together in the file."""
        wanted = set(names)
        spans = [(first, last) for defined, first, last in self.statements if defined & wanted]
        if not spans:
            raise KeyError(f"nothing defines {sorted(wanted)}")
        start, end = spans[0][0], spans[-1][1]
        between = [defined for defined, first, _ in self.statements if start <= first <= end]
        strays = sorted(name for defined in between for name in defined - wanted)
        if strays:
            raise ValueError(f"{sorted(wanted)} are not together: {strays} is between them")
        return _trimmed(self.lines[start : end + 1])

    def imports_for(self, code: Iterable[str]) -> list[str]:
        """The import lines whose private names *code* (lines) uses, in the file's order."""
        used = {
            node.id for node in ast.walk(ast.parse("\n".join(code))) if isinstance(node, ast.Name)
        }
        return [line for line, name in self.imports if name in used]


@cache
def read_copied_file(path: Path) -> CopiedFile:
    text = path.read_bytes().decode("utf-8")
    lines = tuple(text.splitlines())
    tree = ast.parse(text)
    imports: list[tuple[str, str]] = []
    annotations: list[str] = []
    statements: list[tuple[frozenset[str], int, int]] = []
    body_start = len(lines)
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports += _private_imports(node)
        elif isinstance(node, ast.If) and _is_type_checking(node):
            annotations = _annotation_lines(node, lines)
            body_start = node.end_lineno or node.lineno
        elif node.lineno > body_start:
            first = _with_comments_above(node.lineno - 1, lines)
            statements.append((_defined_names(node), first, (node.end_lineno or node.lineno) - 1))
    if body_start == len(lines):
        raise ValueError(f"{path.name} has no `if TYPE_CHECKING:` block before its code")
    return CopiedFile(lines, tuple(imports), tuple(annotations), tuple(statements), body_start)


def _private_imports(node: ast.Import | ast.ImportFrom) -> list[tuple[str, str]]:
    """``from x import y as _y`` and ``import x as _x``, one line per name."""
    found = []
    for alias in node.names:
        if not (alias.asname or "").startswith("_"):
            continue
        if isinstance(node, ast.ImportFrom):
            line = f"from {node.module} import {alias.name} as {alias.asname}"
        else:
            line = f"import {alias.name} as {alias.asname}"
        found.append((line, str(alias.asname)))
    return found


def _is_type_checking(block: ast.If) -> bool:
    return isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING"


def _annotation_lines(block: ast.If, lines: tuple[str, ...]) -> list[str]:
    """The block's absolute imports and type variables: what the copied annotations need (the
    rest declares the generated module's own names)."""
    kept = [
        node
        for node in block.body
        if (isinstance(node, (ast.Import, ast.ImportFrom)) and not getattr(node, "level", 0))
        or (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
            and node.value.func.id == "TypeVar"
        )
    ]
    return [
        line.strip()
        for node in kept
        for line in lines[node.lineno - 1 : node.end_lineno or node.lineno]
    ]


def _with_comments_above(index: int, lines: tuple[str, ...]) -> int:
    """The first line of the comment block right above line *index* (0-based), or *index*."""
    while index > 0 and lines[index - 1].startswith("#"):
        index -= 1
    return index


def _defined_names(node: ast.stmt) -> frozenset[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return frozenset({node.name})
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign):
        targets = [node.target]
    return frozenset(
        name.id for target in targets for name in ast.walk(target) if isinstance(name, ast.Name)
    )


def _trimmed(lines: Iterable[str]) -> list[str]:
    """*lines* without blank lines at either end."""
    kept = list(lines)
    while kept and not kept[0].strip():
        kept.pop(0)
    while kept and not kept[-1].strip():
        kept.pop()
    return kept
