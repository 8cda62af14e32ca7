"""The header cgo writes → a cdef that cffi accepts, plus a model of the exports.

cgo's header is not self-contained (it copies the user's ``import "C"`` preamble verbatim, with its
``#include``\\ s) and is full of things cffi's parser rejects. The stage therefore works on the output
of the C preprocessor run over the header (:func:`preprocess`), and everything after that is a pure
function of that text (:func:`parse_preprocessed`):

1. split the text by the files GCC's line markers attribute it to; lines of system headers are set
   aside (they only serve to resolve system typedefs such as ``time_t``);
2. keep integer ``#define``\\ s of the preamble;
3. strip GNU decorations and function bodies, split into top-level declarations, skip non-ASCII ones;
4. parse with pycparser (after placeholder typedefs for names cffi knows or the system defines);
5. keep typedefs, struct/union/enum definitions and the prototypes of the Go exports — the
   prototypes cgo itself wrote, in its ``cgo-*`` pseudo-files — and drop everything else;
6. declare the system types used (``typedef long time_t;``) and regenerate the text.
"""

from __future__ import annotations

import bisect
import copy
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pycparser import c_ast, c_generator, c_parser

from setuptools_golang_ext import _process
from setuptools_golang_ext.errors import CommandError, HeaderError

log = logging.getLogger("setuptools_golang_ext")

# Types cffi knows without a declaration (cffi's commontypes plus the <stdint.h>/<stddef.h> family).
CFFI_KNOWN_TYPES = frozenset(
    """
    bool _Bool FILE wchar_t char16_t char32_t size_t ssize_t ptrdiff_t intptr_t uintptr_t
    intmax_t uintmax_t int8_t uint8_t int16_t uint16_t int32_t uint32_t int64_t uint64_t
    int_least8_t uint_least8_t int_least16_t uint_least16_t int_least32_t uint_least32_t
    int_least64_t uint_least64_t int_fast8_t uint_fast8_t int_fast16_t uint_fast16_t
    int_fast32_t uint_fast32_t int_fast64_t uint_fast64_t float_t double_t
    """.split()  # noqa: SIM905 - a word list reads better than 41 quoted lines
)
# Declared by cgo's prolog for its own use; the library does not export them.
CGO_INTERNAL_FUNCTIONS = frozenset({"_GoStringLen", "_GoStringPtr"})
COMPLEX_TYPES = frozenset({"GoComplex64", "GoComplex128"})

_LINE_MARKER = re.compile(r'^#\s*(\d+)\s+"((?:[^"\\]|\\.)*)"((?:\s+\d+)*)\s*$')
_INTEGER_DEFINE = re.compile(
    r"^#define\s+([A-Za-z_]\w*)\s+\(?\s*(-?\s*(?:0[xX][0-9A-Fa-f]+|\d+))[uUlL]*\s*\)?\s*$"
)
_DECORATIONS_WITH_ARGS = re.compile(
    r"\b(?:__attribute__|__attribute|__declspec|__asm__|__asm|asm|_Alignas|alignas|"
    r"__typeof__|_Static_assert|static_assert)\s*\("
)
_DROPPED_WORDS = re.compile(
    r"\b(?:__extension__|__inline__|__inline|inline|__restrict__|__restrict|restrict|"
    r"_Noreturn|__thread|_Thread_local|__volatile__|__const__|__signed__)\b"
)
_WORD_REPLACEMENTS = {"__const": "const", "__volatile": "volatile", "__signed": "signed"}
_SYSTEM_TYPEDEF = re.compile(r"\btypedef\s+([^;{}()\[\]]+?)\s+\**\s*([A-Za-z_]\w*)\s*;")


@dataclass(frozen=True)
class Param:
    """One parameter of an export: its name (``""`` when cgo wrote none) and C type."""

    name: str
    c_type: str


@dataclass(frozen=True)
class Export:
    """One Go ``//export`` function as the header declares it."""

    name: str
    result: str
    params: tuple[Param, ...]
    declaration: str


@dataclass(frozen=True)
class SkippedExport:
    name: str
    reason: str


@dataclass(frozen=True)
class Header:
    """What the header stage produces: a cdef for cffi and the exports it declares."""

    cdef: str
    exports: tuple[Export, ...]
    skipped: tuple[SkippedExport, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass
class _Chunk:
    """One top-level declaration of the preprocessed text and the file it came from."""

    origin: str
    text: str
    decorated: bool = False


@dataclass
class _Split:
    chunks: list[_Chunk] = field(default_factory=list)
    defines: list[str] = field(default_factory=list)
    system_text: list[str] = field(default_factory=list)


def preprocess(
    header: Path,
    compiler: Sequence[str],
    cflags: Sequence[str],
    env: Mapping[str, str],
    cwd: Path | None = None,
) -> str:
    """Run the C preprocessor over *header* with the package's cgo flags, keeping ``#define``\\ s.

    *cwd* should be the package directory, where cgo resolves relative flags.
    """
    args = [*compiler, "-E", "-dD", "-x", "c", *cflags, str(header)]
    try:
        return _process.run(args, env=env, cwd=cwd)
    except CommandError as exc:
        raise HeaderError(
            f"cannot preprocess the header cgo wrote for {header.name}:\n\n{exc}\n\n"
            'The `import "C"` preamble must compile on its own; check its #include lines and '
            "the package's #cgo CFLAGS."
        ) from exc


def parse_preprocessed(text: str, *, abi_mode: bool, source: str = "header") -> Header:
    """Turn preprocessed header *text* into a :class:`Header`.

    *abi_mode* is true for cffi's ABI mode (c-shared), which cannot call functions taking or
    returning complex numbers: those exports are skipped with a warning.
    """
    split = _split_by_origin(text)
    warnings: list[str] = []
    nodes = _parse_chunks(split.chunks, _system_typedef_names(split.system_text), warnings)
    kept, exports_nodes = _select(nodes)
    exports, skipped = _exports(exports_nodes, kept, abi_mode)
    if not exports and not skipped:
        raise HeaderError(
            f"{source} declares no Go exports\n\n"
            "Mark the Go functions to expose with an `//export Name` comment directly above "
            '`func Name(...)`, in a file of package main that has `import "C"`.'
        )
    if not exports:
        raise HeaderError(
            f"{source}: none of the Go exports can be bound: "
            + "; ".join(f"{item.name}: {item.reason}" for item in skipped)
        )
    skipped_names = {item.name for item in skipped}
    body = [(chunk, decl) for chunk, decl in kept if _decl_name(decl) not in skipped_names]
    nodes_only = [decl for _, decl in body]
    system = _system_declarations(
        nodes_only, split.system_text, {_decl_name(d) for d in nodes_only}
    )
    attributed = [decl for chunk, decl in body if chunk.decorated and _defines_layout(decl)]
    if abi_mode:
        warnings.extend(_layout_warning(decl) for decl in attributed)
    partial = set() if abi_mode else {id(decl) for decl in attributed}
    cdef = _render(system, nodes_only, split.defines, partial)
    return Header(cdef, tuple(exports), tuple(skipped), tuple(warnings))


def _defines_layout(node: c_ast.Node) -> bool:
    return any(
        isinstance(sub, (c_ast.Struct, c_ast.Union)) and sub.decls is not None
        for sub in _walk(node)
    )


def _layout_warning(node: c_ast.Node) -> str:
    return (
        f"{_decl_name(node) or _GENERATOR.visit(node).split('{')[0].strip()} has "
        "__attribute__((packed)) or ((aligned)), which cffi's ABI mode cannot reproduce: its "
        'layout seen from Python may differ from C\'s; use mode = "c-archive", where the C '
        "compiler lays it out"
    )


# -- 1. line markers -------------------------------------------------------------------------


def _split_by_origin(text: str) -> _Split:
    split = _Split()
    origin, system = "", False
    block: list[str] = []

    def flush() -> None:
        if block and not system and not origin.startswith("<"):
            split.chunks.extend(_chunk_block(origin, "\n".join(block)))
        elif block and system:
            split.system_text.append("\n".join(block))
        block.clear()

    for line in text.splitlines():
        marker = _LINE_MARKER.match(line)
        if marker:
            flush()
            origin, system = marker.group(2), "3" in marker.group(3).split()
            continue
        if line.startswith("#"):
            define = _INTEGER_DEFINE.match(line)
            if define and not system and not origin.startswith("<"):
                split.defines.append(
                    f"#define {define.group(1)} {define.group(2).replace(' ', '')}"
                )
            continue
        block.append(line)
    flush()
    return split


# -- 3. decorations, bodies, declarations ----------------------------------------------------


# Stands where a layout attribute (packed, aligned) was removed, so that the declaration holding
# it can be told apart after the text is split; never in C source, and not whitespace.
_LAYOUT_MARK = "\x01"


def _chunk_block(origin: str, text: str) -> list[_Chunk]:
    cleaned = _strip_function_bodies(_strip_decorations(text))
    chunks = []
    for piece in _split_top_level(cleaned):
        if piece.strip(_LAYOUT_MARK + " \t\n"):
            layout = _LAYOUT_MARK in piece
            chunks.append(_Chunk(origin, piece.replace(_LAYOUT_MARK, " ").strip(), layout))
    return chunks


def _strip_decorations(text: str) -> str:
    """Remove GNU/MSVC decorations; a layout attribute leaves :data:`_LAYOUT_MARK` behind."""
    out: list[str] = []
    position = 0
    for match in _DECORATIONS_WITH_ARGS.finditer(text):
        if match.start() < position:
            continue
        end = _past_matching(text, match.end() - 1)
        removed = text[match.start() : end]
        out.append(text[position : match.start()])
        out.append(_LAYOUT_MARK if re.search(r"\b_*(packed|aligned)_*\b", removed) else " ")
        position = end
    out.append(text[position:])
    cleaned = _DROPPED_WORDS.sub(" ", "".join(out))
    for word, replacement in _WORD_REPLACEMENTS.items():
        cleaned = re.sub(rf"\b{word}\b", replacement, cleaned)
    return cleaned


def _past_matching(text: str, open_index: int) -> int:
    """Index just past the bracket that closes the one at *open_index* (``(`` or ``{``)."""
    opening = text[open_index]
    closing = {"(": ")", "{": "}"}[opening]
    depth = 0
    for index in range(open_index, len(text)):
        if text[index] == opening:
            depth += 1
        elif text[index] == closing:
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def _strip_function_bodies(text: str) -> str:
    """Replace every ``) { ... }`` function body by ``;``: bodies may hold any GNU C at all."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "{" and _previous_significant(out) == ")":
            index = _past_matching(text, index)
            out.append(";")
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _previous_significant(out: list[str]) -> str:
    for char in reversed(out):
        if not char.isspace():
            return char
    return ""


def _split_top_level(text: str) -> list[str]:
    pieces: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char in "({[":
            depth += 1
        elif char in ")}]":
            depth -= 1
        elif char == ";" and depth == 0:
            pieces.append(text[start : index + 1])
            start = index + 1
    pieces.append(text[start:])
    return pieces


# -- 4. parsing ------------------------------------------------------------------------------


def _system_typedef_names(system_text: Iterable[str]) -> set[str]:
    return set(_system_typedefs(system_text))


def _system_typedefs(system_text: Iterable[str]) -> dict[str, str]:
    """``name → underlying type`` for the simple typedefs in system headers."""
    typedefs: dict[str, str] = {}
    for block in system_text:
        cleaned = _DROPPED_WORDS.sub(" ", block)
        for match in _SYSTEM_TYPEDEF.finditer(cleaned):
            base, name = " ".join(match.group(1).split()), match.group(2)
            if "*" not in match.group(0):
                typedefs.setdefault(name, base)
    return typedefs


def _parse_chunks(
    chunks: list[_Chunk], system_names: set[str], warnings: list[str]
) -> list[tuple[_Chunk, c_ast.Node]]:
    """Parse the chunks in one go; a chunk pycparser cannot read is dropped with a warning."""
    usable = []
    for chunk in chunks:
        if chunk.text.isascii():
            usable.append(chunk)
        else:
            warnings.append(
                f"skipped a declaration with non-ASCII characters: {_excerpt(chunk.text)}"
            )
    while True:
        try:
            return _parse_all(usable, system_names)
        except _ChunkParseError as exc:
            bad = usable.pop(exc.index)
            warnings.append(
                f"skipped a declaration pycparser cannot read ({exc}): {_excerpt(bad.text)}"
            )


class _ChunkParseError(Exception):
    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index


def _parse_all(chunks: list[_Chunk], system_names: set[str]) -> list[tuple[_Chunk, c_ast.Node]]:
    words = set(re.findall(r"[A-Za-z_]\w*", " ".join(chunk.text for chunk in chunks)))
    placeholders = sorted((CFFI_KNOWN_TYPES | system_names) & words)
    lines = [f"typedef int {name};" for name in placeholders]
    first_lines: list[int] = []
    for chunk in chunks:
        first_lines.append(len(lines) + 1)
        lines.extend(chunk.text.splitlines())
    try:
        ast = c_parser.CParser().parse("\n".join(lines), filename="<header>")
    except c_parser.ParseError as exc:
        line = _error_line(str(exc))
        if line is None or line <= len(placeholders):
            raise HeaderError(f"cannot parse the cleaned header: {exc}") from exc
        raise _ChunkParseError(bisect.bisect_right(first_lines, line) - 1, str(exc)) from exc
    nodes = ast.ext[len(placeholders) :]
    return [(chunks[bisect.bisect_right(first_lines, node.coord.line) - 1], node) for node in nodes]


def _error_line(message: str) -> int | None:
    match = re.search(r":(\d+):(?:\d+:)?", message)
    return int(match.group(1)) if match else None


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 80 else flat[:77] + "..."


# -- 5. selection ----------------------------------------------------------------------------

_C_TYPE_WORDS = frozenset(
    [
        "void",
        "char",
        "short",
        "int",
        "long",
        "float",
        "double",
        "signed",
        "unsigned",
        "_Bool",
        "_Complex",
        "const",
        "volatile",
    ]
)
_Kept = list[tuple[_Chunk, c_ast.Node]]


def _select(nodes: list[tuple[_Chunk, c_ast.Node]]) -> tuple[_Kept, list[c_ast.Decl]]:
    """Keep typedefs, tag definitions and cgo's export prototypes; drop the rest."""
    kept: _Kept = []
    exports: list[c_ast.Decl] = []
    for chunk, node in nodes:
        if isinstance(node, c_ast.Typedef):
            if not node.name.startswith("_check_for_"):
                kept.append((chunk, node))
        elif isinstance(node, c_ast.Decl) and isinstance(node.type, c_ast.FuncDecl):
            if _is_export(chunk.origin, node):
                kept.append((chunk, node))
                exports.append(node)
        elif isinstance(node, c_ast.Decl) and isinstance(
            node.type, (c_ast.Struct, c_ast.Union, c_ast.Enum)
        ):
            kept.append((chunk, node))
    return kept, exports


def _is_export(origin: str, node: c_ast.Decl) -> bool:
    """Prototypes cgo wrote itself sit in its ``cgo-*`` pseudo-files, not in the user's files."""
    from_cgo = origin.startswith("cgo-") and not origin.endswith((".go", ".h", ".c"))
    return from_cgo and node.name not in CGO_INTERNAL_FUNCTIONS and "static" not in node.storage


def _decl_name(node: c_ast.Node) -> str | None:
    name = getattr(node, "name", None)
    return name if isinstance(name, str) else None


def _exports(
    nodes: list[c_ast.Decl], kept: _Kept, abi_mode: bool
) -> tuple[list[Export], list[SkippedExport]]:
    complex_names = _complex_type_names(node for _, node in kept)
    exports: list[Export] = []
    skipped: list[SkippedExport] = []
    for node in nodes:
        if abi_mode and _type_names(node.type) & complex_names:
            reason = 'complex numbers cannot cross cffi\'s ABI mode; use mode = "c-archive"'
            skipped.append(SkippedExport(node.name, reason))
            continue
        exports.append(_export_model(node))
    return exports, skipped


def _export_model(node: c_ast.Decl) -> Export:
    func: c_ast.FuncDecl = node.type
    params: list[Param] = []
    for arg in func.args.params if func.args else []:
        if isinstance(arg, c_ast.EllipsisParam):
            continue
        text = _type_text(arg.type)
        if text == "void" and not getattr(arg, "name", None):
            continue
        params.append(Param(arg.name or "", text))
    return Export(node.name, _type_text(func.type), tuple(params), _GENERATOR.visit(node) + ";")


_GENERATOR = c_generator.CGenerator()


def _type_text(type_node: c_ast.Node) -> str:
    """The C spelling of a type without the declared name: ``char *``, ``struct Div_return``."""
    anonymous = copy.deepcopy(type_node)
    for sub in _walk(anonymous):
        if isinstance(sub, c_ast.TypeDecl):
            sub.declname = None
    return str(_GENERATOR.visit(c_ast.Typename(None, [], None, anonymous)))


def _walk(node: c_ast.Node) -> Iterable[c_ast.Node]:
    yield node
    for _, child in node.children():
        yield from _walk(child)


def _identifier_names(node: c_ast.Node) -> set[str]:
    return {
        name for sub in _walk(node) if isinstance(sub, c_ast.IdentifierType) for name in sub.names
    }


def _type_names(node: c_ast.Node) -> set[str]:
    """Type names *node* mentions: typedef names, and ``struct X``/``union X`` for tags."""
    names = _identifier_names(node)
    for sub in _walk(node):
        if isinstance(sub, (c_ast.Struct, c_ast.Union)) and sub.name:
            names.add(f"{type(sub).__name__.lower()} {sub.name}")
    return names


def _complex_type_names(nodes: Iterable[c_ast.Node]) -> set[str]:
    """Typedefs and tags that hold a complex number, directly or through their members."""
    complex_names = {"_Complex"}
    for node in nodes:  # cgo declares before use, so one pass sees every dependency
        if not _type_names(node) & complex_names:
            continue
        if isinstance(node, c_ast.Typedef):
            complex_names.add(node.name)
        for sub in _walk(node):
            if isinstance(sub, (c_ast.Struct, c_ast.Union)) and sub.name and sub.decls is not None:
                complex_names.add(f"{type(sub).__name__.lower()} {sub.name}")
    return complex_names


# -- 6. system types and output ---------------------------------------------------------------


def _system_declarations(
    body: list[c_ast.Node], system_text: list[str], defined: set[str | None]
) -> list[str]:
    """Declarations for the system types *body* uses: resolved typedefs, opaque structs."""
    typedefs = _system_typedefs(system_text)
    used: set[str] = set()
    tags: set[tuple[str, str]] = set()
    defined_tags: set[str] = set()
    for node in body:
        for sub in _walk(node):
            if isinstance(sub, c_ast.IdentifierType):
                used.update(sub.names)
            elif isinstance(sub, (c_ast.Struct, c_ast.Union)) and sub.name:
                kind = "struct" if isinstance(sub, c_ast.Struct) else "union"
                (
                    defined_tags.add(sub.name)
                    if sub.decls is not None
                    else tags.add((kind, sub.name))
                )
    declarations = [f"{kind} {name};" for kind, name in sorted(tags) if name not in defined_tags]
    missing = sorted(used - defined - _C_TYPE_WORDS - CFFI_KNOWN_TYPES)
    for name in missing:
        declarations.append(f"typedef {_resolve_system_type(name, typedefs)} {name};")
    return declarations


def _resolve_system_type(name: str, typedefs: Mapping[str, str]) -> str:
    """Follow ``time_t → __time_t → long int``; unknown or compound types become opaque structs."""
    seen = {name}
    current = typedefs.get(name)
    while current is not None and current in typedefs and current not in CFFI_KNOWN_TYPES:
        if current in seen:
            break
        seen.add(current)
        current = typedefs[current]
    if current is None:
        log.warning("system type %s is not a simple typedef; it is declared opaque", name)
        return f"struct _opaque_{name}"
    return current


def _render(
    system: list[str], body: list[c_ast.Node], defines: list[str], partial: set[int]
) -> str:
    """The cdef text; structs in *partial* end in ``...;`` so that cffi asks the C compiler for
    their layout (API mode only)."""
    lines = list(system)
    for node in body:
        text = _GENERATOR.visit(node)
        if id(node) in partial:
            closing = text.rindex("}")
            text = text[:closing] + "  ...;\n" + text[closing:]
        lines.append(text + ";")
    lines.extend(defines)
    return "\n".join(lines) + "\n"
