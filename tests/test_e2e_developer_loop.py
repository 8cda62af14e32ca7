"""The developer loop end to end, with real pip and real Go: projects made by ``new`` in every
style and mode (installed, their Python and Go tests, their workflows linted, what
``pip install -v`` shows), ``doctor``, and an editable install rebuilding on import (an edit,
a new file, a build error, the switch, a loaded library, two processes, a missing tool).

Everything here runs on one worker (xdist group), so that each project is built once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, Venv, run

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("developer-loop")]

SCAFFOLDS = {  # project name -> (style, mode)
    "loop-plain-shared": ("plain", "c-shared"),
    "loop-plain-archive": ("plain", "c-archive"),
    "loop-cgo-shared": ("cgo", "c-shared"),
    "loop-cgo-archive": ("cgo", "c-archive"),
}
ACTIONLINT = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"


def package_of(project: str) -> str:
    return project.replace("-", "_")


def new_project(tool: Venv, parent: Path, name: str, style: str, mode: str) -> Path:
    """``new`` run by the installed tool (its templates come from the wheel's package data)."""
    command = [tool.python, "-m", "setuptools_golang_ext", "new", name, "--style", style]
    run([*command, "--mode", mode], cwd=parent)
    return parent / name


@dataclass(frozen=True)
class Scaffolds:
    venv: Venv
    projects: Mapping[str, Path]
    pip_output: str


@pytest.fixture(scope="module")
def scaffolds(
    tmp_path_factory: pytest.TempPathFactory, builder_venv: Venv, pip_env: dict[str, str]
) -> Scaffolds:
    """The four projects, installed (not editable) with their test extra by one `pip -v`."""
    parent = tmp_path_factory.mktemp("scaffolds")
    projects = {
        name: new_project(builder_venv, parent, name, style, mode)
        for name, (style, mode) in SCAFFOLDS.items()
    }
    venv = Venv.create(parent / "venv")
    wanted = [f"{path}[test]" for path in projects.values()]
    result = venv.pip("install", "-v", *wanted, env=pip_env)
    return Scaffolds(venv, projects, result.stdout + result.stderr)


@pytest.mark.parametrize("name", SCAFFOLDS)
def test_a_new_project_passes_its_python_tests(scaffolds: Scaffolds, name: str) -> None:
    pytest_script = scaffolds.venv.python.parent / "pytest"
    result = run([pytest_script, "-q", "-p", "no:cacheprovider"], cwd=scaffolds.projects[name])
    assert "3 passed" in result.stdout


@pytest.mark.parametrize("name", SCAFFOLDS)
def test_a_new_project_passes_its_go_tests(scaffolds: Scaffolds, name: str) -> None:
    result = run(["go", "test", "./..."], cwd=scaffolds.projects[name] / "go")
    assert result.stdout.startswith("ok  \t")


@pytest.fixture(scope="module")
def linters(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """actionlint (installed with Go when it is not at hand, as .ci/run does) and zizmor."""
    here = str(Path(sys.executable).parent)
    zizmor = shutil.which("zizmor", path=here) or shutil.which("zizmor")
    if zizmor is None:
        pytest.skip("zizmor is not installed (it is in the test extra)")
    actionlint = shutil.which("actionlint", path=here) or shutil.which("actionlint")
    if actionlint is None:
        gobin = tmp_path_factory.mktemp("gobin")
        env = {**os.environ, "GOBIN": str(gobin), "GOTOOLCHAIN": "local"}
        installed = run(["go", "install", ACTIONLINT], env=env, check=False)
        if installed.returncode != 0:
            pytest.skip(f"cannot install actionlint: {installed.stderr.strip()}")
        actionlint = str(gobin / "actionlint")
    return actionlint, zizmor


@pytest.mark.parametrize("name", SCAFFOLDS)
def test_a_new_project_passes_actionlint_and_zizmor(
    scaffolds: Scaffolds, linters: tuple[str, str], name: str
) -> None:
    actionlint, zizmor = linters
    project = scaffolds.projects[name]
    workflows = sorted((project / ".github" / "workflows").glob("*.yml"))
    assert [path.name for path in workflows] == ["ci.yml", "wheels.yml"]
    run([actionlint, *workflows], cwd=project)
    run(
        [zizmor, "--offline", project / ".github" / "workflows"], cwd=project
    )  # exits 0: no findings


def test_regular_installs_never_check(scaffolds: Scaffolds) -> None:
    code = "import loop_plain_shared._native as m, pathlib; print(m.__file__)"
    installed = Path(scaffolds.venv.run_python("-c", code, cwd=ROOT.parent).stdout.strip())
    assert "site-packages" in installed.parts
    assert "_go_rebuilt" not in installed.read_text()
    assert not (installed.parent / "_go_editable.py").exists()


LIBRARY = r"\((\d+\.\d MB|\d+ kB)\)"
SUMMARIES = {
    "loop-plain-shared": r"c-shared, 2 functions and 1 type bound, none skipped, library lib_go_runtime\.so ",
    "loop-plain-archive": r"c-archive, 2 functions and 1 type bound, none skipped, library _native_cffi\.abi3\.so ",
    "loop-cgo-shared": r"c-shared, 2 exports bound, none skipped, library lib_native\.so ",
    "loop-cgo-archive": r"c-archive, 2 exports bound, none skipped, library _native_cffi\.abi3\.so ",
}


@pytest.mark.parametrize("name", SCAFFOLDS)
def test_pip_install_v_shows_each_stage_and_a_summary(scaffolds: Scaffolds, name: str) -> None:
    module = f"{package_of(name)}._native"
    mode = SCAFFOLDS[name][1]
    output = scaffolds.pip_output
    duration = r"\d+\.\d{1,2} s"
    stages = ["go list", "introspection", "header → cdef", "code generation", "install"]
    for stage in stages:
        assert re.search(rf"^ *{stage} \({re.escape(module)}\): {duration}$", output, re.M), stage
    library = "lib_native.a" if mode == "c-archive" else r"lib(_native|_go_runtime)\.so"
    assert re.search(rf"^ *go build \({library}\): {duration}$", output, re.M)
    if mode == "c-archive":
        cffi = re.escape(f"{module}_cffi")
        assert re.search(rf"^ *cffi module \({cffi}\): {duration}$", output, re.M)
    if SCAFFOLDS[name][0] == "plain":  # the shims' exports, read by cgo
        go_package = re.escape(f"example.com/{name}/native")
        assert re.search(rf"^ *cgo export headers \({go_package}\): {duration}$", output, re.M)
    summary = rf"^ *built 1 Go extension in {duration}:\n *{re.escape(module)}: {SUMMARIES[name]}{LIBRARY}$"
    assert re.search(summary, output, re.M), output


def test_doctor_in_a_new_project(scaffolds: Scaffolds, builder_venv: Venv) -> None:
    project = scaffolds.projects["loop-cgo-archive"]
    command = [builder_venv.python, "-m", "setuptools_golang_ext", "doctor"]
    result = run(command, cwd=project)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("setuptools-golang-ext ")
    assert "ok    project          loop_cgo_archive._native (c-archive)" in lines
    assert lines[-1].startswith("A build can work here")


# --- an editable install, rebuilt on import ------------------------------------------------


@dataclass
class Editable:
    venv: Venv
    project: Path
    outside: Path  # where the interpreters run: not the project, whose source would shadow nothing
    source: Path  # the Go file the tests edit
    original: str
    env: Mapping[str, str]

    def python(
        self, code: str, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return run(
            [self.venv.python, "-c", code], env=env or self.env, cwd=self.outside, check=False
        )

    def edit(self, old: str, new: str) -> None:
        text = self.source.read_text()
        assert old in text
        self.source.write_text(text.replace(old, new))

    def settle(self) -> None:
        """Back to the project as `new` made it, built."""
        for extra in self.source.parent.glob("extra*.go"):
            extra.unlink()
        if self.source.read_text() != self.original:
            self.source.write_text(self.original)
        result = self.python(ADD)
        assert result.returncode == 0, result.stderr
        assert result.stdout == "5\n"


ADD = "import loop_edit; print(loop_edit.Add(2, 3))"
REBUILT = r"rebuilding loop_edit\._native: {} \(\d+\.\d{{1,2}} s\)\n"


@pytest.fixture(scope="module")
def editable(
    tmp_path_factory: pytest.TempPathFactory, builder_venv: Venv, pip_env: dict[str, str]
) -> Iterator[Editable]:
    parent = tmp_path_factory.mktemp("editable")
    project = new_project(builder_venv, parent, "loop-edit", "plain", "c-shared")
    venv = Venv.create(parent / "venv")
    venv.pip("install", "-q", "-e", project, env=pip_env)
    env = {key: value for key, value in pip_env.items() if key != "PYTHONDONTWRITEBYTECODE"}
    source = project / "go" / "native" / "native.go"
    outside = parent / "elsewhere"
    outside.mkdir()
    yield Editable(venv, project, outside, source, source.read_text(), env)


def test_an_editable_install_brings_the_tool_along(editable: Editable) -> None:
    code = "import importlib.metadata as m; print(m.version('setuptools-golang-ext'))"
    assert editable.python(code).stdout.strip()  # the editable wheel requires it


def test_nothing_changed_nothing_is_rebuilt(editable: Editable) -> None:
    editable.settle()
    inputs = editable.project / "build" / "setuptools-golang-ext" / "inputs"
    recorded = inputs.stat().st_mtime_ns
    result = editable.python(ADD)
    assert (result.stdout, result.stderr) == ("5\n", "")
    assert inputs.stat().st_mtime_ns == recorded


def test_an_edit_is_rebuilt_on_import(editable: Editable) -> None:
    editable.settle()
    editable.edit("return a + b", "return a + b + 1")
    result = editable.python(ADD)
    assert result.stdout == "6\n"
    assert re.fullmatch(REBUILT.format(re.escape("go/native/native.go changed")), result.stderr)
    again = editable.python(ADD)
    assert (again.stdout, again.stderr) == ("6\n", "")


def test_a_new_file_with_a_new_function_is_bound_on_import(editable: Editable) -> None:
    editable.settle()
    extra = editable.source.with_name("extra.go")
    extra.write_text(
        "package native\n\n// Mul returns a*b.\nfunc Mul(a, b int64) int64 { return a * b }\n"
    )
    result = editable.python("import loop_edit._native as m; print(m.Mul(2, 3))")
    assert result.stdout == "6\n", result.stderr
    assert re.fullmatch(REBUILT.format(re.escape("go/native/extra.go added")), result.stderr)


def test_a_build_error_is_an_import_error_with_go_s_message(editable: Editable) -> None:
    editable.settle()
    editable.edit("return a + b", "return a + undefinedName")
    result = editable.python(ADD)
    assert result.returncode == 1
    first, *rest = result.stderr.splitlines()
    assert re.fullmatch(
        r"rebuilding loop_edit\._native: go/native/native\.go changed: failed \(\d+\.\d{1,2} s\)",
        first,
    )
    error = "\n".join(rest)
    assert "ImportError: loop_edit._native: rebuilding its Go code failed" in error
    assert re.search(r"native\.go:\d+:\d+: undefined: undefinedName", error), error
    log = editable.project / "build" / "setuptools-golang-ext" / "rebuild.log"
    assert f"The whole build log is in {log}." in error
    assert "undefinedName" in log.read_text()
    editable.edit("return a + undefinedName", "return a + b + 2")  # fixed: the next import builds
    fixed = editable.python(ADD)
    assert fixed.stdout == "7\n", fixed.stderr


def test_the_switch_imports_the_last_build(editable: Editable) -> None:
    editable.settle()
    editable.edit("return a + b", "return a + b + 1")
    off = editable.python(ADD, env={**editable.env, "SETUPTOOLS_GOLANG_EXT_REBUILD": "0"})
    assert (off.stdout, off.stderr) == ("5\n", "")
    assert editable.python(ADD).stdout == "6\n"


def test_a_loaded_go_library_is_not_rebuilt_under_the_process(editable: Editable) -> None:
    editable.settle()
    script = textwrap.dedent(
        f"""
        import importlib, pathlib, warnings
        import loop_edit._native as native
        source = pathlib.Path({str(editable.source)!r})
        source.write_text(source.read_text().replace("return a + b", "return a + b + 1"))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            importlib.reload(native)
        print(native.Add(2, 3))
        for warning in caught:
            print(warning.category.__name__, warning.message)
        """
    )
    result = editable.python(script)
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "5",
        "RuntimeWarning loop_edit._native needs a rebuild (go/native/native.go changed), but "
        "this process has loaded the Go library of loop_edit already, and a process holds one "
        "Go runtime: restart Python to rebuild it and use the new code (this import uses the "
        "last build)",
    ]
    assert editable.python(ADD).stdout == "6\n"  # a new process rebuilds


def test_two_processes_importing_at_once_build_once(editable: Editable) -> None:
    editable.settle()
    editable.edit("return a + b", "return a + b + 3")
    command = [editable.venv.python, "-c", ADD]
    processes = [
        subprocess.Popen(
            command,
            cwd=editable.outside,
            env=editable.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    assert [stdout for stdout, _ in outputs] == ["8\n", "8\n"], outputs
    assert sum(stderr.count("rebuilding ") for _, stderr in outputs) == 1, outputs


def test_the_rebuild_command_builds_in_place_and_reports(editable: Editable) -> None:
    editable.settle()
    editable.edit("return a + b", "return a + b + 4")
    command = [editable.venv.python, "-m", "setuptools_golang_ext", "rebuild", editable.project]
    result = run(command, env=editable.env, cwd=editable.outside)
    output = result.stdout + result.stderr  # setuptools logs INFO to stdout, warnings to stderr
    assert re.search(r"^go build \(lib_go_runtime\.so\): \d+\.\d{1,2} s$", output, re.M)
    inputs = r"^inputs for rebuilding on import \(loop-edit\): \d+\.\d{1,2} s$"
    assert re.search(inputs, output, re.M)
    assert re.search(r"^  loop_edit\._native: c-shared, 2 functions and 1 type bound", output, re.M)
    imported = editable.python(ADD)
    assert (imported.stdout, imported.stderr) == ("9\n", "")  # built already: no rebuild


def test_without_the_tool_the_import_says_how_to_fix_it(
    editable: Editable, pip_env: dict[str, str]
) -> None:
    editable.settle()
    editable.venv.pip("uninstall", "-y", "setuptools-golang-ext", env=pip_env)
    try:
        editable.edit("return a + b", "return a + b + 1")
        result = editable.python(ADD)
        assert result.returncode == 1
        assert (
            "ImportError: loop_edit._native needs a rebuild (go/native/native.go changed), "
            "and setuptools-golang-ext, which rebuilds it, is not installed in this environment"
        ) in result.stderr
        assert "SETUPTOOLS_GOLANG_EXT_REBUILD=0" in result.stderr
    finally:
        editable.venv.pip("install", "-q", "setuptools-golang-ext", env=pip_env)


def test_the_check_costs_well_under_5_ms(editable: Editable) -> None:
    """benchmarks/rebuildcheck.py's in-process figures, on this install."""
    editable.settle()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import rebuildcheck
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    check_us, inputs, import_us = rebuildcheck.check_cost(
        editable.venv.python, editable.project, "loop_edit._go_editable", editable.env
    )
    assert inputs == 4  # go.mod, native.go, its directory, pyproject.toml
    assert check_us + import_us < 5000


def test_a_c_archive_cgo_project_rebuilds_on_import(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]
) -> None:
    project = new_project(builder_venv, tmp_path, "loop-archive", "cgo", "c-archive")
    venv = Venv.create(tmp_path / "venv")
    venv.pip("install", "-q", "-e", project, env=pip_env)
    source = project / "go" / "native" / "main.go"
    source.write_text(source.read_text().replace("return a + b", "return a * b"))
    code = "import loop_archive; print(loop_archive.Add(2, 3))"
    result = run([venv.python, "-c", code], env=pip_env, cwd=tmp_path)
    assert result.stdout == "6\n"
    assert re.fullmatch(
        r"rebuilding loop_archive\._native: go/native/main\.go changed \(\d+\.\d{1,2} s\)\n",
        result.stderr,
    )
