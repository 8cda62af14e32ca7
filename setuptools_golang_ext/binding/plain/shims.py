"""The Go side of an ordinary package's bindings: one C-callable shim per bound function.

The shims go into a package of the user's Go module whose directory is on disk (cgo runs
there), through ``go build -overlay``: the bound package itself, or, when it is elsewhere (a
``go.mod`` dependency), the package in the extension's ``path``. Each shim converts C arguments
to the function's Go types (each argument's conversion, in :mod:`.conversions`, gives its Go
side; pickled ones are decoded with the codec), calls the function, reports
an error result or a conversion failure, and returns a number directly or everything else as
one pickle stream in C memory. The fixed support code is a real Go file
(``go/shim/support.go``); the codec is the package ``go/codec``, added to the user's module
under :data:`CODEC_DIRECTORY`. Everything here but :func:`codec_files` is pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from setuptools_golang_ext import runtime
from setuptools_golang_ext.binding.plain.conversions import argument_conversion, result_conversion
from setuptools_golang_ext.binding.plain.conversions.base import go_lookup, reported
from setuptools_golang_ext.binding.plain.conversions.implemented import PYTHON_ADAPTER, io_method
from setuptools_golang_ext.binding.plain.plan import PackagePlan, PlainFunction, PlainStruct
from setuptools_golang_ext.names import (
    CODEC_DIRECTORY,
    INTERNAL_PREFIX,
    PACKAGE_EXPORT_MARK,
    PACKAGE_EXPORTS,
    package_export,
)
from setuptools_golang_ext.stages.introspect import GoAPIFunction, GoType

TEMPLATE_CODEC_IMPORT = "setuptools_golang_ext/codec"
BOUND_ALIAS = "bound"

_PATH_MARK = re.compile("\x01([^\x02]*)\x02\\.")
_PACKAGE_CLAUSE = re.compile(r"^package \w+$", re.M)


def codec_files(module_dir: Path) -> dict[Path, str]:
    """The codec package's files, to add to the user's module at :data:`CODEC_DIRECTORY`."""
    directory = runtime.DIRECTORY / "go" / "codec"
    return {
        module_dir / CODEC_DIRECTORY / path.name: path.read_bytes().decode("utf-8")
        for path in sorted(directory.glob("*.go"))
        if not path.name.endswith("_test.go")
    }


_SUPPORT_FILE = "go/shim/support.go"
# The packages the shims' generator may import (_Imports.standard), under their own names.
_SHIM_IMPORTS = frozenset({"codec", "errors", "reflect", "strconv", "strings", "unsafe"})
_IMPORT_LINE = re.compile(r'^\t(?:(\w+) )?"([\w./]+)"$', re.M)


def import_clashes(scope: Iterable[str]) -> list[str]:
    """The package-level names of a package (*scope*) that the shims and support files added
    to it also import a package under (``var hex = ...`` against ``encoding/hex``): Go refuses
    both in one package."""
    block = runtime.read(_SUPPORT_FILE).split("import (", 1)[1].split(")", 1)[0]
    imported = {alias or path.rsplit("/", 1)[-1] for alias, path in _IMPORT_LINE.findall(block)}
    return sorted(set(scope) & (imported | _SHIM_IMPORTS))


def support_source(package_name: str, module_path: str, python_module: str) -> str:
    """``go/shim/support.go`` for the shims' package, which serves *python_module*."""
    text = _PACKAGE_CLAUSE.sub(f"package {package_name}", runtime.read(_SUPPORT_FILE), 1)
    for what in PACKAGE_EXPORTS:
        text = text.replace(
            package_export(what, PACKAGE_EXPORT_MARK), package_export(what, python_module)
        )
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
    imports = _Imports(plan.api.import_path, same_package, plan.api.scope if same_package else ())
    registrations = [_register(struct, python_module, imports) for struct in plan.structs]
    registrations += _register_objects(plan, python_module, imports)
    body = ["", *_sentinels(plan, imports), "", *_error_types(plan.structs, imports)]
    body += _python_adapters(plan, imports)
    for function in plan.callables:
        body += ["", *_shim(function, imports)]
    return runtime.template("go/shim/shims.go.tmpl").substitute(
        import_path=plan.api.import_path,
        package=package_name,
        imports="\n".join(imports.render(module_path)),  # after the body: it adds imports
        python_module=python_module,
        registrations="".join(f"\n\t{line}" for line in registrations),
        body="\n".join(["", *body]),
    )


def _error_types(structs: Sequence[PlainStruct], imports: _Imports) -> list[str]:
    """The package's error types, which a returned error is matched against (errors.As)."""
    table = f"var {INTERNAL_PREFIX}error_types = []{INTERNAL_PREFIX}error_type{{"
    entries = []
    for struct in structs:
        if not struct.error:
            continue
        imports.standard.add("errors")
        go_type = imports.function(struct.go_name)
        pointer = struct.error == "pointer"
        target = f"var target {'*' if pointer else ''}{go_type}"
        found = "ok && target != nil" if pointer else "ok"
        value = "*target" if pointer else "target"
        entries += [
            f'\t{{"{struct.name}", func(err error) (interface{{}}, bool) {{',
            f"\t\t{target}",
            "\t\tok := errors.As(err, &target)",
            f"\t\tif !({found}) {{",
            "\t\t\treturn nil, false",
            "\t\t}",
            f"\t\treturn {value}, true",
            f"\t}}, {'true' if struct.methods else 'false'}}},",
        ]
    if not entries:
        return ["// The package has no error types.", table + "}"]
    return [
        "// The package's error types: the Python exceptions of errors matching them.",
        table,
        *entries,
        "}",
    ]


def _python_adapters(plan: PackagePlan, imports: _Imports) -> list[str]:
    """For each interface of the package a Python object may implement, the Go type Go gets
    for one: each method calls the object's through its callable (a Python exception is the
    error result, where the method has one)."""
    lines = []
    for item in plan.objects:
        if not item.interface or item.python_refusal:
            continue
        interface = next(i for i in plan.api.interfaces if i.name == item.go_name)
        adapter = PYTHON_ADAPTER + interface.name
        lines += [
            "",
            f"// {adapter} is a {interface.name} that a Python object implements.",
            f"type {adapter} struct{{ callable *codec.Callable }}",
        ]
        for method in interface.methods:
            lines += ["", *_adapter_method(adapter, method, imports)]
    return lines


def _adapter_method(adapter: str, method: GoAPIFunction, imports: _Imports) -> list[str]:
    """A method of *adapter*: the Python object's method of the same name, called with the
    arguments, its result decoded into ``r0``."""
    params = [f"c{index} {imports.spell(param.type)}" for index, param in enumerate(method.params)]
    returns_error = bool(method.results) and method.results[-1].type.kind == "error"
    values = method.results[:-1] if returns_error else method.results
    results = [f"r0 {imports.spell(values[0].type)}"] if values else []
    results += ["err error"] if returns_error else []
    args = "".join(f", c{index}" for index in range(len(method.params)))
    target = "&r0" if values else "nil"
    call = (
        f'{INTERNAL_PREFIX}callback(o.callable, []interface{{}}{{"{method.name}"{args}}}, {target})'
    )
    signature = f"func (o {adapter}) {method.name}({', '.join(params)})"
    if results:
        signature += f" ({', '.join(results)})"
    body = [f"\terr = {call}" if returns_error else f"\t{call}"]
    file_method = io_method(method)
    if file_method:  # the Python file's: Go's buffer is filled, Write's all written
        python = f"{INTERNAL_PREFIX}python_call(o.callable)"
        body = [
            f"\terr = codec.PythonClose({python})"
            if file_method == "close"
            else f"\tr0, err = codec.Python{method.name}({python}, c0)"
        ]
    return [f"{signature} {{", *body, *(["\treturn"] if results else []), "}"]


class _Imports:
    """The packages the shims name, with an alias each."""

    def __init__(self, bound: str, same_package: bool, scope: Iterable[str] = ()) -> None:
        self.bound = bound
        self.same_package = same_package
        self.scope = frozenset(scope)  # the package's own names, which no import may take
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
            taken = {*self.aliases.values(), *self.standard, *self.scope, BOUND_ALIAS, "codec", "C"}
            alias = (
                last if last.isidentifier() and last not in taken else f"import{len(self.aliases)}"
            )
            self.aliases[path] = alias
        return self.aliases[path] + "."

    def function(self, name: str) -> str:
        return name if self.same_package else self.qualifier(self.bound) + name

    def render(self, module_path: str) -> list[str]:
        lines = [f'\t"{path}"' for path in sorted(self.standard)]
        lines.append("")
        lines.append(f'\tcodec "{module_path}/{CODEC_DIRECTORY}"')
        return [*lines, *(f'\t{alias} "{path}"' for path, alias in sorted(self.aliases.items()))]


def _register(struct: PlainStruct, python_module: str, imports: _Imports) -> str:
    """The codec's registration of *struct* as its Python class (which may be renamed)."""
    self_type = f"(*{imports.function(struct.go_name)})(nil)"
    names = ", ".join(f'"{name}"' for name in struct.registered)
    imports.standard.add("reflect")
    return (
        f'codec.Register(reflect.TypeOf({self_type}).Elem(), "{python_module}", '
        f'"{struct.name}", []string{{{names}}})'
    )


def _register_objects(plan: PackagePlan, python_module: str, imports: _Imports) -> list[str]:
    """The codec's registrations of the types whose values cross inside values as handles:
    the package's Go objects (``*T``, and ``T`` with it) and interfaces, and the opaque
    values (their Python classes' instances)."""
    types = []
    for item in plan.objects:  # *T: its registration covers T; an interface: its own type
        pointer = f"reflect.TypeOf((*{imports.function(item.go_name)})(nil))"
        types.append((pointer + ".Elem()" if item.interface else pointer, item.name))
    for opaque in plan.opaques:
        if opaque.type is not None:
            spelled = imports.spell(opaque.type)
            types.append((f"reflect.TypeOf((*{spelled})(nil)).Elem()", opaque.name))
    if types:
        imports.standard.add("reflect")
    return [
        f'codec.RegisterObject({expression}, "{python_module}", "{name}")'
        for expression, name in types
    ]


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


def _shim(function: PlainFunction, imports: _Imports) -> list[str]:
    params, arguments = [], []
    # What the arguments' conversions do before anything can return (take the callables).
    prepare = [
        line
        for index, argument in enumerate(function.arguments)
        for line in argument_conversion(argument.way).go_first(argument, index)
    ]
    if function.takes_handle:  # the object's handle comes first
        params.append("self uint64")
        pointer = "" if function.interface_receiver else "*"
        receiver = pointer + imports.function(function.receiver)
        prepare += go_lookup("recv", "self", receiver, f"this {function.receiver}", nullable=False)
    if function.context_handle:
        params.append("ctx uint64")
        arguments.append("codec.ContextOf(ctx)")
    elif function.context:  # canceled when the call returns, or by Ctrl-C through the token
        params += ["timeout float64", "token uint64"]
        prepare += ["ctx, release := codec.CallContext(timeout, token)", "defer release()"]
        arguments.append("ctx")
    for index, argument in enumerate(function.arguments):
        conversion = argument_conversion(argument.way)
        params.append(f"p{index} {conversion.go_parameter(argument)}")
        prepare += conversion.go_prepare(argument, index, imports)
        arguments.append(conversion.go_argument(argument, index, imports))
    results = [f"r{index}" for index in range(len(function.results))]
    if function.returns_error:
        results.append("err")
    if function.variadic:
        arguments[-1] += "..."
    body = [*prepare, *_call(function, arguments, results, imports)]
    for index, argument in enumerate(function.arguments):
        if function.member != "set":  # a field keeps the setter's argument: no write-back
            body += argument_conversion(argument.way).go_after(argument, index)
    if function.returns_error:
        body += reported("err != nil", f"{INTERNAL_PREFIX}error(err)")
    result = result_conversion(function.result_way)
    body += result.go_return(function, imports)
    shim = runtime.template("go/shim/shim.go.tmpl").substitute(
        shim=function.shim,
        params=", ".join(params),
        results=result.go_results(function),
        qualified=function.qualified,
        body="\n".join(f"\t{line}" if line else "" for line in body),
    )
    return shim.rstrip("\n").split("\n")


def _call(
    function: PlainFunction, arguments: list[str], results: list[str], imports: _Imports
) -> list[str]:
    member = function.member
    if member in ("get", "set"):
        return _field_access(function, arguments, imports)
    if member == "new":
        return [f"r0 := new({imports.function(function.receiver)})"]
    if member in ("value", "static"):  # on the copy of the receiver (the first argument)
        receiver, arguments = arguments[0], arguments[1:]
        receiver = receiver if receiver.isidentifier() else f"({receiver})"
        callee = f"{receiver}.{function.go_name}"
    else:
        callee = (
            f"recv.{function.go_name}" if member == "method" else imports.function(function.go_name)
        )
    if function.instance is not None:  # Map[string, int]
        type_args = ", ".join(imports.spell(arg) for arg in function.instance.type_args)
        callee = f"{imports.function(function.instance.generic)}[{type_args}]"
    call = f"{callee}({', '.join(arguments)})"
    return [f"{', '.join(results)} := {call}" if results else call]


def _field_access(function: PlainFunction, arguments: list[str], imports: _Imports) -> list[str]:
    """A field getter's or setter's copy of the field, under the object's field lock: threads
    reading and writing it at once see whole values (readers share the lock)."""
    imports.standard.add("unsafe")
    field = f"recv.{function.go_name}"
    lock = "lock := codec.FieldLock(unsafe.Pointer(recv))"
    if function.member == "get":
        return [lock, "lock.RLock()", f"r0 := {field}", "lock.RUnlock()"]
    # A slice argument is already Go's own copy (the conversion's go_prepare): the field keeps it.
    return [lock, "lock.Lock()", f"{field} = {arguments[0]}", "lock.Unlock()"]
