"""Unit tests of the header → cdef stage (no Go needed; the C preprocessor is).

Expectations are derived from the fixtures' Go source (``//export`` lines, signatures, preambles)
and from the stored header text, parsed independently of :mod:`setuptools_golang_ext.stages.header`.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cffi
import pytest
from conftest import assert_same_bytes, generated_in_fresh_interpreters

from setuptools_golang_ext.errors import HeaderError
from setuptools_golang_ext.stages.header import Header, parse_preprocessed, preprocess

DATA = Path(__file__).resolve().parent / "data"
HEADERS = DATA / "headers"
GOPKGS = DATA / "gopkgs"
HEADER_FILES = sorted(HEADERS.glob("*/*.h"))
HEADER_IDS = [f"{path.parent.name}/{path.name}" for path in HEADER_FILES]
MODES = {"c-shared": True, "c-archive": False}  # mode -> abi_mode

INTEGER_C_WORDS = frozenset({"signed", "unsigned", "char", "short", "int", "long", "_Bool"})


def _compiler() -> list[str]:
    for name in (os.environ.get("CC", ""), "cc", "gcc", "clang"):
        if name and shutil.which(name.split()[0]):
            return name.split()
    pytest.skip("no C compiler to preprocess headers")


# -- the Go source, read independently ---------------------------------------------------------


@dataclass(frozen=True)
class GoExport:
    """One ``//export`` function as its Go source declares it."""

    name: str
    params: str  # the text between the parentheses
    results: str  # the text after them, up to the body

    @property
    def is_complex(self) -> bool:
        return re.search(r"\bcomplex(?:64|128)\b", f"{self.params} {self.results}") is not None

    @property
    def param_names(self) -> list[str]:
        pieces = _split_top_level_commas(self.params)
        if not any(len(piece.split()) > 1 for piece in pieces):
            return [f"p{index}" for index in range(len(pieces))]  # cgo's names for unnamed params
        return [piece.split()[0] for piece in pieces]

    @property
    def result_count(self) -> int:
        results = self.results.strip()
        if not results:
            return 0
        if results.startswith("("):
            return len(_split_top_level_commas(results[1:-1]))
        return 1


def _split_top_level_commas(text: str) -> list[str]:
    pieces, depth, current = [], 0, ""
    for char in text:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        if char == "," and depth == 0:
            pieces.append(current.strip())
            current = ""
        else:
            current += char
    if current.strip():
        pieces.append(current.strip())
    return pieces


def _matching(text: str, open_index: int) -> int:
    depth = 0
    for index in range(open_index, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index
    raise AssertionError(f"unbalanced parentheses in {text!r}")


@cache
def go_exports(fixture: str) -> tuple[GoExport, ...]:
    """The fixture's exports in header order: .go files by name, then source order."""
    found = []
    for go_file in sorted((GOPKGS / fixture).glob("*.go")):
        lines = go_file.read_text(encoding="utf-8").splitlines()
        for index, line in enumerate(lines):
            match = re.match(r"^//export\s+(\w+)\s*$", line)
            if not match:
                continue
            name = match.group(1)
            signature = lines[index + 1]
            assert signature.startswith(f"func {name}("), signature
            open_index = len(f"func {name}")
            close_index = _matching(signature, open_index)
            rest = signature[close_index + 1 :]
            body = re.search(r"\{(?:\s|$)", rest)
            results = rest[: body.start()] if body else rest
            found.append(GoExport(name, signature[open_index + 1 : close_index], results.strip()))
    assert found or fixture in ("noexports", "plain", "objects"), fixture  # no cgo in the last two
    return tuple(found)


@cache
def go_preamble(fixture: str) -> str:
    """Every ``import "C"`` preamble of the fixture, plus the local headers it includes."""
    parts = []
    for go_file in sorted((GOPKGS / fixture).glob("*.go")):
        text = go_file.read_text(encoding="utf-8")
        parts += re.findall(r"/\*((?:(?!\*/).)*)\*/\s*import \"C\"", text, re.DOTALL)
    for local in re.findall(r'#include\s+"([^"]+)"', "\n".join(parts)):
        parts.append((GOPKGS / fixture / local).read_text(encoding="utf-8"))
    return "\n".join(parts)


def preamble_defines(fixture: str) -> tuple[dict[str, int], set[str]]:
    """The preamble's integer ``#define``\\ s (name → value) and the names of all the others."""
    integers: dict[str, int] = {}
    others: set[str] = set()
    for match in re.finditer(r"^\s*#\s*define\s+(\w+)(.*)$", go_preamble(fixture), re.MULTILINE):
        name, value = match.group(1), match.group(2).strip()
        if re.fullmatch(r"-?(?:0[xX][0-9a-fA-F]+|\d+)", value):
            integers[name] = int(value, 0)
        else:
            others.add(name)
    return integers, others - set(integers)


def preamble_function_definitions(fixture: str) -> set[str]:
    """Names of the C functions the preamble defines with a body (``static inline`` helpers)."""
    return set(re.findall(r"\b(\w+)\s*\([^;{})]*\)\s*\{", go_preamble(fixture)))


def preamble_layout_structs(fixture: str) -> set[str]:
    """Typedef'd structs/unions of the preamble whose own definition is packed or aligned."""
    found = set()
    for match in re.finditer(
        r"typedef\s+(?:struct|union)\b([^;]*?(?:;[^}]*?)*)\}\s*(\w+)\s*;",
        go_preamble(fixture),
    ):
        if re.search(r"__attribute__\s*\(\((?:packed|aligned)", match.group(1)):
            found.add(match.group(2))
    return found


def partial_types(cdef: str) -> set[str]:
    """Typedef names of the structs/unions the cdef leaves for the C compiler to lay out."""
    return set(re.findall(r"\.\.\.;\s*\}\s*(\w+);", cdef))


# -- the header text, read independently -------------------------------------------------------


def _normalize_type(text: str) -> str:
    return " ".join(text.replace("*", " * ").split())


@dataclass(frozen=True)
class HeaderPrototype:
    result: str
    params: tuple[tuple[str, str], ...]  # (name, normalized C type)


def header_prototypes(header_text: str) -> dict[str, HeaderPrototype]:
    prototypes = {}
    pattern = r"^extern\s+(?:__declspec\(dllexport\)\s+)?(.+?)\b(\w+)\((.*)\);\s*$"
    for match in re.finditer(pattern, header_text, re.MULTILINE):
        params_text = match.group(3).strip()
        params = []
        if params_text not in ("", "void"):
            for piece in params_text.split(","):
                words = _normalize_type(piece).split()
                params.append((words[-1], " ".join(words[:-1])))
        prototypes[match.group(2)] = HeaderPrototype(_normalize_type(match.group(1)), tuple(params))
    return prototypes


# -- running the stage -------------------------------------------------------------------------


def fixture_of(header_file: Path) -> str:
    return header_file.stem


@cache
def preprocessed(header_file: Path) -> str:
    return preprocess(
        header_file,
        _compiler(),
        [f"-I{GOPKGS / fixture_of(header_file)}"],
        dict(os.environ),
    )


@cache
def parsed(header_file: Path, abi_mode: bool) -> Header:
    return parse_preprocessed(preprocessed(header_file), abi_mode=abi_mode)


def accepted_ffi(header: Header) -> cffi.FFI:
    ffi = cffi.FFI()
    ffi.cdef(header.cdef)
    return ffi


def cdef_prototypes(cdef: str) -> dict[str, str]:
    """``name → parameter text`` of the function prototypes in a cdef (one per line)."""
    return {
        match.group(1): match.group(2)
        for match in re.finditer(r"^extern\b.*?\b(\w+)\((.*)\);$", cdef, re.MULTILINE)
    }


def header_in_version(version_dir: str, fixture: str) -> Path:
    path = HEADERS / version_dir / f"{fixture}.h"
    assert path.is_file(), path
    return path


# -- the corpus --------------------------------------------------------------------------------


def test_corpus_is_what_the_readme_describes() -> None:
    versions = {path.parent.name for path in HEADER_FILES}
    assert any(name.endswith("-windows") for name in versions)
    assert len({name.removesuffix("-windows") for name in versions}) >= 4
    assert {fixture_of(path) for path in HEADER_FILES} == {
        path.parent.name for path in GOPKGS.glob("*/*.go") if go_exports(path.parent.name)
    } - {"broken"}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("header_file", HEADER_FILES, ids=HEADER_IDS)
def test_every_stored_header(header_file: Path, mode: str) -> None:
    abi_mode = MODES[mode]
    result = parsed(header_file, abi_mode)
    ffi = accepted_ffi(result)
    go = go_exports(fixture_of(header_file))

    complex_names = [export.name for export in go if export.is_complex]
    expected = [export.name for export in go if not (abi_mode and export.is_complex)]
    assert [export.name for export in result.exports] == expected
    if abi_mode:
        assert [item.name for item in result.skipped] == complex_names
        for item in result.skipped:
            assert "complex" in item.reason and "c-archive" in item.reason
    else:
        assert result.skipped == ()
    # The only warnings about stored headers are those about attribute-laid-out structs.
    layout_structs = preamble_layout_structs(fixture_of(header_file))
    if abi_mode and layout_structs:
        assert result.warnings
        for warning in result.warnings:
            assert "__attribute__" in warning and "c-archive" in warning, warning
    else:
        assert result.warnings == ()

    # What ffi.cdef rejects (or what must not be bound) never reaches the cdef.
    for forbidden in (
        "_GoStringLen",
        "_GoStringPtr",
        "_check_for_64_bit_pointer_matching_GoInt",
        'extern "C"',
        "__attribute__",
        "__declspec",
        "__extension__",
        "__restrict",
        "_Static_assert",
        "#include",
        "#if",
        "static",
        "inline",
    ):
        assert forbidden not in result.cdef
    for helper in preamble_function_definitions(fixture_of(header_file)):
        assert re.search(rf"\b{helper}\b", result.cdef) is None, helper

    # The cdef declares exactly the bound exports, in order.
    assert list(cdef_prototypes(result.cdef)) == expected
    # Skipped exports leave no trace (their complex types would still parse, but not their calls).
    for name in complex_names if abi_mode else []:
        assert re.search(rf"\b{name}\b", result.cdef) is None

    # cffi knows every type an export uses (an in-line FFI cannot build the types of partial
    # structs, which only the C compiler of API mode lays out). ABI mode lays every struct out
    # itself; c-archive's API mode leaves exactly the preamble's packed/aligned ones to the C
    # compiler.
    partial = partial_types(result.cdef)
    assert partial == (set() if abi_mode else preamble_layout_structs(fixture_of(header_file)))
    for export in result.exports:
        params = ", ".join(param.c_type for param in export.params) or "void"
        function = f"{export.result}(*)({params})"
        if any(re.search(rf"\b{name}\b", function) for name in partial):
            with pytest.raises(cffi.VerificationMissing):
                ffi.typeof(function)
        else:
            assert ffi.typeof(function).kind == "function"


@pytest.mark.parametrize("header_file", HEADER_FILES, ids=HEADER_IDS)
def test_exports_match_header_declarations_and_go_names(header_file: Path) -> None:
    text = header_file.read_text(encoding="utf-8")
    prototypes = header_prototypes(text)
    go = {export.name: export for export in go_exports(fixture_of(header_file))}
    result = parsed(header_file, False)
    for export in result.exports:
        declared = prototypes[export.name]
        assert _normalize_type(export.result) == declared.result, export
        assert [(p.name, _normalize_type(p.c_type)) for p in export.params] == list(declared.params)
        assert [param.name for param in export.params] == go[export.name].param_names
        assert export.declaration.startswith("extern ") and export.declaration.endswith(";")
        assert f" {export.name}(" in export.declaration.replace("*", " ")
        assert export.declaration in result.cdef.splitlines()


@pytest.mark.parametrize("header_file", HEADER_FILES, ids=HEADER_IDS)
def test_integer_defines_of_the_preamble_are_constants(header_file: Path) -> None:
    integers, others = preamble_defines(fixture_of(header_file))
    result = parsed(header_file, True)
    defined = dict(re.findall(r"^#define (\w+) (\S+)$", result.cdef, re.MULTILINE))
    # Only the preamble's integer macros: not cgo's guards, not libc's (INT32_MAX, EOF…).
    assert set(defined) == set(integers)
    lib = accepted_ffi(result).dlopen(None)
    for name, value in integers.items():
        assert getattr(lib, name) == value
    for name in others:
        assert re.search(rf"\b{name}\b", result.cdef) is None, name


def test_fixtures_have_integer_defines() -> None:
    # Guards the test above against vacuity.
    assert preamble_defines("kitchen")[0]
    assert preamble_defines("decorated")[0]
    assert preamble_defines("decorated")[1]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "header_file", sorted(HEADERS.glob("*/systypes.h")), ids=lambda p: p.parent.name
)
def test_system_types(header_file: Path, mode: str) -> None:
    result = parsed(header_file, MODES[mode])
    ffi = accepted_ffi(result)
    c_names = set()
    for export in go_exports("systypes"):
        c_names.update(re.findall(r"\bC\.(\w+)", f"{export.params} {export.results}"))
    structs = {name.removeprefix("struct_") for name in c_names if name.startswith("struct_")}
    assert structs and "FILE" in c_names
    for name in sorted(c_names - {"FILE", "int"} - {f"struct_{s}" for s in structs}):
        ctype = ffi.typeof(name)
        assert ctype.kind == "primitive", name
        assert int(ffi.cast(name, 2.75)) == 2, f"{name} is not an integer type"
        typedef = re.search(rf"^typedef ([\w ]+) {name};$", result.cdef, re.MULTILINE)
        if typedef:  # declared by us: resolved to a plain integer type, not __time_t
            assert set(typedef.group(1).split()) <= INTEGER_C_WORDS, typedef.group(0)
    for name in ("time_t", "pid_t", "off_t"):
        assert name in c_names
        assert re.search(rf"^typedef [\w ]+ {name};$", result.cdef, re.MULTILINE), name
    for struct in structs:
        assert f"struct {struct};" in result.cdef.splitlines()
        assert re.search(rf"struct {struct}\s*\{{", result.cdef) is None
        assert ffi.typeof(f"struct {struct}").fields is None
        with pytest.raises(ValueError, match="unknown size"):
            ffi.sizeof(f"struct {struct}")
    # FILE stays cffi's own type, never redeclared.
    assert re.search(r"\bFILE\s*;", result.cdef) is None
    assert ffi.typeof("FILE *").kind == "pointer"
    file_param = {e.name: e for e in result.exports}["FileNo"].params[0]
    assert _normalize_type(file_param.c_type) == "FILE *"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("header_file", HEADER_FILES, ids=HEADER_IDS)
def test_multiple_results_become_return_structs(header_file: Path, mode: str) -> None:
    result = parsed(header_file, MODES[mode])
    ffi = accepted_ffi(result)
    exports = {export.name: export for export in result.exports}
    for go in go_exports(fixture_of(header_file)):
        if go.result_count < 2 or go.name not in exports:
            continue
        assert exports[go.name].result == f"struct {go.name}_return"
        fields = ffi.typeof(f"struct {go.name}_return").fields
        assert [name for name, _ in fields] == [f"r{i}" for i in range(go.result_count)]


def test_kitchen_has_multiple_result_exports() -> None:
    assert sum(export.result_count >= 2 for export in go_exports("kitchen")) >= 2


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("header_file", HEADER_FILES, ids=HEADER_IDS)
def test_no_argument_exports(header_file: Path, mode: str) -> None:
    text = header_file.read_text(encoding="utf-8")
    result = parsed(header_file, MODES[mode])
    prototypes = cdef_prototypes(result.cdef)
    exports = {export.name: export for export in result.exports}
    no_args = [go.name for go in go_exports(fixture_of(header_file)) if not go.params.strip()]
    for name in no_args:
        assert re.search(rf"\b{name}\((?:void)?\);", text), name
        assert exports[name].params == ()
        assert prototypes[name] in ("", "void")


def test_corpus_has_both_no_argument_styles() -> None:
    styles = set()
    for header_file in HEADER_FILES:
        text = header_file.read_text(encoding="utf-8")
        for go in go_exports(fixture_of(header_file)):
            if not go.params.strip():
                styles.update(re.findall(rf"\b{go.name}\((void)?\);", text))
    assert styles == {"", "void"}


@pytest.mark.parametrize("version_dir", sorted({p.parent.name for p in HEADER_FILES}))
def test_cgo_prolog_functions_are_not_exports(version_dir: str) -> None:
    header_file = HEADERS / version_dir / "kitchen.h"
    text = header_file.read_text(encoding="utf-8")
    result = parsed(header_file, False)
    names = {export.name for export in result.exports}
    assert not names & {"_GoStringLen", "_GoStringPtr"}
    if "_GoStringLen" in text:  # Go >= 1.25 declares them; the library does not export them
        assert "_GoStringLen" not in result.cdef


@pytest.mark.parametrize("mode", MODES)
def test_user_prototypes_in_the_preamble_are_not_exports(mode: str) -> None:
    # multifile's vec.go preamble declares `int mf_triple(int x);`, defined in helper.c.
    declared = set(re.findall(r"^\s*\w[\w ]*\b(\w+)\([^)]*\);", go_preamble("multifile"), re.M))
    assert declared
    for header_file in sorted(HEADERS.glob("*/multifile.h")):
        result = parsed(header_file, MODES[mode])
        assert not declared & {export.name for export in result.exports}
        for name in declared:
            assert re.search(rf"\b{name}\b", result.cdef) is None


def generated_texts() -> dict[str, str]:
    """Every stored header and the synthetic text through the stage, in both modes: the cdef
    and the whole model (also computed in fresh interpreters)."""
    texts = {}
    inputs = {
        header_id: preprocess(
            header_file, _compiler(), [f"-I{GOPKGS / fixture_of(header_file)}"], dict(os.environ)
        )
        for header_id, header_file in zip(HEADER_IDS, HEADER_FILES)
    }
    inputs["synthetic"] = SYNTHETIC
    for name, text in inputs.items():
        for mode, abi_mode in MODES.items():
            result = parse_preprocessed(text, abi_mode=abi_mode)
            texts[f"{name} {mode} cdef"] = result.cdef
            texts[f"{name} {mode} model"] = repr(result)
    return texts


def test_the_same_bytes_in_every_interpreter() -> None:
    """Two interpreters with different hash seeds, and this one: set order, string hashes and
    object addresses differ between them, so output depending on them differs too."""
    here = {name: text.encode() for name, text in generated_texts().items()}
    assert_same_bytes(here, *generated_in_fresh_interpreters("test_header", "generated_texts"))


def test_windows_headers_give_the_linux_cdef() -> None:
    # The Windows headers differ from the Linux ones only by __declspec(dllexport) (or not at all).
    compared = 0
    for windows in sorted(HEADERS.glob("*-windows/*.h")):
        linux = HEADERS / windows.parent.name.removesuffix("-windows") / windows.name
        stripped = windows.read_text(encoding="utf-8").replace("__declspec(dllexport) ", "")
        if stripped != linux.read_text(encoding="utf-8"):
            continue
        compared += 1
        for abi_mode in (True, False):
            assert parsed(windows, abi_mode) == parsed(linux, abi_mode)
    assert compared >= 2


# -- errors ------------------------------------------------------------------------------------


def _without_prototypes(text: str, keep: set[str]) -> str:
    """The header text minus every export prototype not in *keep* (and their return structs)."""
    lines = text.splitlines(keepends=True)
    out = []
    skipping_struct = False
    for line in lines:
        struct = re.match(r"^struct (\w+)_return\s*\{", line)
        if struct and struct.group(1) not in keep:
            skipping_struct = True
        if skipping_struct:
            skipping_struct = not line.startswith("};")
            continue
        prototype = re.match(r"^extern\s.*?\b(\w+)\(.*\);\s*$", line)
        if (
            prototype
            and not prototype.group(1).startswith("_GoString")
            and prototype.group(1) not in keep
        ):
            continue
        out.append(line)
    return "".join(out)


@pytest.mark.parametrize("version_dir", ["go1.21", "go1.27"])
@pytest.mark.parametrize("mode", MODES)
def test_no_exports_error(tmp_path: Path, version_dir: str, mode: str) -> None:
    source = header_in_version(version_dir, "kitchen")
    crafted = tmp_path / "kitchen.h"
    crafted.write_text(_without_prototypes(source.read_text(encoding="utf-8"), set()))
    crafted_text = crafted.read_text(encoding="utf-8")
    assert "typedef struct { void *data; GoInt len; GoInt cap; } GoSlice;" in crafted_text
    assert set(header_prototypes(crafted_text)) <= {"_GoStringLen", "_GoStringPtr"}
    text = preprocess(crafted, _compiler(), [f"-I{GOPKGS / 'kitchen'}"], dict(os.environ))
    with pytest.raises(HeaderError) as info:
        parse_preprocessed(text, abi_mode=MODES[mode], source="the Go package example.com/x")
    message = str(info.value)
    assert "the Go package example.com/x" in message
    assert "no Go exports" in message
    assert "//export" in message  # says how to fix it


@pytest.mark.parametrize(
    "version_dir", sorted({p.parent.name for p in HEADERS.glob("*/decorated.h")})
)
def test_none_can_be_bound_error(tmp_path: Path, version_dir: str) -> None:
    complex_names = {export.name for export in go_exports("decorated") if export.is_complex}
    assert complex_names
    source = header_in_version(version_dir, "decorated")
    crafted = tmp_path / "decorated.h"
    crafted.write_text(_without_prototypes(source.read_text(encoding="utf-8"), complex_names))
    text = preprocess(crafted, _compiler(), [f"-I{GOPKGS / 'decorated'}"], dict(os.environ))

    with pytest.raises(HeaderError) as info:
        parse_preprocessed(text, abi_mode=True, source="the Go package example.com/d")
    message = str(info.value)
    assert "none of the Go exports can be bound" in message
    assert "the Go package example.com/d" in message
    for name in complex_names:
        assert name in message
    assert "c-archive" in message  # how to fix it

    # API mode binds them.
    api = parse_preprocessed(text, abi_mode=False)
    assert {export.name for export in api.exports} == complex_names
    accepted_ffi(api)


def test_complex_inside_a_struct_is_skipped_in_abi_mode(tmp_path: Path) -> None:
    source = header_in_version("go1.27", "decorated").read_text(encoding="utf-8")
    addition = (
        # What cgo writes for `func Polar(x float64) (complex128, int)`.
        "struct Polar_return {\n\tGoComplex128 r0;\n\tGoInt r1;\n};\n"
        "extern struct Polar_return Polar(GoFloat64 x);\n"
        # A C struct holding a complex, by value: `func Mag(w C.Wrapped) float32`.
        "typedef struct { GoComplex64 z; } Wrapped;\n"
        "extern GoFloat32 Mag(Wrapped w);\n"
    )
    anchor = "extern GoInt32 Plain("
    assert anchor in source
    crafted = tmp_path / "decorated.h"
    crafted.write_text(source.replace(anchor, addition + anchor))
    text = preprocess(crafted, _compiler(), [f"-I{GOPKGS / 'decorated'}"], dict(os.environ))
    added = {"Polar", "Mag"}

    api = parse_preprocessed(text, abi_mode=False)
    assert added <= {export.name for export in api.exports}
    assert api.skipped == ()

    abi = parse_preprocessed(text, abi_mode=True)
    assert added <= {item.name for item in abi.skipped}
    assert not added & {export.name for export in abi.exports}
    assert "Plain" in {export.name for export in abi.exports}
    accepted_ffi(abi)


DECORATED_HEADERS = sorted(HEADERS.glob("*/decorated.h"))
DECORATED_IDS = [path.parent.name for path in DECORATED_HEADERS]


@pytest.mark.parametrize("header_file", DECORATED_HEADERS, ids=DECORATED_IDS)
def test_packed_struct_is_warned_about_or_left_to_the_compiler(header_file: Path) -> None:
    # The preamble asserts the packed size, so cffi's ABI mode (which lays structs out itself,
    # without attributes) cannot be silently trusted with it.
    asserted = re.search(r"_Static_assert\(sizeof\((\w+)\) == (\d+)", go_preamble("decorated"))
    assert asserted
    name, size = asserted.group(1), int(asserted.group(2))

    abi = parsed(header_file, True)
    ffi = accepted_ffi(abi)
    warned = [warning for warning in abi.warnings if re.search(rf"\b{name}\b", warning)]
    assert ffi.sizeof(name) == size or len(warned) == 1
    for warning in warned:
        assert "c-archive" in warning  # how to fix it

    api = parsed(header_file, False)
    assert name in partial_types(api.cdef)  # cffi will ask the C compiler for the layout
    assert api.warnings == ()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("header_file", DECORATED_HEADERS, ids=DECORATED_IDS)
def test_layout_attributes_are_detected_per_struct(header_file: Path, mode: str) -> None:
    expected = preamble_layout_structs("decorated")
    assert expected  # PackedPair, AlignedPair
    result = parsed(header_file, MODES[mode])
    struct_names = set(re.findall(r"\}\s*(\w+);", result.cdef))
    assert expected <= struct_names
    if MODES[mode]:
        warned = {
            name
            for name in struct_names
            if any(re.search(rf"\b{name}\b", warning) for warning in result.warnings)
        }
        assert warned == expected
    else:
        assert partial_types(result.cdef) == expected


def test_preprocess_failure_names_the_missing_file(tmp_path: Path) -> None:
    header_file = tmp_path / "libbad.h"
    header_file.write_text('#include "no_such_header_here.h"\nextern int F(int x);\n')
    with pytest.raises(HeaderError) as info:
        preprocess(header_file, _compiler(), [f"-I{tmp_path}"], dict(os.environ))
    message = str(info.value)
    assert "libbad.h" in message
    assert "no_such_header_here.h" in message  # the compiler's own message
    assert "#include" in message and "CFLAGS" in message  # the hint


def test_preprocess_failure_without_compiler(tmp_path: Path) -> None:
    header_file = header_in_version("go1.27", "multifile")
    missing = str(tmp_path / "no-such-cc")
    with pytest.raises(HeaderError, match="no-such-cc"):
        preprocess(header_file, [missing], [], dict(os.environ))


def test_preprocess_needs_the_package_include_dir() -> None:
    # kitchen's preamble includes "shapes.h" from the package directory.
    header_file = header_in_version("go1.27", "kitchen")
    with pytest.raises(HeaderError, match=r"shapes\.h"):
        preprocess(header_file, _compiler(), [], dict(os.environ))


# -- synthetic preprocessed text with GCC line markers ------------------------------------------

SYNTHETIC = """\
# 0 "/tmp/pkg/libfake.h"
# 0 "<built-in>"
#define __STDC__ 1
#define __BUILTIN_NUMBER 77
# 0 "<command-line>"
# 1 "/usr/include/stdc-predef.h" 1 3 4
#define __STDC_IEC_559__ 1
# 0 "<command-line>" 2
# 1 "/tmp/pkg/libfake.h"
# 1 "cgo-builtin-export-prolog"
# 1 "/usr/include/x86_64-linux-gnu/bits/types.h" 1 3 4
#define SYSTEM_NUMBER 5
typedef long int __time_t;
typedef __time_t time_t;
typedef struct { int __val[2]; } __fsid_t;
extern int system_function(int) __attribute__ ((__nothrow__ , __leaf__));
struct system_struct { int member; };
# 3 "cgo-builtin-export-prolog" 2
typedef struct { const char *p; ptrdiff_t n; } _GoString_;
extern size_t _GoStringLen(_GoString_ s);
# 4 "fake.go"
#define FAKE_LIMIT 7
#define FAKE_NAME "fake"
typedef struct __attribute__((packed)) { int a; } Packed;
typedef int caf\u00e9_t;
int user_prototype(int x);
typedef int not valid here;
__extension__ typedef long long fake_ll;
_Static_assert(sizeof(int) == 4, "int is 32 bits");
static inline int helper(int *__restrict p) { return ({ int y = *p; if (y) { y *= 2; } y; }); }
static inline __attribute__((always_inline)) int other(void) { return 1; }
# 1 "./local.h" 1
typedef struct { double w; } Local;
int local_prototype(void);
# 20 "fake.go" 2
typedef enum { FAKE_A = 1, FAKE_B = 2 } FakeEnum;
# 1 "cgo-generated-wrapper"

# 1 "cgo-gcc-export-header-prolog"
typedef long long GoInt64;
typedef char _check_for_64_bit_pointer_matching_GoInt[sizeof(void*)==64/8 ? 1:-1];
extern GoInt64 Use(Packed p, fake_ll x, time_t t, Local l, FakeEnum e);
extern int Renamed(int a) __asm__("Renamed_impl");
extern __declspec(dllexport) int Plain(int a);
"""


@pytest.fixture(scope="module")
def synthetic() -> Header:
    return parse_preprocessed(SYNTHETIC, abi_mode=True, source="synthetic")


def test_synthetic_exports(synthetic: Header) -> None:
    declared = re.findall(r"^# 1 \"cgo-gcc-export-header-prolog\"\n(.*)", SYNTHETIC, re.M | re.S)
    prototypes = declared[0].replace("__declspec(dllexport)", "")
    expected = re.findall(r"^extern\s[^(]*?\b(\w+)\(", prototypes, re.MULTILINE)
    assert len(expected) == 3
    assert [export.name for export in synthetic.exports] == expected
    assert list(cdef_prototypes(synthetic.cdef)) == expected
    use = synthetic.exports[0]
    assert [param.name for param in use.params] == ["p", "x", "t", "l", "e"]
    accepted_ffi(synthetic)


def test_synthetic_non_ascii_declaration_is_skipped_with_a_warning(synthetic: Header) -> None:
    warned = [warning for warning in synthetic.warnings if "caf\u00e9_t" in warning]
    assert len(warned) == 1
    assert "non-ASCII" in warned[0]
    assert "caf\u00e9" not in synthetic.cdef


def test_synthetic_unparsable_declaration_is_skipped_and_the_rest_survives(
    synthetic: Header,
) -> None:
    warned = [warning for warning in synthetic.warnings if "not valid here" in warning]
    assert len(warned) == 1
    assert "pycparser" in warned[0]
    assert "not valid here" not in synthetic.cdef
    assert sum("pycparser" in warning for warning in synthetic.warnings) == 1
    # Declarations on both sides of the bad one are kept.
    ffi = accepted_ffi(synthetic)
    assert ffi.typeof("Packed").kind == "struct"
    assert ffi.typeof("fake_ll").kind == "primitive"
    assert ffi.typeof("FakeEnum").kind == "enum"


def test_synthetic_decorations_are_stripped(synthetic: Header) -> None:
    for word in (
        "__attribute__",
        "__asm__",
        "__extension__",
        "__restrict",
        "_Static_assert",
        "__declspec",
        "always_inline",
        "Renamed_impl",
        "helper",
        "other",
        "({",
        "_check_for_",
    ):
        assert word not in synthetic.cdef, word
    assert {"Renamed", "Plain"} <= {export.name for export in synthetic.exports}
    # The packed struct is reported in ABI mode; the structs of other blocks are not.
    assert any(re.search(r"\bPacked\b", warning) for warning in synthetic.warnings)
    for name in ("Local", "FakeEnum", "_GoString_"):
        assert not any(re.search(rf"\b{name}\b", warning) for warning in synthetic.warnings)


def test_synthetic_system_lines_are_dropped(synthetic: Header) -> None:
    for name in ("system_function", "system_struct", "__fsid_t", "SYSTEM_NUMBER", "__time_t"):
        assert name not in synthetic.cdef, name
    # ... but they still resolve the system typedef chain.
    assert "typedef long int time_t;" in synthetic.cdef.splitlines()


def test_synthetic_builtin_defines_are_dropped_and_preamble_ones_kept(synthetic: Header) -> None:
    lib = accepted_ffi(synthetic).dlopen(None)
    assert getattr(lib, "FAKE_LIMIT") == 7  # noqa: B009 - cffi.Lib is untyped
    for name in ("__STDC__", "__BUILTIN_NUMBER", "__STDC_IEC_559__", "FAKE_NAME"):
        assert name not in synthetic.cdef


def test_synthetic_user_prototypes_are_not_exports(synthetic: Header) -> None:
    names = {export.name for export in synthetic.exports}
    for name in ("user_prototype", "local_prototype", "_GoStringLen", "helper"):
        assert name not in names
        assert name not in synthetic.cdef
    # The local header's (flag 1, not system) typedef is kept.
    assert accepted_ffi(synthetic).typeof("Local").kind == "struct"


def test_synthetic_marker_mid_declaration() -> None:
    # GCC re-syncs line numbers with a marker instead of many blank lines, even inside a struct.
    text = (
        '# 1 "x.go"\n'
        "typedef struct {\n    int a;\n"
        '# 17 "x.go"\n'
        "    int b;\n} Config;\n"
        '# 1 "cgo-gcc-export-header-prolog"\n'
        "extern int UseConfig(Config c);\n"
    )
    result = parse_preprocessed(text, abi_mode=True)
    assert result.warnings == ()
    assert [name for name, _ in accepted_ffi(result).typeof("Config").fields] == ["a", "b"]


def test_synthetic_prototypes_only_in_user_files_mean_no_exports() -> None:
    text = '# 1 "x.go"\nint f(int x);\ntypedef int T;\n# 1 "cgo-generated-wrapper"\n\n'
    with pytest.raises(HeaderError, match="//export"):
        parse_preprocessed(text, abi_mode=False)
