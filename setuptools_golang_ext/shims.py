"""The Go side of an ordinary package's bindings: one C-callable shim per bound function.

The shims go into a package of the user's Go module whose directory is on disk (cgo runs
there), through ``go build -overlay``: the bound package itself, or, when it is elsewhere (a
``go.mod`` dependency), the package in the extension's ``path``. Each shim converts C arguments
to the function's Go types (decoding pickled ones with the codec), calls the function, reports
an error result or a conversion failure, and returns a number directly or everything else as
one pickle stream in C memory. The fixed support code is a real Go file
(``go/shim/support.go``); the codec is the package ``go/codec``, added to the user's module
under :data:`CODEC_DIRECTORY`. Everything here but :func:`read_template` is pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from .introspect import GoType
from .names import (
    CODEC_DIRECTORY,
    GENERATED_GO,
    INTERNAL_PREFIX,
)
from .plan import PackagePlan, PlainArgument, PlainFunction

TEMPLATES = Path(__file__).parent / "go"
TEMPLATE_CODEC_IMPORT = "setuptools_golang_ext/codec"
BOUND_ALIAS = "bound"

_PATH_MARK = re.compile("\x01([^\x02]*)\x02\\.")
_PACKAGE_CLAUSE = re.compile(r"^package \w+$", re.M)


def read_template(relative: str) -> str:
    return (TEMPLATES / relative).read_bytes().decode("utf-8")


def codec_files(module_dir: Path) -> dict[Path, str]:
    """The codec package's files, to add to the user's module at :data:`CODEC_DIRECTORY`."""
    directory = TEMPLATES / "codec"
    return {
        module_dir / CODEC_DIRECTORY / path.name: path.read_bytes().decode("utf-8")
        for path in sorted(directory.glob("*.go"))
        if not path.name.endswith("_test.go")
    }


def support_source(package_name: str, module_path: str) -> str:
    """``go/shim/support.go`` for the shims' package."""
    text = _PACKAGE_CLAUSE.sub(f"package {package_name}", read_template("shim/support.go"), 1)
    return text.replace(f'"{TEMPLATE_CODEC_IMPORT}"', f'"{module_path}/{CODEC_DIRECTORY}"')


def shim_source(
    plan: PackagePlan,
    *,
    package_name: str,
    same_package: bool,
    module_path: str,
    python_module: str,
) -> str:
    """The shims of *plan*'s functions, in package *package_name* (the bound package itself
    when *same_package*), registering its struct types as classes of *python_module*."""
    imports = _Imports(plan.api.import_path, same_package)
    registrations = [
        _register(struct.go_name, struct.fields, python_module, imports) for struct in plan.structs
    ]
    shims = [_shim(function, imports) for function in plan.functions]
    lines = [
        GENERATED_GO,
        "",
        f"// Shims that make the Go package {plan.api.import_path} callable from C, for Python.",
        "",
        f"package {package_name}",
        "",
        'import "C"',
        "",
        *imports.render(module_path),
    ]
    if registrations:
        lines += ["", "func init() {", *(f"\t{line}" for line in registrations), "}"]
    lines += ["", *_sentinels(plan, imports)]
    for shim in shims:
        lines += ["", *shim]
    return "\n".join(lines) + "\n"


class _Imports:
    """The packages the shims name, with an alias each."""

    def __init__(self, bound: str, same_package: bool) -> None:
        self.bound = bound
        self.same_package = same_package
        self.aliases: dict[str, str] = {}
        self.standard: set[str] = set()

    def spell(self, go_type: GoType) -> str:
        """*go_type* as the shims' package names it."""
        return _PATH_MARK.sub(lambda match: self.qualifier(match.group(1)), go_type.spell)

    def qualifier(self, path: str) -> str:
        if path == self.bound:
            if self.same_package:
                return ""
            self.aliases[path] = BOUND_ALIAS
            return BOUND_ALIAS + "."
        if path not in self.aliases:
            last = re.sub(r"\W", "_", path.rsplit("/", 1)[-1])
            taken = {*self.aliases.values(), *self.standard, BOUND_ALIAS, "codec", "C"}
            alias = (
                last if last.isidentifier() and last not in taken else f"import{len(self.aliases)}"
            )
            self.aliases[path] = alias
        return self.aliases[path] + "."

    def function(self, name: str) -> str:
        return name if self.same_package else self.qualifier(self.bound) + name

    def render(self, module_path: str) -> list[str]:
        lines = ["import ("]
        lines += [f'\t"{path}"' for path in sorted(self.standard)]
        lines.append("")
        lines.append(f'\tcodec "{module_path}/{CODEC_DIRECTORY}"')
        lines += [f'\t{alias} "{path}"' for path, alias in sorted(self.aliases.items())]
        return [*lines, ")", "", "var _ = codec.Encode // every shim file uses the codec"]


def _register(
    go_name: str, fields: Sequence[tuple[str, object]], python_module: str, imports: _Imports
) -> str:
    self_type = f"(*{imports.function(go_name)})(nil)"
    names = ", ".join(f'"{name}"' for name, _ in fields)
    imports.standard.add("reflect")
    return (
        f'codec.Register(reflect.TypeOf({self_type}).Elem(), "{python_module}", '
        f'"{go_name}", []string{{{names}}})'
    )


def _sentinels(plan: PackagePlan, imports: _Imports) -> list[str]:
    """The package's sentinel errors, which a returned error is matched against (errors.Is)."""
    table = f"var {INTERNAL_PREFIX}sentinels = []{INTERNAL_PREFIX}sentinel{{"
    entries = [f'\t{{"{item.name}", {imports.function(item.go_name)}}},' for item in plan.errors]
    if not entries:
        return ["// The package has no sentinel errors.", table + "}"]
    return [
        "// The package's sentinel errors: the Python exceptions of errors matching them.",
        table,
        *entries,
        "}",
    ]


# The Go type of a direct argument or result in the shim's signature, by kind.
_DIRECT_TYPES: Mapping[str, str] = {"bool": "bool", "string": "string", "bytes": "[]byte"}


def _shim(function: PlainFunction, imports: _Imports) -> list[str]:
    params, prepare, arguments = [], [], []
    for index, argument in enumerate(function.arguments):
        param = f"p{index}"
        params.append(f"{param} {_c_facing_type(argument)}")
        go_type = imports.spell(argument.type)
        if argument.way == "pickle":
            prepare += [
                f"var a{index} {go_type}",
                f'if !{INTERNAL_PREFIX}decode({param}, &a{index}, "{argument.name}") {{',
                f"\tstate = {INTERNAL_PREFIX}reported",
                "\treturn",
                "}",
            ]
            arguments.append(f"a{index}")
        elif argument.way == "string":
            imports.standard.add("strings")  # Go may keep it: never alias Python's memory
            cloned = f"strings.Clone({param})"
            arguments.append(cloned if go_type == "string" else f"{go_type}({cloned})")
        elif go_type == _c_facing_type(argument):
            arguments.append(param)
        else:
            arguments.append(f"{go_type}({param})")
    results = [f"r{index}" for index in range(len(function.results))]
    if function.returns_error:
        results.append("err")
    if function.variadic:
        arguments[-1] += "..."
    call = f"{imports.function(function.go_name)}({', '.join(arguments)})"
    body = [*prepare, f"{', '.join(results)} := {call}" if results else call]
    if function.returns_error:
        body += [
            "if err != nil {",
            f"\t{INTERNAL_PREFIX}error(err)",
            f"\tstate = {INTERNAL_PREFIX}reported",
            "\treturn",
            "}",
        ]
    body += _return(function)
    signature = f"func {function.shim}({', '.join(params)}){_shim_results(function)}"
    defer = f'defer func() {{ {INTERNAL_PREFIX}done("{function.go_name}", recover(), state) }}()'
    return [
        f"//export {function.shim}",
        f"{signature} {{",
        f"\tstate := {INTERNAL_PREFIX}running",
        f"\t{defer}",
        *(f"\t{line}" if line else "" for line in body),
        "}",
    ]


def _c_facing_type(argument: PlainArgument) -> str:
    kind = argument.type.kind
    if argument.way == "number":
        return kind
    if argument.way == "slice":
        assert argument.type.elem is not None
        return f"[]{argument.type.elem.kind}"
    if argument.way == "pickle":
        return "[]byte"
    return _DIRECT_TYPES[kind]


def _shim_results(function: PlainFunction) -> str:
    if function.result_way == "none":
        return ""
    if function.result_way in ("pickle", "string"):
        return " (data *C.char, size int)"
    return f" (r {function.results[0].type.kind})"


def _return(function: PlainFunction) -> list[str]:
    if function.result_way == "none":
        return [f"state = {INTERNAL_PREFIX}returned"]
    if function.result_way in ("number", "bool"):
        return [f"state = {INTERNAL_PREFIX}returned", f"return {function.results[0].type.kind}(r0)"]
    if function.result_way == "string":  # C.CString copies every byte, NULs too
        return [f"state = {INTERNAL_PREFIX}returned", "return C.CString(string(r0)), len(r0)"]
    values = [f"r{index}" for index in range(len(function.results))]
    value = values[0] if len(values) == 1 else f"[]interface{{}}{{{', '.join(values)}}}"
    return [
        "var ok bool",
        f"if data, size, ok = {INTERNAL_PREFIX}encode({value}); !ok {{",
        f"\tstate = {INTERNAL_PREFIX}reported",
        "\treturn",
        "}",
        f"state = {INTERNAL_PREFIX}returned",
        "return",
    ]
