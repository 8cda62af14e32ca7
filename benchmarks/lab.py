"""The benchmark's laboratory: everything built before anything is measured.

Generated modules are built the way users build them: this checkout's wheel is installed into a
fresh *builder* venv, then ``pip wheel`` builds small projects with it, and ``pip install`` puts the
wheels into a fresh *runtime* venv next to ``cffi``. The comparison libraries (the same ``add`` in
C through cffi and ctypes, a CPython C-API extension written in Go, plain cffi modules of the same
Go library) are built with the system ``cc`` and a bare ``go build``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import sysconfig
import tempfile
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import cffi
from common import Plan, Results, choose_plan, say

from setuptools_golang_ext import _process

HERE = Path(__file__).resolve().parent
# The venv and wheel helpers are the test suite's (tests/venvs.py, standard library only).
sys.path.insert(0, str(HERE.parent / "tests"))
from venvs import IGNORED, ROOT, Venv, build_tool_wheel, pip_command, pip_environment  # noqa: E402

GO_BENCH = HERE / "go" / "bench"
GO_CAPI = HERE / "go" / "capi"
GO_TRIO = HERE / "go" / "trio"
GO_PLAIN = HERE / "go" / "plain"  # an ordinary package, bound without cgo (issue 10)
GO_VALUES = HERE / "go" / "values"  # Go values richer than numbers (issue 22, valuecost.py)
C_DIR = HERE / "c"
EXAMPLE = ROOT / "example_pkg"
EXT_SUFFIX = str(sysconfig.get_config_var("EXT_SUFFIX"))
# What the other benchmark modules import from here.
__all__ = [
    "EXAMPLE",
    "HERE",
    "IGNORED",
    "ROOT",
    "Lab",
    "Venv",
    "build_lab",
    "git_commit",
    "lab_directory",
    "pip",
    "run",
]


@dataclass(frozen=True)
class Lab:
    """Paths of everything built; the measurements only read them."""

    root: Path
    go: Path
    pip_env: Mapping[str, str]
    builder: Venv
    runtime: Venv
    extra: Path  # on the workers' PYTHONPATH: C modules, capi_go, plain cffi modules
    wheels: Mapping[str, Path]  # project name -> wheel
    bare_shared: Path  # a bare `go build -buildmode=c-shared` of the bench package

    def worker_env(self) -> dict[str, str]:
        env = dict(self.pip_env)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPATH"] = str(self.extra)
        return env


def run(args: Sequence[str | Path], env: Mapping[str, str], cwd: Path | None = None) -> str:
    return _process.run(args, env=env, cwd=cwd)


@contextmanager
def lab_directory(keep: Path | None) -> Iterator[Path]:
    """A scratch directory for the lab, or *keep* emptied and kept."""
    if keep is not None:
        shutil.rmtree(keep, ignore_errors=True)
        keep.mkdir(parents=True)
        yield keep.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="sgext-bench-") as scratch:
        yield Path(scratch)


def standalone(
    argv: Sequence[str] | None,
    description: str,
    measure: Callable[[Path, Plan, Results], None],
    section: Callable[[Results], str],
) -> int:
    """The command line of a section run on its own (``--quick``, ``--json``, ``--keep``,
    ``--no-pin``): *measure* builds in the lab directory and times, *section* prints."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="fewer, shorter rounds")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build in DIR and keep it")
    parser.add_argument("--no-pin", action="store_true", help="do not pin the timing threads")
    options = parser.parse_args(argv)
    plan = choose_plan(argparse.Namespace(tiny=False, **vars(options)))
    results = Results()
    with lab_directory(options.keep) as root:
        say(f"{plan.name} run of {description[:1].lower()}{description[1:]} in {root}")
        measure(root, plan, results)
    results.info["tool_commit"] = git_commit()
    print(f"tool commit {results.info['tool_commit']}\n\n{section(results)}")
    if options.json:
        options.json.write_text(json.dumps(results.figures, indent=1, sort_keys=True) + "\n")
    return 0


def git_commit() -> str:
    """The checkout's short commit id, for the record."""
    try:
        return run(["git", "rev-parse", "--short", "HEAD"], dict(os.environ), cwd=ROOT).strip()
    except Exception:
        return "unknown"


def find_go() -> Path:
    """The Go the tool picks first: ``GO``, else ``go`` on ``PATH``."""
    found = os.environ.get("GO") or shutil.which("go")
    if not found:
        sys.exit("benchmarks need Go: put `go` on PATH or set GO")
    return Path(found)


def build_lab(root: Path, say: Callable[[str], None], *, values_only: bool = False) -> Lab:
    """Everything run.py measures; with *values_only*, what valuecost.py needs and no more."""
    go = find_go()
    env = pip_environment(build_tool_wheel(root, root / "wheelhouse"))
    say("builder venv with this checkout's wheel")
    builder = Venv.create(root / "builder", with_pip=True)  # its own pip, as a user runs it
    pip(builder, env, "install", "-q", "setuptools-golang-ext")
    projects = VALUE_PROJECTS if values_only else tuple(PROJECTS)
    say(f"bench projects: {', '.join(projects)}")
    wheels = build_bench_wheels(root, builder, env, projects)
    say("runtime venv: cffi and the bench wheels")
    runtime = Venv.create(root / "runtime")
    parent_pip(runtime, env, "install", "-q", "cffi", *(str(w) for w in wheels.values()))
    extra = root / "extra"
    extra.mkdir()
    if values_only:
        say("comparison libraries: plain cffi modules")
        bare_shared = build_plain_comparisons(root, go, env, extra)
    else:
        say("comparison libraries: C via cffi/ctypes, C-API extension in Go, plain cffi modules")
        bare_shared = build_comparisons(root, go, runtime, env, extra)
    run([runtime.python, "-m", "compileall", "-q", extra], env)  # as pip does for installed modules
    return Lab(root, go, env, builder, runtime, extra, wheels, bare_shared)


# --- pip ------------------------------------------------------------------------------------


def pip(target: Venv, env: Mapping[str, str], *args: str | Path) -> str:
    """The venv's own pip, as a user runs it."""
    return run([target.python, "-m", "pip", *args], env)


def parent_pip(target: Venv, env: Mapping[str, str], *args: str | Path) -> str:
    """This interpreter's pip acting on a venv without pip of its own."""
    return run(pip_command(target, *args), env)


def pip_wheel(builder: Venv, env: Mapping[str, str], project: Path, out: Path) -> Path:
    """``pip wheel`` with the builder venv's setuptools and tool, as a no-isolation user build."""
    pip(builder, env, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", out, project)
    (wheel,) = out.glob("*.whl")
    return wheel


# --- projects built with the tool ------------------------------------------------------------


def write_project(
    root: Path, name: str, go_source: Path, tables: Sequence[tuple[str, str, str]]
) -> Path:
    """A project ``name`` whose package ``name`` has one Go extension per (target, path, mode)."""
    project = root / "projects" / name
    shutil.copytree(go_source, project / "go", ignore=shutil.ignore_patterns(*IGNORED))
    (project / name).mkdir()
    (project / name / "__init__.py").write_text(f'"""Benchmark package {name}."""\n')
    text = textwrap.dedent(
        f"""\
        [build-system]
        requires = ["setuptools>=70.1", "setuptools-golang-ext"]
        build-backend = "setuptools_golang_ext.build_meta"

        [project]
        name = "{name.replace("_", "-")}"
        version = "1.0"
        dependencies = ["cffi"]

        [tool.setuptools]
        packages = ["{name}"]
        """
    )
    for target, path, mode in tables:
        text += f'\n[[tool.setuptools-golang-ext.ext-modules]]\ntarget = "{name}.{target}"\n'
        text += f'path = "{path}"\nmode = "{mode}"\n'
    (project / "pyproject.toml").write_text(text)
    return project


PROJECTS: Mapping[str, tuple[Path, Sequence[tuple[str, str, str]]]] = {
    "bench_shared": (GO_BENCH, [("_native", "go", "c-shared")]),
    "bench_archive": (GO_BENCH, [("_native", "go", "c-archive")]),
    # Size of three extensions of one distribution against one extension with the same exports:
    # the tool builds the three into one Go library (one runtime); the report counts the Go
    # libraries in the wheel.
    "three_ext": (
        GO_TRIO,
        [("_a", "go/a", "c-shared"), ("_b", "go/b", "c-shared"), ("_c", "go/c", "c-shared")],
    ),
    "one_ext": (GO_TRIO, [("_native", "go/solo", "c-shared")]),
    # An ordinary Go package (no cgo): the tool generates the shims; compared with bench's Add.
    "plain_shared": (GO_PLAIN, [("_plain", "go", "c-shared")]),
    "plain_archive": (GO_PLAIN, [("_plain", "go", "c-archive")]),
    # Go values richer than numbers (issue 22): valuecost.py.
    "values_shared": (GO_VALUES, [("_values", "go", "c-shared")]),
    "values_archive": (GO_VALUES, [("_values", "go", "c-archive")]),
}
VALUE_PROJECTS = ("values_shared", "values_archive")


def build_bench_wheels(
    root: Path, builder: Venv, env: Mapping[str, str], projects: Sequence[str]
) -> dict[str, Path]:
    """The wheels of *projects*, two builds at a time (nothing is timed here)."""

    def build(name: str) -> Path:
        go_source, tables = PROJECTS[name]
        project = write_project(root, name, go_source, tables)
        return pip_wheel(builder, env, project, root / "wheels" / name)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(projects, pool.map(build, projects)))


# --- comparison libraries --------------------------------------------------------------------


def build_comparisons(
    root: Path, go: Path, runtime: Venv, env: Mapping[str, str], extra: Path
) -> Path:
    build = root / "comparisons"
    build.mkdir()
    build_c_floor(build, env, extra)
    build_capi_go(go, env, extra)
    bare_shared = bare_go_build(go, GO_BENCH, "c-shared", build / "libbench.so", env)
    bare_archive = bare_go_build(go, GO_BENCH, "c-archive", build / "libbench.a", env)
    shared_library = installed_file(runtime, env, "bench_shared", "lib_native.so")
    build_plain_cffi(build, extra, shared_library, bare_archive)
    return bare_shared


def build_plain_comparisons(root: Path, go: Path, env: Mapping[str, str], extra: Path) -> Path:
    """Only ``plain_pkg``, its ABI module on a bare c-shared build (for import times)."""
    build = root / "comparisons"
    build.mkdir()
    bare_shared = bare_go_build(go, GO_BENCH, "c-shared", build / "libbench.so", env)
    bare_archive = bare_go_build(go, GO_BENCH, "c-archive", build / "libbench.a", env)
    build_plain_cffi(build, extra, bare_shared, bare_archive)
    return bare_shared


def build_c_floor(build: Path, env: Mapping[str, str], extra: Path) -> None:
    """``add`` in C: a shared library (cffi ABI, ctypes) and a cffi API-mode module."""
    source = C_DIR / "add.c"
    run(["cc", "-O2", "-shared", "-fPIC", "-o", extra / "libcadd.so", source], env)
    declaration = "int64_t add(int64_t a, int64_t b);"
    abi = cffi.FFI()
    abi.cdef(declaration)
    abi.set_source("c_abi", None)
    emit_python(abi, extra / "c_abi.py")
    api = cffi.FFI()
    api.cdef(declaration)
    api.set_source("c_api", "#include <stdint.h>\n" + declaration, sources=[str(source)])
    copy_compiled(api, build / "c_api", extra)


def copy_compiled(builder: cffi.FFI, tmpdir: Path, extra: Path) -> None:
    """Compile a cffi API-mode module with the system compiler and put it into *extra*."""
    built = Path(builder.compile(tmpdir=str(tmpdir), verbose=False))
    shutil.copy2(built, extra / built.name)


def build_capi_go(go: Path, env: Mapping[str, str], extra: Path) -> None:
    """The C-API extension in Go: ``go build -buildmode=c-shared`` straight to ``capi_go.<suffix>``."""
    include = sysconfig.get_paths()["include"]
    go_env = {**env, "CGO_ENABLED": "1", "CGO_CFLAGS": f"-O2 -I{include}"}
    output = extra / f"capi_go{EXT_SUFFIX}"
    run([go, "build", "-buildmode=c-shared", "-trimpath", "-o", output, "."], go_env, cwd=GO_CAPI)
    output.with_suffix(".h").unlink(missing_ok=True)


def bare_go_build(go: Path, package: Path, mode: str, output: Path, env: Mapping[str, str]) -> Path:
    run(
        [go, "build", f"-buildmode={mode}", "-o", output, "."],
        {**env, "CGO_ENABLED": "1"},
        cwd=package,
    )
    return output


def installed_file(runtime: Venv, env: Mapping[str, str], package: str, name: str) -> Path:
    code = f"import {package}, pathlib; print(pathlib.Path({package}.__file__).with_name({name!r}))"
    return Path(run([runtime.python, "-c", code], env).strip())


def build_plain_cffi(build: Path, extra: Path, shared_library: Path, archive: Path) -> None:
    """Plain out-of-line cffi modules of the same Go code, written as a cffi user would, in a
    package ``plain_pkg`` like the generated ones (so the package import is on both sides).

    ``plain_pkg.shared``: an ABI-mode module that opens the installed ``lib_native.so`` of
    ``bench_shared``; ``plain_pkg.archive_cffi``: an API-mode module linked with a bare ``go build
    -buildmode=c-archive`` of the same package.
    """
    package = extra / "plain_pkg"
    package.mkdir()
    (package / "__init__.py").write_text('"""Plain cffi modules of the bench package."""\n')
    cdef = (C_DIR / "bench_cdef.h").read_text()
    abi = cffi.FFI()
    abi.cdef(cdef)
    abi.set_source("plain_pkg.shared_cffi", None)
    emit_python(abi, package / "shared_cffi.py")
    (package / "shared.py").write_text(
        f'"""A plain out-of-line ABI-mode cffi module."""\nfrom .shared_cffi import ffi\n\n'
        f"lib = ffi.dlopen({str(shared_library)!r})\n"
    )
    api = cffi.FFI()
    api.cdef(cdef + SHIM_CDEF)
    api.set_source(
        "plain_pkg.archive_cffi",
        f'#include "{archive.with_suffix(".h").name}"\n{SHIM_SOURCE}',
        include_dirs=[str(archive.parent)],
        extra_objects=[str(archive)],
        libraries=["pthread"],
    )
    copy_compiled(api, build / "plain_archive", package)


# A C shim that builds the GoString in C, so Python passes bytes as a plain char* (zero-copy, no
# from_buffer, no struct conversion): what an API-mode wrapper could generate for string parameters.
SHIM_CDEF = "GoInt64 LenStringShim(char *p, ptrdiff_t n);\n"
SHIM_SOURCE = "static GoInt64 LenStringShim(char *p, ptrdiff_t n) { GoString s = {p, n}; return LenString(s); }\n"


def emit_python(builder: cffi.FFI, path: Path) -> None:
    """cffi's out-of-line ABI module, without cffi's "generating ..." line on our stdout."""
    with contextlib.redirect_stdout(io.StringIO()):
        builder.emit_python_code(str(path))
