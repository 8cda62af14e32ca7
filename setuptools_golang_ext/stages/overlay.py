"""Go code the tool adds to a build through ``go build -overlay``, never by editing user files.

The overlay maps file names in the package directories (which do not exist there, or which it
shadows) to files the tool writes in the build's temporary directory; Go compiles them as part of
the packages. What it adds:

* to package main (the first extension's package when several are built together), the runtime
  support the generated Python reads: a function that frees C memory Go returned, and the
  per-thread stacks of panic reports with the count of threads that hold one;
* to every package with exports, a helper that turns a recovered panic into such a report;
* for every export ``F``, a *guard* ``_setuptools_golang_ext_guard_F`` with ``F``'s signature that
  calls ``F`` and recovers its panics. It goes into an overlay copy of the file that declares
  ``F``, below the user's code, where ``F``'s ``C.*`` types are in scope; line numbers of the
  user's code do not move, and Go callers of ``F`` are unaffected.

The Go and C are real files in ``go/runtime/`` (gofmt-clean, spelling the names of
:mod:`.names`): the runtime support's as they are but for their package clause, the guards as
``string.Template`` files filled per export. Every function here but :func:`write_overlay` is
pure (the files are read once).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from setuptools_golang_ext import runtime
from setuptools_golang_ext.names import OVERLAY_FILE_NAME, RECOVER_FILE_NAME, STATE_FILE_NAME
from setuptools_golang_ext.stages.introspect import GoFunction, GoPackageInfo

# The runtime support's Go files and the guards' templates, real files that spell the names of
# names.py (tests check that they agree).
_PACKAGE_CLAUSE = re.compile(r"^package \w+$", re.M)


def overlay_files(
    info: GoPackageInfo,
    runtime_dir: Path,
    read: Callable[[Path], str],
    runtime_package: str = "main",
) -> dict[Path, str]:
    """Every file the tool adds to a build of the packages in *info*: the runtime support in
    *runtime_dir* (package *runtime_package*), and a recover helper and guards in every package
    that declares exports. *read* gives the current text of a Go file."""
    files = runtime_files(runtime_dir, runtime_package)
    goroutine = frozenset(function.name for function in info.exports if function.goexit)
    for source in info.sources:
        files[source.directory / RECOVER_FILE_NAME] = recover_source(source.name)
        declared = [function for function in info.exports if function.package == source.import_path]
        for name in sorted({function.file for function in declared}):
            path = source.directory / name
            in_file = [function for function in declared if function.file == name]
            files[path] = guarded_file(read(path), in_file, goroutine)
    return files


def runtime_files(directory: Path, package_name: str = "main") -> dict[Path, str]:
    """The runtime support, for the package in *directory*."""
    return {
        directory / STATE_FILE_NAME: state_source(package_name),
        directory / OVERLAY_FILE_NAME: exports_source(package_name),
    }


def exports_source(package_name: str = "main") -> str:
    """The exports of the runtime support (``go/runtime/exports.go``)."""
    return _runtime_file("exports.go", package_name)


def state_source(package_name: str = "main") -> str:
    """The C state of panic reports, defined once in the library (``go/runtime/state.go``)."""
    return _runtime_file("state.go", package_name)


def recover_source(package_name: str) -> str:
    """The helper every guard of a package defers (``go/runtime/recover.go``); it reports what
    ended the call early."""
    return _runtime_file("recover.go", package_name)


def _runtime_file(name: str, package_name: str) -> str:
    """A file of ``go/runtime``, in package *package_name*."""
    text = runtime.read(f"go/runtime/{name}")
    return _PACKAGE_CLAUSE.sub(f"package {package_name}", text, 1)


def guards_source(functions: Sequence[GoFunction], goroutine: frozenset[str]) -> str:
    """The guards of *functions* (all declared in one file), to append to that file.

    Exports named in *goroutine* may call ``runtime.Goexit``: their guard runs them on a new
    goroutine (tens of microseconds per call) so that Goexit ends that goroutine, not the process.
    """
    guards = "".join(_guard(function, function.name in goroutine) for function in functions)
    return runtime.template("go/runtime/guards.go.tmpl").substitute(guards=guards.rstrip("\n"))


def _guard(function: GoFunction, goroutine: bool) -> str:
    """One guard: ``go/runtime/guard.go.tmpl`` (or ``guard_goroutine.go.tmpl``), filled."""
    params = [f"arg{index} {value.type.go}" for index, value in enumerate(function.params)]
    results = [f"r{index} {value.type.go}" for index, value in enumerate(function.results)]
    arguments = ", ".join(f"arg{index}" for index in range(len(function.params)))
    call = f"{function.name}({arguments})"
    if results:
        call = f"{', '.join(f'r{index}' for index in range(len(results)))} = {call}"
    template = runtime.template(
        "go/runtime/guard_goroutine.go.tmpl" if goroutine else "go/runtime/guard.go.tmpl"
    )
    return template.substitute(
        name=function.name,
        params=", ".join(params),
        results=f" ({', '.join(results)})" if results else "",
        call=call,
        ret="\n\treturn" if results else "",
    )


def guarded_file(original: str, functions: Sequence[GoFunction], goroutine: frozenset[str]) -> str:
    """The user's file *original* with the guards of its *functions* appended."""
    separator = "" if original.endswith("\n") else "\n"
    return original + separator + guards_source(functions, goroutine)


def write_overlay(files: Mapping[Path, str], temp_dir: Path) -> Path:
    """Write *files* (path in a package directory → Go source) under *temp_dir*, and the
    ``-overlay`` JSON that adds them to the build; return the JSON's path."""
    temp_dir.mkdir(parents=True, exist_ok=True)
    replace = {}
    for index, (virtual, text) in enumerate(sorted(files.items())):
        real = temp_dir / f"{index}_{virtual.name}"
        real.write_bytes(text.encode())
        replace[str(virtual)] = str(real)
    overlay = temp_dir / "overlay.json"
    overlay.write_bytes(json.dumps({"Replace": replace}, indent=1, sort_keys=True).encode())
    return overlay
