"""The bindings of ordinary Go packages, without Go: the planner, the shims' Go source and the
Python module and stub rendered from the ``-api`` report of tests/data/gopkgs/plain."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from conftest import (
    DATA,
    assert_same_bytes,
    check_generated_go,
    generated_in_fresh_interpreters,
)

from setuptools_golang_ext import names
from setuptools_golang_ext.binding import needs
from setuptools_golang_ext.binding.plain import plan, pymodule, shims
from setuptools_golang_ext.stages import introspect
from setuptools_golang_ext.stages.introspect import GoAPI, GoAPIFunction, GoField, GoStruct, GoType

MODULE = "fixture_pkg._native"
RUNTIME = "fixture_pkg._go_runtime"


@cache
def plain_api() -> GoAPI:
    return introspect.parse_api_report((DATA / "api" / "plain.json").read_text())


def plain_plan() -> plan.PackagePlan:
    return plan.plan_package(plain_api())


def function(name: str) -> plan.PlainFunction:
    return next(item for item in plain_plan().functions if item.go_name == name)


def basic(kind: str, go: str = "") -> GoType:
    return GoType(go or kind, kind, spell=go or kind)


def api_of(*functions: GoAPIFunction, structs: tuple[GoStruct, ...] = ()) -> GoAPI:
    return GoAPI("example.com/p", "p", Path("/p"), "", "example.com/p", False, functions, structs)


def func(
    name: str, params: tuple[GoType, ...] = (), results: tuple[GoType, ...] = ()
) -> GoAPIFunction:
    return GoAPIFunction(
        name,
        "",
        1,
        tuple(GoField(f"a{index}", t) for index, t in enumerate(params)),
        tuple(GoField("", t) for t in results),
    )


# -- the planner ---------------------------------------------------------------------------------


def test_arguments_cross_directly_when_cgo_can_carry_them() -> None:
    ways = {argument.name: argument.way for argument in function("Count").arguments}
    assert ways == {"text": "string", "top": "number"}
    assert [a.way for a in function("Reverse").arguments] == ["bytes"]
    [xs] = function("Sum").arguments
    assert (xs.way, xs.c_element) == ("slice", "double")
    assert [a.way for a in function("Merge").arguments] == ["pickle"]
    assert [a.way for a in function("EchoPoint").arguments] == ["pickle"]
    assert [a.way for a in function("Not").arguments] == ["bool"]


def test_results_cross_directly_only_as_one_number_or_bool() -> None:
    assert function("Add").result_way == "number"
    assert function("Half").result_way == "number"  # a named float type
    assert function("Not").result_way == "bool"
    assert function("Nothing").result_way == "none"
    assert function("Hello").result_way == "string"  # its bytes, no pickle framing
    assert function("Range").result_way == "array"  # its numbers' memory, no pickle framing
    # Maps of numbers, bools or strings: columns of keys and values, a dict made at C speed.
    assert function("Merge").result_way == function("Squares").result_way == "map"
    for name in ("Tokens", "Count", "Pair", "Nested"):  # Nested: a map[string]any
        assert function(name).result_way == "pickle", name


def test_a_last_error_raises_and_is_not_returned() -> None:
    count = function("Count")
    assert count.returns_error and [r.type.kind for r in count.results] == ["struct"]
    assert count.annotation == "Stats"
    div = function("DivMod")
    assert div.result_names == ("quotient", "remainder")
    assert div.annotation == "DivModResult"
    pair = function("Pair")
    assert pair.result_names == () and pair.annotation == "tuple[str, int]"


def test_annotations_follow_the_type_table() -> None:
    assert function("Range").annotation == "array[float]"
    assert function("Squares").annotation == "dict[int, int]"
    assert function("Corners").annotation == "list[Point]"
    assert function("Later").annotation == "datetime"
    assert function("EchoPoint").annotation == "Point | None"
    assert function("Echo").annotation == "Any"
    assert function("Reverse").annotation == "bytes"
    [maps] = function("Merge").arguments
    assert maps.annotation == "Sequence[Mapping[str, int]]"
    [stats] = function("EchoStats").arguments
    assert stats.annotation == "Stats | Mapping[str, Any]"


def test_methods_of_named_non_struct_types_are_static_methods_of_a_class() -> None:
    """``type Celsius float64`` with ``String()``: ``Celsius.String(c)``, Go's method
    expression; the value crosses as its underlying type."""
    planned = plan.plan_package(plain_api())
    tags, celsius = planned.named
    (method,) = celsius.methods
    assert (celsius.name, method.member, method.annotation) == ("Celsius", "static", "str")
    assert [(a.name, a.annotation) for a in method.arguments] == [("value", "float")]
    assert [(a.name, a.way) for a in tags.methods[0].arguments] == [
        ("value", "pickle"),
        ("sep", "string"),
    ]
    text = shim_text()
    assert "r0 := (Celsius(p0)).String()" in text and "r0 := a0.Joined(" in text
    stub = pymodule.render_stub(planned, RUNTIME)
    assert "class Celsius:" in stub and "    def String(value: float) -> str:" in stub
    assert "    def Joined(value: Sequence[str], sep: str | bytes) -> str:" in stub
    skipped = {item.name: item.reason for item in planned.skipped}
    assert "Celsius.String" not in skipped and "Tags.Joined" not in skipped
    assert (
        skipped["Celsius.Warm"]
        == "a method of *Celsius changes a copy (Celsius crosses as a value)"
    )


def test_what_cannot_be_bound_is_skipped_with_the_type_that_stops_it() -> None:
    reasons = {item.name: item.reason for item in plain_plan().skipped}
    feed = "chan<- int (send-only channel) has no Python equivalent"
    assert reasons == {
        "Channel": "parameter c: chan int is bound only as the only result",
        "Callback": "parameter f: func() (int, int): a callback returns one value or none, and then maybe an error",
        "Generic": 'generic functions cannot be called from C: name their instantiations in `instantiate` (e.g. "Generic[int]", a type argument per type parameter)',
        "Meter": f"field Feed: {feed}",
        "Read": f"parameter m: Meter: field Feed: {feed}",
        "Point.Feeder": "result: chan<- int32 (send-only channel) has no Python equivalent",
        "Celsius.Warm": "a method of *Celsius changes a copy (Celsius crosses as a value)",
    }
    variadic = replace(func("V", (basic("bytes", "[]byte"),)), variadic=True)
    error_param = func("E", (basic("error"),))
    map_key = func("M", (GoType("map[bool]int", "map", key=basic("bool"), elem=basic("int")),))
    # (another package's struct value inside a map is an opaque value: bound)
    other = GoType("complex128", "unsupported", reason="complex number")
    inside = GoType("map[string]complex128", "map", key=basic("string"), elem=other)
    skipped = plan.plan_package(
        api_of(variadic, error_param, map_key, func("O", (inside,)))
    ).skipped
    assert [item.reason for item in skipped] == [
        "variadic parameter ...byte",
        "parameter a0: error is bound only in results",
        "parameter a0: map[bool]int: map keys must be strings or integers",
        "parameter a0: complex128 (complex number) has no Python equivalent",
    ]


def test_package_names_the_generated_files_import_as_are_found() -> None:
    scope = ["Digit", "codec", "errors", "fs", "hex", "helper", "strconv"]
    assert shims.import_clashes(scope) == ["codec", "errors", "fs", "hex", "strconv"]
    # Other packages' aliases step aside: a package-level url is not net/url's alias.
    value = GoType("url.URL", "unsupported", reason="struct type net/url.URL of another package")
    value = replace(value, spell="\x01net/url\x02.URL")
    api = replace(api_of(func("Host", (value,))), scope=("Host", "url"))
    text = package_shims(plan.plan_package(api))
    assert 'import0 "net/url"' in text and "import0.URL" in text and "url.URL" not in text


def test_a_callbacks_first_context_stays_in_go() -> None:
    """validator's ``FuncCtx func(ctx context.Context, fl FieldLevel) bool``: Python's
    callable gets the other arguments."""
    context = GoType("context.Context", "context", spell="\x01context\x02.Context")
    callback = GoType("func(context.Context, string) bool", "func")
    callback = replace(callback, params=(context, basic("string")), results=(basic("bool"),))
    planned = plan.plan_package(api_of(func("Keep", (callback,))))
    (keep,) = planned.functions
    assert keep.arguments[0].annotation == "Callable[[str], bool]"
    text = package_shims(planned)
    assert "a0 := func(_ context.Context, c1 string) bool {" in text
    assert "args := []interface{}{c1}" in text


def test_a_callbacks_last_error_is_go_s() -> None:
    """``func(string) error`` (validator's RegisterTranslationsFunc, filepath's WalkFunc): nil
    when the callable returns, an error when it raises."""
    error = GoType("error", "error", spell="error")
    visit = replace(GoType("func(string) error", "func"), params=(basic("string"),))
    visit = replace(visit, results=(error,))
    parse = replace(GoType("func(string) (int, error)", "func"), params=(basic("string"),))
    parse = replace(parse, results=(basic("int"), error))
    two = replace(parse, go="func(string) (int, int)", results=(basic("int"), basic("int")))
    planned = plan.plan_package(
        api_of(func("Visit", (visit,)), func("Parse", (parse,)), func("Two", (two,)))
    )
    bound = {item.name: item for item in planned.functions}
    assert bound["Visit"].arguments[0].annotation == "Callable[[str], None]"
    assert bound["Parse"].arguments[0].annotation == "Callable[[str], int]"
    text = package_shims(planned)
    assert "a0 := func(c0 string) error {\n\t\targs := []interface{}{c0}\n" in text
    assert (
        "\t\treturn _setuptools_golang_ext_callback(f0, args, &_setuptools_golang_ext_no_result{})\n"
        in text
    )
    assert "err := _setuptools_golang_ext_callback(f0, args, &r)" in text
    assert [item.reason for item in planned.skipped] == [
        "parameter a0: func(string) (int, int): a callback returns one value or none, "
        "and then maybe an error"
    ]


def test_a_variadic_callback_gets_each_item_as_an_argument() -> None:
    """expr's ``Function(name, fn func(params ...any) (any, error))``."""
    error = GoType("error", "error", spell="error")
    anys = GoType("[]any", "slice", spell="[]any", elem=GoType("any", "any", spell="any"))
    fn = GoType("func(params ...any) (any, error)", "func", params=(anys,), variadic=True)
    fn = replace(fn, results=(GoType("any", "any", spell="any"), error))
    planned = plan.plan_package(api_of(func("Function", (basic("string"), fn))))
    assert planned.functions[0].arguments[1].annotation == "Callable[..., Any]"
    text = package_shims(planned)
    assert "a1 := func(c0 ...any) (any, error) {\n\t\targs := []interface{}{}\n" in text
    assert "\t\tfor i := range c0 {\n\t\t\targs = append(args, c0[i])\n\t\t}\n" in text


def test_interfaces_of_the_package_without_a_class_that_it_returns_are_opaque() -> None:
    """gojq's ``type ModuleLoader any``, made by ``NewModuleLoader`` and taken by options."""
    loader = GoType("Loader", "unsupported", reason="interface type Loader")
    planned = plan.plan_package(api_of(func("NewLoader", (), (loader,)), func("Use", (loader,))))
    bound = {item.name: item for item in planned.functions}
    assert planned.opaques == (plan.PlainOpaque("Loader", "Loader"),) and not planned.skipped
    assert bound["NewLoader"].result_way == "opaque" and bound["NewLoader"].annotation == "Loader"
    assert bound["Use"].arguments[0].annotation == "Loader | None"
    taken = plan.plan_package(api_of(func("Use", (loader,)))).skipped  # never returned: no value
    assert [item.name for item in taken] == ["Use"]


def test_an_opaque_pointer_result_may_be_none_unless_go_says_it_is_not() -> None:
    """``*url.URL`` results: ``URL | None``, but ``URL`` with an error or from a constructor."""
    target = GoType("url.URL", "unsupported", reason="struct type net/url.URL of another package")
    pointer = GoType("*url.URL", "pointer", elem=target)
    error = GoType("error", "error", spell="error")
    planned = plan.plan_package(
        api_of(
            func("Find", (), (pointer,)),
            func("Parse", (), (pointer, error)),
            func("NewURL", (), (pointer,)),
        )
    )
    annotations = {item.name: item.annotation for item in planned.functions}
    assert annotations == {"Find": "URL | None", "Parse": "URL", "NewURL": "URL"}


def test_a_callbacks_opaque_arguments_are_opaque_values() -> None:
    """validator's ``TagNameFunc func(field reflect.StructField) string``."""
    value = GoType("url.URL", "unsupported", reason="struct type net/url.URL of another package")
    describe = replace(GoType("func(url.URL) string", "func"), params=(value,))
    planned = plan.plan_package(
        api_of(func("Describe", (replace(describe, results=(basic("string"),)),)))
    )
    assert planned.opaques[0].name == "URL" and not planned.skipped
    assert planned.functions[0].arguments[0].annotation == "Callable[[URL], str]"


def test_struct_values_of_other_packages_are_opaque_values_that_are_never_none() -> None:
    """``reflect.Value``, ``url.URL`` by value: a handle holding Go's copy; no nil to be."""
    value = GoType("url.URL", "unsupported", reason="struct type net/url.URL of another package")
    planned = plan.plan_package(api_of(func("Parse", (), (value,)), func("Host", (value,))))
    bound = {item.name: item for item in planned.functions}
    assert planned.opaques == (plan.PlainOpaque("URL", "url.URL"),) and not planned.skipped
    assert bound["Parse"].annotation == "URL" and bound["Parse"].result_way == "opaque"
    assert bound["Host"].arguments[0].annotation == "URL"
    assert '_handle(a0, URL, False, "Host() argument a0")' in "\n".join(
        pymodule.wrapper(bound["Host"])
    )


def test_errors_inside_results_are_go_errors_and_refused_inside_parameters() -> None:
    """``Validate(v) (bool, []error)``: each error a GoError (or None); Python sends none."""
    errors = GoType("[]error", "slice", elem=basic("error"))
    validate = func("Validate", (), (basic("bool"), errors))
    report = func("Report", (GoType("func(error)", "func", params=(basic("error"),)),))
    planned = plan.plan_package(api_of(validate, report, func("Take", (errors,))))
    bound = {item.name: item for item in planned.functions}
    assert bound["Validate"].annotation == "tuple[bool, list[GoError | None]]"
    assert bound["Report"].arguments[0].annotation == "Callable[[GoError | None], None]"
    assert [item.reason for item in planned.skipped] == [
        "parameter a0: error is bound only in results"
    ]


def test_a_struct_with_an_unsupported_field_is_skipped_and_so_are_its_users() -> None:
    chan = GoType("chan int", "unsupported", reason="channel")
    inner = GoStruct("Inner", "", (GoField("C", chan),))
    outer = GoStruct("Outer", "", (GoField("In", GoType("Inner", "struct", name="Inner")),))
    outer_type = GoType("Outer", "struct", name="Outer")
    embedded = GoStruct("Embeds", "", (GoField("Outer", outer_type, embedded=True),))
    uses = func("Use", (GoType("*Outer", "pointer", elem=GoType("Outer", "struct", name="Outer")),))
    planned = plan.plan_package(api_of(uses, structs=(inner, outer, embedded)))
    reasons = {item.name: item.reason for item in planned.skipped}
    assert reasons["Inner"] == "field C: chan int (channel) has no Python equivalent"
    assert reasons["Outer"].startswith("field In: Inner: field C: chan int")
    assert reasons["Embeds"].startswith("field Outer: Outer: field In: Inner")  # as any field
    assert reasons["Use"].startswith("parameter a0: Outer: field In: Inner")
    assert planned.functions == () and planned.structs == ()


def test_variadic_parameters_are_star_args() -> None:
    total, join, largest = function("Total"), function("Join"), function("Max")
    assert pymodule.signature(total) == "def Total(first: float, *more: float) -> float:"
    assert pymodule.signature(join) == "def Join(sep: str | bytes, *words: str) -> str:"
    assert pymodule.signature(largest) == "def Max(*xs: int) -> int:"
    assert [a.way for a in total.arguments] == ["number", "pickle"]  # []Celsius is not []float64
    assert largest.arguments[0].way == "slice"
    assert total.go_signature == "func Total(first Celsius, more ...Celsius) Celsius"
    assert "r0 := Total(Celsius(p0), a1...)" in shim_text()
    # Go gets its own copy of a slice (it may keep it past the call), written back after.
    assert "a0 := append([]int64(nil), p0...)" in shim_text()
    assert "r0 := Max(a0...)\n\tcopy(p0, a0)" in shim_text()


def test_sentinel_errors_become_exception_classes() -> None:
    [error] = plain_plan().errors
    assert (error.name, error.go_name) == ("ErrEmpty", "ErrEmpty")
    assert error.doc == "ErrEmpty is returned for an empty text."
    assert "ErrEmpty" in needs.plain_needs(plain_plan()).public_names
    assert '\t{"ErrEmpty", ErrEmpty},' in shim_text()
    assert '\t{"ErrEmpty", bound.ErrEmpty},' in shim_text(same_package=False)
    assert not plan.plan_package(plain_api(), ["ErrEmpty"]).errors


def test_exclude_leaves_names_out_and_reports_unknown_ones() -> None:
    planned = plan.plan_package(plain_api(), ["Channel", "Boom", "Point", "Nope"])
    names = {item.go_name for item in planned.functions} | {s.go_name for s in planned.structs}
    assert "Boom" not in names and "Point" not in names and "Add" in names
    assert "Channel" not in {item.name for item in planned.skipped}
    assert planned.excluded == ("Nope",)


def test_python_names_avoid_keywords_and_the_module_names() -> None:
    keyword_field = GoStruct("S", "", (GoField("None", basic("int")), GoField("lib", basic("int"))))
    reserved = func("lib", (basic("int"),), (basic("int"),))
    named = replace(
        func("F", (), (basic("int"), basic("int"))),
        results=(GoField("count", basic("int")), GoField("class", basic("int"))),
    )
    planned = plan.plan_package(api_of(reserved, named, structs=(keyword_field,)))
    [struct] = planned.structs
    assert [name for name, _ in struct.fields] == ["None_", "lib"]
    assert [item.name for item in planned.functions] == ["lib_", "F"]
    assert planned.functions[1].result_names == ("count_", "class_")


# -- the Go shims --------------------------------------------------------------------------------


def test_the_shims_of_two_packages_never_share_a_c_name() -> None:
    """Every bound package's shims are exports of one library: semver's, decimal's and
    diffmatchpatch's ``New`` must be three C symbols."""
    new = func("New", (), (basic("int"),))
    first, second = (
        plan.plan_package(replace(api_of(new), import_path=path))
        for path in ("github.com/a/version", "github.com/b/version")
    )
    [one], [other] = first.functions, second.functions
    assert one.shim != other.shim
    for shim in (one.shim, other.shim):
        assert shim.startswith(names.SHIM_PREFIX + "version_") and shim.endswith("_New")
        assert shim.isidentifier()


def shim_text(same_package: bool = True) -> str:
    return shims.shim_source(
        plain_plan(),
        package_name="textstats" if same_package else "bind",
        same_package=same_package,
        module_path="example.com/plain",
        python_module=MODULE,
    )


def package_shims(planned: plan.PackagePlan, python_module: str = MODULE) -> str:
    """The shims of *planned* as a package p of module example.com/p would get them."""
    return shims.shim_source(
        planned,
        package_name="p",
        same_package=True,
        module_path="example.com/p",
        python_module=python_module,
    )


def test_shims_call_the_package_and_register_its_structs() -> None:
    text = shim_text()
    assert text.startswith("// Code generated by setuptools-golang-ext; DO NOT EDIT.\n")
    assert f"//export {names.shim_prefix(plain_plan().api.import_path)}Count\n" in text
    assert "r0, err := Count(strings.Clone(p0), p1)" in text
    assert "r0 := Half(Celsius(p0))" in text
    assert (
        'codec.Register(reflect.TypeOf((*Stats)(nil)).Elem(), "fixture_pkg._native", "Stats"'
        in text
    )
    assert '\ttime "time"' in text  # Later's parameter types name it
    for item in plain_plan().skipped:
        assert f"call_{item.name}(" not in text


def test_shims_of_another_package_import_it() -> None:
    text = shim_text(same_package=False)
    assert '\tbound "example.com/plain"' in text
    assert "r0, err := bound.Count(strings.Clone(p0), p1)" in text
    assert "bound.Half(bound.Celsius(p0))" in text
    assert "reflect.TypeOf((*bound.Stats)(nil))" in text


def test_the_support_template_gets_the_package_and_the_codec_of_the_build() -> None:
    text = shims.support_source("textstats", "example.com/plain", MODULE)
    assert "\npackage textstats\n" in text
    assert '\tcodec "example.com/plain/zz_setuptools_golang_ext_codec"' in text
    assert shims.TEMPLATE_CODEC_IMPORT not in text
    files = shims.codec_files(Path("/m"))
    assert files and all(path.parent == Path("/m", names.CODEC_DIRECTORY) for path in files)
    assert not any(path.name.endswith("_test.go") for path in files)


@pytest.mark.skipif(shutil.which("go") is None, reason="needs Go")
def test_the_generated_go_is_gofmt_and_vet_clean(tmp_path: Path) -> None:
    """The shims, the support template and the codec, as a build adds them to a module."""
    check_generated_go(
        tmp_path,
        "plain",
        shim_text(),
        package="textstats",
        module_path="example.com/plain",
        python_module=MODULE,
    )


# -- the Python module and stub ------------------------------------------------------------------


def module_text() -> str:
    from setuptools_golang_ext.binding import codegen
    from setuptools_golang_ext.frontends.extension import GoExtension
    from setuptools_golang_ext.stages.header import Header

    extension = GoExtension(MODULE, "go")
    return codegen.module_source(
        extension,
        Header(cdef="", exports=()),
        (),
        import_path="example.com/plain",
        library_file="lib_go_runtime.so",
        runtime_module=RUNTIME,
        library_beside_runtime=True,
        plain=plain_plan(),
    )


def test_the_module_and_stub_are_valid_python_that_agree() -> None:
    module = ast.parse(module_text())
    stub = ast.parse(pymodule.render_stub(plain_plan(), RUNTIME))

    def defined(tree: ast.Module) -> set[str]:
        return {
            node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))
        }

    public = set(needs.plain_needs(plain_plan()).public_names)
    assert {name for name in defined(module) if not name.startswith("_")} <= public
    runtime = set(needs.PLAIN_RUNTIME_NAMES)
    stubbed = {name for name in defined(stub) if not name.startswith("_")}  # not _go_stats
    assert stubbed == {name for name in public if name[0].isupper()} - runtime


def test_the_module_docstring_lists_what_is_not_bound() -> None:
    text = module_text()
    assert "Bindings to the Go package example.com/plain (c-shared)" in text
    assert "    Channel: parameter c: chan int is bound only as the only result" in text


@pytest.mark.skipif(
    shutil.which("ruff") is None and not Path(sys.executable).with_name("ruff").exists(),
    reason="needs ruff",
)
def test_the_generated_python_is_ruff_clean(tmp_path: Path) -> None:
    (tmp_path / "_native.py").write_text(module_text())
    (tmp_path / "_native.pyi").write_text(pymodule.render_stub(plain_plan(), RUNTIME))
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


def generated_texts() -> dict[str, str]:
    """Everything generated from the plan, for the determinism test."""
    return {
        "shims.go": shim_text(),
        "module.py": module_text(),
        "module.pyi": pymodule.render_stub(plain_plan(), RUNTIME),
        "plan": json.dumps(repr(plain_plan())),
    }


def test_generated_code_is_the_same_bytes_in_every_interpreter() -> None:
    assert_same_bytes(*generated_in_fresh_interpreters("test_plan", "generated_texts"))


def test_exclude_names_fields_of_data_structs_and_objects() -> None:
    planned = plan.plan_package(plain_api(), ["Stats.Seen", "Stats.Ratio"])
    stats = next(item for item in planned.structs if item.go_name == "Stats")
    assert [name for name, _ in stats.fields] == ["Words", "Top", "At", "Took", "Tags", "Next"]
    # The codec's registration names every exported field, "" for one left out (Go: zero).
    assert stats.registered == ("Words", "Top", "", "At", "Took", "", "Tags", "Next")
    assert planned.excluded == ()  # both are fields the package exports
    assert plan.plan_package(plain_api(), ["Stats.Nope"]).excluded == ("Stats.Nope",)


def test_excluding_the_field_that_stops_a_struct_binds_the_struct() -> None:
    assert {"Meter", "Read"} <= {item.name for item in plain_plan().skipped}
    rescued = plan.plan_package(plain_api(), ["Meter.Feed", "Point.Feeder", "Celsius.Warm"])
    meter = next(item for item in rescued.structs if item.go_name == "Meter")
    assert (meter.registered, meter.methods) == (("Value", ""), ())
    assert "Read" in {item.go_name for item in rescued.functions}
    assert rescued.skipped == plain_plan().skipped[2:5]  # Channel, Callback, Generic
    assert rescued.excluded == ()


# -- structs of fixed shape ------------------------------------------------------------------------


def test_structs_of_numbers_and_bools_cross_as_fields() -> None:
    celsius = GoType("Celsius", "float64", spell="\x01example.com/p\x02.Celsius")
    vec = GoStruct(
        "Vec",
        "",
        (GoField("X", basic("float64")), GoField("lambda", celsius), GoField("On", basic("bool"))),
    )
    text = GoStruct("Text", "", (GoField("S", basic("string")),))
    vec_type = GoType("Vec", "struct", name="Vec", spell="\x01example.com/p\x02.Vec")
    text_type = GoType("Text", "struct", name="Text", spell="\x01example.com/p\x02.Text")
    planned = plan.plan_package(
        api_of(
            func("Mid", (vec_type, vec_type), (vec_type,)),
            func("Say", (text_type,), (text_type,)),
            func("Two", (), (vec_type, vec_type)),
            structs=(vec, text),
        )
    )
    mid, say, two = planned.functions
    assert [argument.way for argument in mid.arguments] == ["fields", "fields"]
    assert [name for name, _ in mid.arguments[0].fields] == ["X", "lambda_", "On"]
    assert mid.result_way == "fields" and [n for n, _ in mid.result_fields] == [
        "X",
        "lambda_",
        "On",
    ]
    assert [argument.way for argument in say.arguments] == ["pickle"] and say.result_way == "pickle"
    assert two.result_way == "pickle"  # several results: one pickle
    source = package_shims(planned, python_module="m")
    assert "(f0 float64, f1 float64, f2 bool)" in source
    assert "return r0.X, float64(r0.lambda), r0.On" in source
    assert "if _setuptools_golang_ext_raw(p0, 32) {" in source
    assert "a0.lambda = *(*Celsius)(unsafe.Pointer(&p0[16]))" in source
    assert "d0 := new(Vec)" in source  # the pickle's value only is on the heap
    module = "\n".join(pymodule.render_body(planned, "m"))
    assert "_value = _new_value(Vec)" in module and "_value.On = _result.r2 != 0" in module


def test_values_python_cannot_convert_are_opaque_handles() -> None:
    """A named function type the package returns (a functional option), a pointer to another
    package's struct type and another package's interface: classes of handles."""
    option = GoType("Option", "func", spell="\x01example.com/p\x02.Option")
    options = GoType("[]Option", "slice", spell="[]\x01example.com/p\x02.Option", elem=option)
    regexp = GoType(
        "*regexp.Regexp",
        "pointer",
        spell="*\x01regexp\x02.Regexp",
        elem=GoType(
            "regexp.Regexp", "unsupported", reason="struct type regexp.Regexp of another package"
        ),
    )
    reader = GoType(
        "io.Reader", "unsupported", spell="\x01io\x02.Reader", reason="interface type io.Reader"
    )
    visit = GoType("func(string) bool", "func", params=(basic("string"),), results=(basic("bool"),))
    api = api_of(
        func("With", (basic("string"),), (option,)),
        replace(func("Render", (basic("string"), options), (basic("string"),)), variadic=True),
        func("Compile", (basic("string"),), (regexp, basic("error"))),
        func("Read", (reader,), (basic("string"),)),
        func("Walk", (visit,)),  # an unnamed function type: still a Python callable
    )
    planned = plan.plan_package(api)
    assert [(item.name, item.go) for item in planned.opaques] == [
        ("Option", "Option"),
        ("Regexp", "*regexp.Regexp"),
        ("Reader", "io.Reader"),
    ]
    found = {item.go_name: item for item in planned.functions}
    assert (found["With"].result_way, found["With"].annotation) == ("opaque", "Option")
    assert [a.way for a in found["Render"].arguments] == ["string", "opaques"]
    assert found["Render"].arguments[1].annotation == "Option"  # *options: Option
    assert found["Compile"].annotation == "Regexp"
    # io's file interfaces take Go's, or Python binary files (test_plan_objects).
    assert found["Read"].arguments[0].annotation == "Reader | SupportsRead[bytes] | None"
    assert found["Walk"].arguments[0].way == "callback"
    assert planned.skipped == ()
    assert "class Option(_GoObject):" in pymodule.render_stub(planned, RUNTIME)
    shim = package_shims(planned)
    assert "a1 := make([]Option, len(h1))" in shim and "return codec.Keep(r0)" in shim


def test_a_big_rat_is_a_fraction_both_ways() -> None:
    rat = GoType("big.Rat", "unsupported", spell="\x01math/big\x02.Rat", reason="struct type")
    pointer = GoType("*big.Rat", "pointer", spell="*\x01math/big\x02.Rat", elem=rat)
    planned = plan.plan_package(api_of(func("Halve", (pointer,), (pointer,))))
    [halve] = planned.functions
    annotations = (halve.arguments[0].annotation, halve.annotation)
    assert annotations == ("fractions.Fraction | int", "fractions.Fraction | None")
    assert halve.arguments[0].way == halve.result_way == "bigrat"
    assert planned.opaques == ()  # math/big's types are not opaque: they convert
    shim = package_shims(planned)
    assert "a0, ok0 := new(big.Rat).SetString(p0)" in shim
    assert 'text := r0.Num().Text(16) + "/" + r0.Denom().Text(16)' in shim
    assert "import fractions" in pymodule.render_stub(planned, RUNTIME)


def test_a_big_float_is_a_decimal_both_ways() -> None:
    big = GoType("big.Float", "unsupported", spell="\x01math/big\x02.Float", reason="struct type")
    pointer = GoType("*big.Float", "pointer", spell="*\x01math/big\x02.Float", elem=big)
    planned = plan.plan_package(api_of(func("Third", (pointer,), (pointer,))))
    [third] = planned.functions
    assert (third.arguments[0].way, third.result_way) == ("bigfloat", "bigfloat")
    assert (third.arguments[0].annotation, third.annotation) == (
        "decimal.Decimal | int | float",
        "decimal.Decimal | None",
    )
    shim = package_shims(planned)
    assert "a0, ok0 := new(big.Float).SetPrec(uint(prec0)).SetString(text0)" in shim
    assert "text := r0.Text('g', -1)" in shim


def test_embedded_structs_are_fields_and_promote_their_fields() -> None:
    base = GoStruct("Base", "", (GoField("ID", basic("int")),))
    embedded = GoField("Base", GoType("Base", "struct", name="Base"), embedded=True)
    promoted = (
        GoField("ID", basic("int"), via=("Base",)),
        GoField("X", basic("int"), via=("hidden",)),
    )
    item = GoStruct("Item", "", (embedded, GoField("Name", basic("string"))), promoted=promoted)
    planned = plan.plan_package(api_of(structs=(base, item)))
    [bound] = [struct for struct in planned.structs if struct.name == "Item"]
    assert [name for name, _ in bound.fields] == ["Base", "Name"]
    assert bound.promoted == (plan.PlainPromoted("ID", ("Base", "ID"), "int", "int"),)
    reasons = {item.name: item.reason for item in planned.skipped}
    assert reasons == {
        "Item.X": "promoted through the unexported field hidden, which Python's value lacks"
    }
    module = "\n".join(pymodule.struct_class(bound, stub=False))
    assert "        return self.Base.ID\n" in module and "        self.Base.ID = value" in module
    stub = "\n".join(pymodule.struct_class(bound, stub=True))
    assert "Base: _T_Base | Mapping[str, Any] | None = ...," in stub  # mypy: Base is the field
