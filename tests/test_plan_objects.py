"""Planning and generating Go objects, iterators, contexts and error types (pure: the -api report
of tests/data/gopkgs/objects is tests/data/api/objects.json); the Go it makes is vetted."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from conftest import DATA, check_generated_go, run

from setuptools_golang_ext import names
from setuptools_golang_ext.binding import codegen, needs
from setuptools_golang_ext.binding.plain import plan, pymodule, shims
from setuptools_golang_ext.frontends.extension import GoExtension
from setuptools_golang_ext.stages import introspect
from setuptools_golang_ext.stages.header import Header

MODULE = "fixture_pkg._native"
RUNTIME = "fixture_pkg._go_runtime"


@cache
def objects_api() -> introspect.GoAPI:
    return introspect.parse_api_report((DATA / "api" / "objects.json").read_text())


@cache
def objects_plan() -> plan.PackagePlan:
    return plan.plan_package(objects_api())


def bound(name: str) -> plan.PlainObject:
    return next(item for item in objects_plan().objects if item.go_name == name)


def function(name: str) -> plan.PlainFunction:
    return next(item for item in objects_plan().functions if item.go_name == name)


def test_struct_types_whose_pointer_has_methods_are_objects() -> None:
    objects = ["Shape", "Counter", "Bag", "Square", "Box", "Conn"]
    assert [item.name for item in objects_plan().objects] == objects
    data = {struct.name: struct.error for struct in objects_plan().structs}
    assert data == {"ParseError": "pointer", "CodeError": "value"}  # error types: exceptions
    counter = bound("Counter")
    assert [method.name for method in counter.methods] == [
        "Add",
        "Value",
        "String",
        "Len",
        "Close",
        "Upto",
        "Self",
        "Crash",
    ]
    assert all(method.receiver == "Counter" for method in counter.methods)
    assert counter.methods[2].go_signature == "func (Counter) String() string"
    assert counter.methods[0].go_signature == "func (*Counter) Add(n int) int"
    assert counter.protocols == plan.Protocols(string="String", length="Len", closes=True)
    assert bound("Bag").protocols == plan.Protocols(length="Len")


def test_interfaces_are_classes_their_implementers_subclass() -> None:
    shape = bound("Shape")
    assert shape.interface and shape.implementers == ("Square",) and not shape.properties
    assert [method.go_signature for method in shape.methods] == [
        "func (Shape) Area() float64",
        "func (Shape) Name() string",
    ]
    assert all(method.interface_receiver for method in shape.methods)
    assert bound("Square").bases == ("Shape",) and bound("Counter").bases == ()
    circle = function("Circle")
    assert circle.returns_interface and circle.implementers == ("Square",)
    assert circle.annotation == "Shape"  # an interface result of the package: never nil
    # Python objects with its methods too (a Protocol of the stub's)
    assert function("Describe").arguments[0].annotation == "Shape | _ShapeMethods | None"
    text = shim_text()
    assert "recv, okrecv := codec.Value(self).(Shape)" in text
    assert "switch r0.(type) {\n\tcase *Square:\n\t\tclass = 1\n\t}" in text
    assert "return codec.Keep(r0), class" in text
    module = module_text()
    assert "    return _object((Shape, Square)[_result.r1], _result.r0)" in module
    assert '    return _iterate(_result, "Count", "n")' in module  # ints: raw batches
    assert '    return _iterate(_result, "Words", "pairs")' in module
    assert '    return _iterate(_result, "Explode", "")' in module  # strings: pickled
    assert '    return _iterate(_result, "Ticks", "n", _context)' in module
    assert "class Square(Shape):" in module and "class Shape(_GoObject):" in module


@pytest.mark.parametrize(("maxsize", "width"), [(2**63 - 1, 8), (2**31 - 1, 4)])
def test_raw_batches_of_go_ints_are_read_as_wide_as_a_pointer(maxsize: int, width: int) -> None:
    """Go's int and uint are 4 bytes on the 32-bit targets (i686, armv7l, win32): the module
    reads raw batches of them with array's code of the pointer width, not 8-byte "q"."""
    code = (
        f"import sys; sys.maxsize = {maxsize}\n"
        "from array import array\n"
        # The template's names from the runtime module, which a generated module imports.
        "import builtins; from setuptools_golang_ext.runtime.runtime_support import GoIterator\n"
        "from setuptools_golang_ext.runtime.runtime_support import _GoFile, _GoObject\n"
        "builtins.GoIterator, builtins._GoFile, builtins._GoObject = GoIterator, _GoFile, _GoObject\n"
        "from setuptools_golang_ext.runtime import module_support as m\n"
        "print([array(m._POINTER_WIDE_CODES[code]).itemsize for code in 'nN'])\n"
    )
    assert run([sys.executable, "-c", code]).stdout.strip() == f"[{width}, {width}]"


def test_exported_fields_are_properties_with_their_conversions() -> None:
    properties = {prop.name: prop for prop in bound("Counter").properties}
    assert list(properties) == ["Name", "Step", "Tags", "Peer"]
    assert properties["Name"].getter.annotation == "str"
    assert properties["Name"].setter.arguments[0].annotation == "str | bytes"
    assert properties["Tags"].setter.arguments[0].way == "pickle"
    peer = properties["Peer"]
    assert peer.getter.result_way == "object" and peer.getter.annotation == "Counter | None"
    assert peer.setter.arguments[0].way == "object"
    prefix = names.shim_prefix(objects_api().import_path)
    assert peer.getter.shim == f"{prefix}Counter_get_Peer"


def test_a_constructor_is_new_t_else_the_zero_value() -> None:
    assert bound("Counter").constructor is function("NewCounter")
    zero = bound("Bag").constructor
    assert (zero.member, zero.result_way, zero.receiver) == ("new", "object", "Bag")
    assert zero in objects_plan().callables and function("NewCounter") in objects_plan().callables


def test_objects_cross_as_handles_also_inside_values_and_iterators() -> None:
    merge = function("Merge")
    assert [argument.way for argument in merge.arguments] == ["object", "object"]
    assert [argument.annotation for argument in merge.arguments] == ["Counter | None"] * 2
    assert function("Copy").arguments[0].annotation == "Counter"  # a value: never None
    assert function("Copy").annotation == "Counter"

    with_slice = objects_api().functions[0]
    slice_type = introspect.GoType("[]*Counter", "slice", elem=merge.arguments[0].type)
    changed = replace(with_slice, params=(introspect.GoField("all", slice_type),))
    planned = plan.plan_package(replace(objects_api(), functions=(changed,)))
    assert planned.skipped == ()
    [taking] = [item for item in planned.functions if item.go_name == "NewCounter"]
    assert taking.arguments[0].way == "held"  # its objects pickle as handles
    assert taking.arguments[0].annotation == "Sequence[Counter | None]"  # no mapping of fields
    seq = introspect.GoType("iter.Seq[*Counter]", "seq", elem=merge.arguments[0].type)
    iterated = replace(with_slice, params=(), results=(introspect.GoField("", seq),))
    planned = plan.plan_package(replace(objects_api(), functions=(iterated,)))
    assert planned.skipped == () and planned.functions[0].annotation == "GoIterator[Counter | None]"


def test_the_codec_registers_the_types_that_cross_as_handles() -> None:
    text = shim_text()
    assert (
        'codec.RegisterObject(reflect.TypeOf((*Counter)(nil)), "fixture_pkg._native", "Counter")'
        in text
    )
    shape = (
        'codec.RegisterObject(reflect.TypeOf((*Shape)(nil)).Elem(), "fixture_pkg._native", "Shape")'
    )
    assert shape in text


def test_contexts_are_made_by_the_binding_and_iterators_become_python_iterators() -> None:
    sleep = function("Sleep")
    assert sleep.context and [argument.name for argument in sleep.arguments] == ["seconds"]
    assert function("Count").annotation == "GoIterator[int]"
    assert function("Words").annotation == "GoIterator[tuple[int, str]]"
    ticks = function("Ticks")
    assert (ticks.context, ticks.result_way, ticks.iterator_kind) == (True, "iterator", "chan")
    assert (
        pymodule.signature(ticks)
    ) == "def Ticks(n: int, *, timeout: float | None = None) -> GoIterator[int]:"


def test_function_parameters_take_python_callables() -> None:
    each = function("Each")
    assert each.arguments[1].way == "callback"
    assert each.arguments[1].annotation == "Callable[[str, int], bool]"
    assert function("Keep").arguments[0].annotation == "Callable[[int], int]"
    text = shim_text()
    assert (
        "a1 := func(c0 string, c1 int) bool {\n\t\targs := []interface{}{c0, c1}\n"
        "\t\tvar r bool\n\t\t_setuptools_golang_ext_callback(f1, args, &r)\n\t\treturn r\n"
    ) in text
    # Go takes the callable first thing, before any path that returns early: Go owns it.
    prefix = names.shim_prefix(objects_api().import_path)
    each_shim = text.split(f"func {prefix}Each(")[1].split("\n}\n")[0]
    body = each_shim.split("\n")
    assert body[2].startswith("\tdefer func() {")
    assert body[3] == "\tf1 := _setuptools_golang_ext_take_callable(p1)"
    assert "if _setuptools_golang_ext_callback_failed(f1) {" in text
    module = module_text()
    # Registered last, inside the try whose finally ends every registration made.
    assert (
        '    _arg0 = _go_string(text, "Each() argument text")\n    _arg1 = 0\n    try:\n'
        '        _arg1 = _callback(visit, "Each() argument visit")\n        try:\n'
    ) in module
    assert "    finally:\n        _callback_done(_arg1)" in module


def test_callbacks_returning_several_values_are_skipped() -> None:
    error = introspect.GoType("error", "error")
    for results, reason in [
        ((error, error), "a callback returns one value or none, and then maybe an error"),
        (
            (basic("int"), basic("int")),
            "a callback returns one value or none, and then maybe an error",
        ),
    ]:
        callback = introspect.GoType("func() ...", "func", results=results)
        changed = replace(objects_api().functions[0], params=(introspect.GoField("f", callback),))
        planned = plan.plan_package(replace(objects_api(), functions=(changed,)))
        assert planned.skipped == (
            plan.Skipped("NewCounter", f"parameter f: func() ...: {reason}"),
        )


def basic(kind: str) -> introspect.GoType:
    return introspect.GoType(kind, kind, spell=kind)


def test_members_can_be_excluded_by_type_and_name() -> None:
    planned = plan.plan_package(objects_api(), exclude=["Counter.Crash", "Counter.Nope", "Bag"])
    counter = next(item for item in planned.objects if item.go_name == "Counter")
    assert "Crash" not in [method.go_name for method in counter.methods]
    assert [item.go_name for item in planned.objects] == [
        "Shape",
        "Counter",
        "Square",
        "Box",
        "Conn",
    ]
    assert planned.excluded == ("Counter.Nope",)


def shim_text() -> str:
    return shims.shim_source(
        objects_plan(),
        package_name="shelf",
        same_package=True,
        module_path="example.com/objects",
        python_module=MODULE,
    )


def test_shims_look_objects_up_by_handle_and_keep_results() -> None:
    text = shim_text()
    assert "recv, okrecv := codec.Value(self).(*Counter)" in text
    assert 'gone("this Counter")' in text
    assert "a1, oka1 := codec.Value(p1).(*Counter)\n\tif !oka1 && p1 != 0 {" in text  # nil: None
    assert "a0, oka0 := codec.Value(p0).(*Counter)\n\tif !oka0 {" in text  # Copy(c Counter)
    assert "return codec.Keep(&r0)" in text and "return codec.Keep(r0)" in text
    assert "r0 := new(Bag)" in text
    assert "ctx, release := codec.CallContext(timeout, token)\n\tdefer release()" in text
    assert "r0, err := Sleep(ctx, p0)" in text
    assert "batch := make([]int, 0, iterator.Size)" in text  # drain.go.tmpl, typed
    assert "[int]" not in text  # no generics: the shims build in modules declaring go 1.17
    assert "more := iterator.Send([]interface{}{keys, values})" in text
    support = shims.support_source("shelf", "example.com/objects", MODULE)
    for what in names.PACKAGE_EXPORTS:
        assert f"//export {names.package_export(what, MODULE)}\n" in support
    assert '{"ParseError", func(err error) (interface{}, bool) {' in text


def test_field_accessors_copy_the_field_under_the_objects_field_lock() -> None:
    text = shim_text()
    lock = "lock := codec.FieldLock(unsafe.Pointer(recv))"
    assert f"\t{lock}\n\tlock.RLock()\n\tr0 := recv.Name\n\tlock.RUnlock()\n" in text
    assert f"\t{lock}\n\tlock.Lock()\n\trecv.Step = p0\n\tlock.Unlock()\n" in text
    # A slice argument is Python's memory, valid during the call only: the field gets a copy.
    assert "\ta0 := append([]int(nil), p0...)\n" in text
    assert "\trecv.Items = a0\n" in text
    assert "recv.Name = strings.Clone(p0)" in text
    assert '"unsafe"' in text


def test_a_context_functions_iterator_knows_the_context_its_timeout_ends() -> None:
    text = shim_text()
    prefix = names.shim_prefix(objects_api().import_path)
    tick = text[text.index(f"func {prefix}Tick(") :]
    assert "iterator.Context = codec.ContextOf(ctx)" in tick[: tick.index("\n}\n")]
    count = text[text.index(f"func {prefix}Count(") :]
    assert "iterator.Context" not in count[: count.index("\n}\n")]


def test_close_claims_the_object_so_that_gos_close_runs_once() -> None:
    text = module_text()
    conn = text[text.index("class Conn(") :]
    close = conn[conn.index("    def close(self) -> None:") : conn.index("    def __enter__")]
    assert "            _claim(self)\n            try:\n                self.Close()\n" in close
    assert "            finally:\n                _close(self)\n" in close


@pytest.mark.skipif(shutil.which("go") is None, reason="needs Go")
def test_the_generated_go_is_gofmt_and_vet_clean(tmp_path: Path) -> None:
    """The shims, the support template and the codec, as a build adds them to a module."""
    check_generated_go(
        tmp_path,
        "objects",
        shim_text(),
        package="shelf",
        module_path="example.com/objects",
        python_module=MODULE,
    )


def module_text(planned: plan.PackagePlan | None = None) -> str:
    """The generated module of *planned* (the objects fixture's plan by default)."""
    return codegen.module_source(
        GoExtension(MODULE, "go"),
        Header(cdef="", exports=()),
        (),
        import_path="example.com/objects",
        library_file="lib_go_runtime.so",
        runtime_module=RUNTIME,
        library_beside_runtime=True,
        plain=planned or objects_plan(),
    )


def test_the_module_and_stub_define_the_same_classes_and_members() -> None:
    module = ast.parse(module_text())
    stub = ast.parse(pymodule.render_stub(objects_plan(), RUNTIME))

    def members(tree: ast.Module) -> dict[str, list[str]]:
        return {
            node.name: [item.name for item in node.body if isinstance(item, ast.FunctionDef)]
            for node in tree.body
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_")
        }

    assert members(module) == members(stub)
    counter = members(stub)["Counter"]
    assert counter[:3] == ["__new__", "Name", "Name"]  # property getter, then setter
    assert counter[-6:] == ["__str__", "__repr__", "__len__", "close", "__enter__", "__exit__"]
    assert members(stub)["ParseError"] == []
    stub_text = pymodule.render_stub(objects_plan(), RUNTIME)
    assert "class ParseError(GoError):" in stub_text and "    Line: int" in stub_text
    assert "def _go_stats() -> tuple[int, int]: ..." in stub_text


def test_the_module_copies_the_support_helpers_it_needs() -> None:
    text = module_text()
    imports, body = needs.support_imports(), needs.support_body()
    assert imports == [
        "import io as _io",
        "import sys as _sys",
        "from _thread import RLock as _RLock",
        "from _thread import allocate_lock as _allocate_lock",
        "from _thread import get_ident as _get_ident",
        "from _weakref import ref as _weakref",
        "from atexit import register as _atexit_register",
        "from itertools import chain as _chain",
        "from itertools import count as _count",
        "from itertools import islice as _islice",
    ]
    assert "\nfrom array import" not in text and "\nfrom functools import" not in text
    assert "import pickle" not in text.split("\ndef ")[0]  # imported at its first use
    assert "def _import_pickle() -> Any:" in text and "def _loads(data: Any) -> Any:" in text
    assert all(line in text for line in imports)
    assert "\n".join(body) in text
    for what in names.PACKAGE_EXPORTS:
        assert f"_lib_{what} = lib.{names.package_export(what, MODULE)}" in text
    assert (
        "_report_exception, GoForkError, _GoObject, _GoFile, _go_crossing, _on_worker, "
        "_main_thread_calls, _partial, _go_library_path\n"
    ) in text


def test_a_package_without_objects_gets_no_support_helpers() -> None:
    plain = plan.plan_package(
        introspect.parse_api_report((DATA / "api" / "plain.json").read_text()),
        # A context.Context parameter needs the support, and so does one of type any (GoRef).
        ["HasDeadline", "Echo", "BytesOfAny"],
    )
    assert not needs.plain_needs(plain).support
    extension = GoExtension(MODULE, "go")
    text = codegen.module_source(
        extension,
        Header(cdef="", exports=()),
        (),
        import_path="example.com/plain",
        library_file=None,
        runtime_module=RUNTIME,
        plain=plain,
    )
    assert "_objects" not in text and "_lib_release" not in text


def test_the_generated_python_is_ruff_clean(tmp_path: Path) -> None:
    (tmp_path / "_native.py").write_text(module_text())
    (tmp_path / "_native.pyi").write_text(pymodule.render_stub(objects_plan(), RUNTIME))
    ruff = str(Path(sys.executable).with_name("ruff"))
    for name in ("_native.py", "_native.pyi"):
        result = subprocess.run(
            [ruff, "check", "--isolated", "--select", "E9,F", "--ignore", "F401,F811", name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout


@cache
def protocols_plan() -> plan.PackagePlan:
    """protocols.go of the objects fixture alone (tests/data/api/protocols.json)."""
    return plan.plan_package(
        introspect.parse_api_report((DATA / "api" / "protocols.json").read_text())
    )


def protocols_shims() -> str:
    return shims.shim_source(
        protocols_plan(),
        package_name="shelf",
        same_package=True,
        module_path="example.com/objects",
        python_module=MODULE,
    )


def test_a_data_struct_keeps_its_value_methods_and_self_crosses_as_a_copy() -> None:
    point = next(item for item in protocols_plan().structs if item.go_name == "Point")
    assert [method.name for method in point.methods] == [
        "String",
        "Equal",
        "Less",
        "Add",
        "Scale",
        "Moved",
    ]
    add = point.methods[3]
    assert (add.member, add.takes_handle, add.go_signature) == (
        "value",
        False,
        "func (Point) Add(q Point) Point",
    )
    assert [(argument.name, argument.way) for argument in add.arguments] == [
        ("self", "pickle"),
        ("q", "fields"),  # a struct of numbers: its fields, where C converts them
    ]
    assert pymodule.signature(add) == "def Add(self, q: Point | Mapping[str, Any]) -> Point:"
    assert add in protocols_plan().callables
    assert "r0 := a0.Add(a1)" in protocols_shims()  # the decoded copy of self is the receiver


def test_methods_and_hidden_fields_make_a_go_object() -> None:
    objects = [item.name for item in protocols_plan().objects]
    assert objects == ["Iter", "Version", "Tally", "Lines", "Deck"]
    version = next(item for item in protocols_plan().objects if item.name == "Version")
    assert [method.name for method in version.methods] == ["Major", "String", "Compare", "Bump"]


def test_protocols_come_from_go_method_sets_by_one_rule() -> None:
    found = {item.name: item.protocols for item in protocols_plan().objects}
    found["Point"] = protocols_plan().structs[0].protocols
    assert found == {
        "Point": plan.Protocols(string="String", equal="Equal", less="Less"),
        "Iter": plan.Protocols(iteration="next", item="Any"),
        "Version": plan.Protocols(string="String", compare="Compare"),
        "Tally": plan.Protocols(equal="Equal"),
        "Lines": plan.Protocols(length="Len", iteration="cursor", item="str"),
        "Deck": plan.Protocols(iteration="all", item="GoIterator[str]"),
    }


def test_a_method_of_another_shape_gives_no_protocol() -> None:
    version = next(item for item in protocols_plan().objects if item.name == "Version")
    other = replace(version.methods[2], annotation="bool")  # Compare(Version) bool
    wrong = plan.protocols_of("Version", "Version", [other], value=False)
    assert wrong == plan.Protocols()
    takes_int = replace(version.methods[2], arguments=())  # Compare() int
    assert plan.protocols_of("Version", "Version", [takes_int], value=False) == plan.Protocols()


def test_pointer_or_error_results_are_typed_as_the_value() -> None:
    functions = {item.go_name: item for item in protocols_plan().functions}
    assert functions["ParseVersion"].annotation == "Version"  # (*Version, error)
    assert functions["NewLines"].annotation == "Lines"  # a constructor: New... returning *T


def test_results_go_says_are_never_nil_are_typed_without_none() -> None:
    """A constructor's ``*T`` and a ``(*T, error)`` are ``T``; any other ``*T`` may be nil."""
    assert function("NewSquare").annotation == "Square"
    assert function("NewCounter").annotation == "Counter"
    assert function("Maybe").annotation == "Counter | None"
    assert function("Merge").annotation == "Counter | None"


def test_the_protocols_stub_and_module_agree_and_the_go_vets(tmp_path: Path) -> None:
    stub = pymodule.render_stub(protocols_plan(), RUNTIME)
    assert "    def __lt__(self, other: Version) -> bool:" in stub
    assert "    __hash__ = None  # type: ignore[assignment]" in stub
    assert "    def __next__(self) -> Any:" in stub and "    def __iter__(self) -> Iter:" in stub
    assert "def Clock(t: datetime | time) -> str:" in stub
    assert "from datetime import datetime, time" in stub
    if shutil.which("go") is not None:
        check_generated_go(
            tmp_path,
            "objects",
            protocols_shims(),
            package="shelf",
            module_path="example.com/objects",
            python_module=MODULE,
        )


# -- interfaces Python implements, and files ------------------------------------------------------


def with_interface(*methods: introspect.GoAPIFunction, sealed: bool = False) -> plan.PackagePlan:
    """The objects plan with one more interface, Store (*methods*), and a function taking it."""
    store = introspect.GoInterface("Store", "", methods, sealed=sealed)
    mark = "\x01example.com/objects\x02."
    store_type = introspect.GoType("Store", "interface", "Store", mark + "Store")
    takes = introspect.GoAPIFunction("Use", "", 1, (introspect.GoField("s", store_type),), ())
    api = objects_api()
    return plan.plan_package(
        replace(api, interfaces=(*api.interfaces, store), functions=(*api.functions, takes))
    )


def method(
    name: str,
    params: tuple[introspect.GoType, ...] = (),
    results: tuple[introspect.GoType, ...] = (),
    *,
    variadic: bool = False,
) -> introspect.GoAPIFunction:
    return introspect.GoAPIFunction(
        name,
        "",
        1,
        tuple(introspect.GoField(f"a{index}", t) for index, t in enumerate(params)),
        tuple(introspect.GoField("", t) for t in results),
        variadic=variadic,
    )


def test_interface_parameters_take_python_objects_with_their_methods() -> None:
    describe = function("Describe").arguments[0]
    assert describe.way == "implemented" and describe.python_methods == ("Area", "Name")
    assert describe.annotation == "Shape | _ShapeMethods | None" and not describe.python_refusal
    assert bound("Shape").python_protocol == (
        "def Area(self) -> float: ...",
        "def Name(self) -> str: ...",
    )
    stub = pymodule.render_stub(objects_plan(), RUNTIME)
    assert "from typing import Protocol\n" in stub
    assert "class _ShapeMethods(Protocol):\n    def Area(self) -> float: ...\n" in stub
    text = shim_text()
    assert "type _setuptools_golang_ext_python_Shape struct{ callable *codec.Callable }" in text
    assert (
        "func (o _setuptools_golang_ext_python_Shape) Area() (r0 float64) {\n"
        '\t_setuptools_golang_ext_callback(o.callable, []interface{}{"Area"}, &r0)\n'
        "\treturn\n}"
    ) in text
    prefix = names.shim_prefix(objects_api().import_path)
    shim = text.split(f"func {prefix}Describe(")[1].split("\n}\n")[0]
    assert (
        "\tf0 := _setuptools_golang_ext_take_python(p0)\n\tvar a0 Shape\n\tif f0 != nil {" in shim
    )
    assert "\t\ta0 = _setuptools_golang_ext_python_Shape{f0}\n\t} else {" in shim
    assert "if f0 != nil && _setuptools_golang_ext_callback_failed(f0) {" in shim
    module = module_text()
    assert (
        '        _arg0 = _implementation(s, Shape, ("Area", "Name", ), \'\', '
        '"Describe() argument s")'
    ) in module
    assert "        _callback_done(_registered(_arg0))" in module
    assert "Its parameters also take any Python object with its methods." in module


def test_an_error_result_of_an_interface_method_is_what_python_raised() -> None:
    load = method("Load", (basic("string"),), (basic("int"), introspect.GoType("error", "error")))
    planned = with_interface(load)
    assert plan.python_refusal(planned.api.interfaces[-1], plan._Scope("", {}, frozenset())) == ""
    text = shims.shim_source(
        planned, package_name="shelf", same_package=True, module_path="m", python_module=MODULE
    )
    store = next(item for item in planned.objects if item.go_name == "Store")
    assert store.python_protocol == ("def Load(self, a0: str, /) -> int: ...",)
    assert (
        "func (o _setuptools_golang_ext_python_Store) Load(c0 string) (r0 int, err error) {\n"
        '\terr = _setuptools_golang_ext_callback(o.callable, []interface{}{"Load", c0}, &r0)\n'
    ) in text


@pytest.mark.parametrize(
    ("methods", "sealed", "reason"),
    [
        ((method("Label", (), (basic("string"),)),), True, "it has unexported methods"),
        (
            (method("Walk", (introspect.GoType("func(int)", "func"),)),),
            False,
            "Walk(): parameter a0: func(int): function values are bound only as parameters",
        ),
        (
            (method("Pair", (), (basic("int"), basic("int"))),),
            False,
            "Pair(): more than one result besides an error",
        ),
        (
            (
                method(
                    "Many", (introspect.GoType("[]int", "slice", elem=basic("int")),), variadic=True
                ),
            ),
            False,
            "Many(): a variadic method",
        ),
    ],
)
def test_interfaces_python_cannot_implement_say_why(
    methods: tuple[introspect.GoAPIFunction, ...], sealed: bool, reason: str
) -> None:
    planned = with_interface(*methods, sealed=sealed)
    store = next(item for item in planned.objects if item.go_name == "Store")
    assert store.python_refusal == reason
    use = next(item for item in planned.functions if item.go_name == "Use").arguments[0]
    assert use.python_refusal == reason and use.python_methods == ()
    assert use.annotation == "Store | None"
    text = shims.shim_source(
        planned, package_name="shelf", same_package=True, module_path="m", python_module=MODULE
    )
    assert "_setuptools_golang_ext_python_Store" not in text  # Go objects only
    doc = "\n".join(pymodule.object_class(store, stub=True))
    assert f"Python objects cannot implement it: {reason}." in doc


def test_io_readers_and_writers_are_files_both_ways() -> None:
    reader = introspect.GoType("io.Reader", "unsupported", spell="\x01io\x02.Reader")
    reader = replace(reader, reason="interface type io.Reader")
    writer = replace(
        reader, go="io.Writer", spell="\x01io\x02.Writer", reason="interface type io.Writer"
    )
    copy = method("CopyTo", (writer, reader), (basic("int64"),))
    opener = method("Open", (basic("string"),), (reader,))
    planned = plan.plan_package(replace(objects_api(), functions=(copy, opener)))
    assert [(item.name, item.file) for item in planned.opaques] == [
        ("Writer", "w"),
        ("Reader", "r"),
    ]
    to, source = planned.functions[0].arguments
    assert (to.way, source.way) == ("file", "file")
    assert to.annotation == "Writer | SupportsWrite[bytes] | None"
    assert source.annotation == "Reader | SupportsRead[bytes] | None"
    text = shims.shim_source(
        planned, package_name="shelf", same_package=True, module_path="m", python_module=MODULE
    )
    assert 'a0 = _setuptools_golang_ext_python_file(f0, "w").(io.Writer)' in text
    reader_class = pymodule.opaque_class(planned.opaques[1], stub=False)
    assert reader_class[0] == "class Reader(_File):" and "    _readable = True" in reader_class
    assert pymodule.opaque_class(planned.opaques[1], stub=True)[0] == "class Reader(_GoFile):"
    stub = pymodule.render_stub(planned, RUNTIME)
    assert "from _typeshed import SupportsRead, SupportsWrite" in stub
    assert f"from {RUNTIME} import _GoFile" in stub


def test_a_variadic_io_reader_takes_go_and_python_files() -> None:
    reader = introspect.GoType(
        "io.Reader", "unsupported", spell="\x01io\x02.Reader", reason="interface type io.Reader"
    )
    readers = introspect.GoType("[]io.Reader", "slice", spell="[]\x01io\x02.Reader", elem=reader)
    concat = method("Concat", (readers,), (basic("string"),), variadic=True)
    planned = plan.plan_package(replace(objects_api(), functions=(concat,)))
    [argument] = planned.functions[0].arguments
    assert argument.way == "files" and argument.annotation == "Reader | SupportsRead[bytes]"
    text = shims.shim_source(
        planned, package_name="shelf", same_package=True, module_path="m", python_module=MODULE
    )
    assert "\tf0[i] = _setuptools_golang_ext_take_python(h)\n" in text  # all taken first
    assert '\t\ta0[i] = _setuptools_golang_ext_python_file(f, "r").(io.Reader)\n' in text
    assert "\tif f != nil && _setuptools_golang_ext_callback_failed(f) {\n" in text
    module = module_text(planned)
    assert '_arg0 = _files(a0, Reader, "r", "Concat() argument a0")' in module
    assert '_callback_done(*getattr(_arg0, "ids", ()))' in module


def test_ios_read_write_and_close_of_an_interface_are_the_python_files() -> None:
    """An interface embedding io.Reader: Go's Read must fill Go's buffer, which a call of a
    Python Read with a copy of it cannot; the Python object's file methods serve them."""
    byte_slice = introspect.GoType("[]byte", "bytes", spell="[]byte")
    error = introspect.GoType("error", "error", spell="error")
    read = method("Read", (byte_slice,), (basic("int"), error))
    close = method("Close", (), (error,))
    planned = with_interface(method("Name", (), (basic("string"),)), read, close)
    use = next(item for item in planned.functions if item.go_name == "Use").arguments[0]
    assert use.python_methods == ("Name", "read", "close")
    store = next(item for item in planned.objects if item.go_name == "Store")
    assert store.python_protocol == (
        "def Name(self) -> str: ...",
        "def read(self, a0: int, /) -> bytes: ...",
        "def close(self) -> object: ...",
    )
    text = shims.shim_source(
        planned, package_name="shelf", same_package=True, module_path="m", python_module=MODULE
    )
    python = "_setuptools_golang_ext_python_call(o.callable)"
    assert f"\tr0, err = codec.PythonRead({python}, c0)\n" in text
    assert f"\terr = codec.PythonClose({python})\n" in text
