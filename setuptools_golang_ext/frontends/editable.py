"""Editable (in-place) builds: what lets ``import`` rebuild Go code that changed.

An in-place build (``pip install -e .``, ``build_ext --inplace``) adds three things to the
outputs of a regular one:

* the build's inputs, recorded before it starts, in ``build/setuptools-golang-ext/inputs``
  under the project root (the Go files of every extension's package and of the packages it
  imports from the project, their directories, ``go.mod``, ``go.sum``, and the project's
  configuration files), with their modification times and sizes;
* ``<pkg>._go_editable``, a copy of :mod:`.editable_support`, beside the runtime module;
* each generated module with its body under ``if not _go_rebuilt(globals(), ROOT):``.

:func:`rebuild_in_place` is the rebuild itself (``python -m setuptools_golang_ext rebuild``):
``build_ext --inplace`` in the project, as ``pip install -e .`` runs it.
"""

from __future__ import annotations

import ast
import json
import os
import runpy
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from setuptools_golang_ext import _process, names
from setuptools_golang_ext.errors import GoBuildError, GoExtError
from setuptools_golang_ext.frontends.extension import GoExtension
from setuptools_golang_ext.runtime import editable_support
from setuptools_golang_ext.stages import gobuild
from setuptools_golang_ext.stages.toolchain import GoToolchain

SUPPORT_NAME = "_go_editable"
RUNTIME_SUFFIX = names.RUNTIME_MODULE
CONFIG_FILES = ("pyproject.toml", "setup.py", "setup.cfg")
# go list's fields for the files of a package that go into its build.
_FILE_FIELDS = (
    "GoFiles",
    "CgoFiles",
    "CFiles",
    "CXXFiles",
    "MFiles",
    "HFiles",
    "FFiles",
    "SFiles",
    "SwigFiles",
    "SwigCXXFiles",
    "SysoFiles",
    "EmbedFiles",
)


def state_directory(root: Path) -> Path:
    """Where editable builds of the project in *root* keep their records, lock and log."""
    return root.joinpath(*editable_support.STATE_DIRECTORY)


@dataclass(frozen=True)
class Inputs:
    """What a build read, as it was before the build started."""

    files: tuple[tuple[str, int, int], ...]  # (path, mtime_ns, size)
    directories: tuple[tuple[str, int, tuple[str, ...]], ...]  # (path, mtime_ns, build files)

    def text(self) -> str:
        """The inputs file, as :mod:`.editable_support` reads it."""
        tab, separator = "\t", editable_support.NAME_SEPARATOR
        lines = [editable_support.INPUTS_HEADER]
        for path, mtime, size in self.files:
            lines.append(tab.join((editable_support.FILE, str(mtime), str(size), path)))
        for path, mtime, build_files in self.directories:
            fields = (editable_support.DIRECTORY, str(mtime), separator.join(build_files), path)
            lines.append(tab.join(fields))
        return "\n".join(lines) + "\n"


def record_inputs(
    extensions: Sequence[GoExtension], go: GoToolchain, env: Mapping[str, str], root: Path
) -> Inputs:
    """The inputs of a build of *extensions* in the project *root*, as they are now."""
    files: set[Path] = {root / name for name in CONFIG_FILES if (root / name).is_file()}
    directories: set[Path] = set()
    for extension in extensions:
        directory = gobuild.package_directory(extension, root)
        directories.add(directory)
        files.update(_module_files(directory))
        for package in _project_packages(extension, go, directory, env):
            package_dir = Path(package["Dir"])
            directories.add(package_dir)
            for field in _FILE_FIELDS:
                files.update(package_dir / name for name in package.get(field) or ())
            go_mod = (package.get("Module") or {}).get("GoMod")
            if go_mod:
                files.update(_with_go_sum(Path(go_mod)))
    return Inputs(
        tuple(sorted(_file_record(root, path) for path in files if _recordable(path))),
        tuple(sorted(_directory_record(root, path) for path in directories if _recordable(path))),
    )


def write_inputs(inputs: Inputs, root: Path) -> Path:
    """Write *inputs* where the generated modules look for them (atomically: a process may
    be reading them)."""
    path = state_directory(root) / editable_support.INPUTS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_bytes(inputs.text().encode("utf-8"))
    temporary.replace(path)
    return path


def _project_packages(
    extension: GoExtension, go: GoToolchain, directory: Path, env: Mapping[str, str]
) -> Iterator[dict[str, Any]]:
    """The packages the extension builds (its own and what it imports), but those of Go's
    standard library and of the module cache, which do not change."""
    fields = ",".join(("Dir", "Standard", "Module", *_FILE_FIELDS))
    command = [str(go.executable), "list", "-e", "-deps", f"-json={fields}"]
    output = _process.run(
        [*command, *extension.tags_arguments, extension.go_package or "."],
        env=gobuild.build_environment(extension, env),
        cwd=directory,
        error=GoBuildError,
        hint=f"`go list` could not list the packages {extension.target} builds.",
    )
    unchanging = [
        Path(go.go_env[name]).resolve() for name in ("GOROOT", "GOMODCACHE") if go.go_env.get(name)
    ]
    for package in _json_stream(output):
        package_dir = package.get("Dir")
        if package.get("Standard") or not isinstance(package_dir, str):
            continue
        if not any(Path(package_dir).resolve().is_relative_to(base) for base in unchanging):
            yield package


def _json_stream(text: str) -> Iterator[dict[str, Any]]:
    """The JSON objects ``go list -json`` prints one after the other."""
    decoder = json.JSONDecoder()
    index = 0
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index == len(text):
            return
        value, index = decoder.raw_decode(text, index)
        yield value


def _module_files(directory: Path) -> list[Path]:
    """go.mod (and go.sum) of the Go module *directory* is in, found as Go finds it."""
    for candidate in (directory, *directory.parents):
        if (candidate / "go.mod").is_file():
            return _with_go_sum(candidate / "go.mod")
    return []


def _with_go_sum(go_mod: Path) -> list[Path]:
    return [path for path in (go_mod, go_mod.with_name("go.sum")) if path.is_file()]


def _recordable(path: Path) -> bool:
    # The inputs file separates fields by tabs and records by newlines.
    return "\t" not in str(path) and "\n" not in str(path)


def _relative(root: Path, path: Path) -> str:
    resolved = path.resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:  # a module a `replace` points to outside the project
        return str(resolved)


def _file_record(root: Path, path: Path) -> tuple[str, int, int]:
    status = path.stat()
    return _relative(root, path), status.st_mtime_ns, status.st_size


def _directory_record(root: Path, path: Path) -> tuple[str, int, tuple[str, ...]]:
    build_files = [
        item.name for item in path.iterdir() if editable_support.is_build_file(item.name)
    ]
    return _relative(root, path), path.stat().st_mtime_ns, tuple(sorted(build_files))


def support_module_name(runtime_module: str) -> str:
    """``pkg._go_editable`` beside the runtime module ``pkg._go_runtime``."""
    assert runtime_module.endswith(RUNTIME_SUFFIX), runtime_module
    return runtime_module[: -len(RUNTIME_SUFFIX)] + SUPPORT_NAME


def support_source() -> str:
    """The text of ``<pkg>._go_editable``: a copy of :mod:`.editable_support`."""
    source = Path(editable_support.__file__).read_bytes().decode("utf-8")
    return f"# {names.GENERATED_MARKER}\n{source}"


def module_source(source: str, support_module: str, root: Path) -> str:
    """The generated module *source* of an editable build: its body runs only when the check
    finds nothing to rebuild (else the rebuilt module's code runs in its place)."""
    lines = source.splitlines(keepends=True)
    tree = ast.parse(source)
    start = _body_start(tree)
    inside_strings = _string_continuation_lines(tree)
    body = [
        line if number in inside_strings or not line.strip() else "    " + line
        for number, line in enumerate(lines[start:], start + 1)
    ]
    check = [
        "\n",
        "# An editable build: when a Go input changed since the last build, the Go code is\n",
        "# rebuilt first and the new module runs instead of this one (the check costs a stat\n",
        "# per input; SETUPTOOLS_GOLANG_EXT_REBUILD=0 turns it off).\n",
        f"from {support_module} import _go_rebuilt\n",
        "\n",
        f"if not _go_rebuilt(globals(), {str(root)!r}):\n",
    ]
    return "".join([*lines[:start], *check, *body])


def _body_start(tree: ast.Module) -> int:
    """The number of lines before the body: the docstring and ``from __future__`` imports."""
    end = 0
    for index, statement in enumerate(tree.body):
        docstring = (
            index == 0
            and isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        )
        future = isinstance(statement, ast.ImportFrom) and statement.module == "__future__"
        if not (docstring or future):
            break
        end = statement.end_lineno or statement.lineno
    return end


def _string_continuation_lines(tree: ast.Module) -> set[int]:
    """Lines (1-based) that continue a string literal begun on an earlier line: indenting them
    would change the string."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        string = isinstance(node, ast.JoinedStr) or (
            isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))
        )
        if string and isinstance(node, ast.expr) and node.end_lineno:
            lines.update(range(node.lineno + 1, node.end_lineno + 1))
    return lines


def rebuild_in_place(root: Path) -> None:
    """Build the Go extensions of the project in *root* in place, as ``pip install -e .``
    does (``build_ext --inplace``, through the project's setup.py if it has one). setuptools
    reports a failure as ``SystemExit("error: ...")``."""
    state = state_directory(root)
    arguments = ["build_ext", "--inplace", "--build-temp", str(state / "temp")]
    arguments += ["--build-lib", str(state / "lib")]
    os.chdir(root)
    sys.path.insert(0, str(root))  # as when setup.py runs: it may import the project
    script = root / "setup.py"
    sys.argv = ["setup.py", *arguments]
    if script.is_file():
        runpy.run_path(str(script), run_name="__main__")
        return
    from setuptools import setup  # noqa: PLC0415 - heavy, and only needed here

    setup()


def rebuild_command(root: Path, *, for_import: bool) -> int:
    """``python -m setuptools_golang_ext rebuild [PROJECT]``. With *for_import* (the import
    check runs it so), stdout carries nothing but the error message of a failed build, and
    everything else goes to stderr (the rebuild log)."""
    report = sys.stderr
    if for_import:
        sys.stdout.flush()
        report = os.fdopen(os.dup(1), "w", encoding="utf-8")
        os.dup2(2, 1)  # setuptools, the C compiler and the rest write to the log
    try:
        rebuild_in_place(root)
    except SystemExit as exc:  # setuptools' way to report an error: "error: <message>"
        if exc.code in (None, 0):
            return 0
        message = str(exc.code).removeprefix("error: ")
    except GoExtError as exc:  # raised before setuptools runs a command (configuration)
        message = str(exc)
    except Exception as exc:  # a setup.py can raise anything: say what
        message = f"{type(exc).__name__}: {exc}"
    else:
        return 0
    print(f"error: {message}", file=sys.stderr, flush=True)  # the log ends with it too
    if for_import:
        print(message, file=report, flush=True)
    return 1
