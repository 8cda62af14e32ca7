"""``python -m setuptools_golang_ext COMMAND``: the tool's command line.

* ``api PATH``: the Python API an ordinary Go package would get (the ``.pyi`` stub the build
  would generate, and every exported name that would not be bound, with the reason), without
  building anything but the package's dependencies' export data;
* ``new NAME``: a new project, ready to build, test and publish (:mod:`.scaffold`);
* ``doctor``: what a build on this machine would use, and what is missing (:mod:`.doctor`);
* ``rebuild [PROJECT]``: build a project's Go extensions in place, as ``pip install -e .``
  does and as importing a changed editable install does (:mod:`.editable`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from setuptools_golang_ext.binding import codegen
from setuptools_golang_ext.binding.plain import pymodule
from setuptools_golang_ext.errors import GoExtError
from setuptools_golang_ext.frontends.extension import MINIMUM_GO, GoExtension
from setuptools_golang_ext.stages import pipeline, toolchain


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m setuptools_golang_ext")
    commands = parser.add_subparsers(dest="command", required=True)
    api = commands.add_parser(
        "api",
        help="print the Python API (the .pyi stub) a Go package would get, and what is skipped",
    )
    api.add_argument(
        "path", help="the directory of the Go package (or of the Go module, with --package)"
    )
    api.add_argument("--package", help="bind this import path instead of the package in PATH")
    api.add_argument(
        "--target", default="module", help="the dotted name of the module (for the stub)"
    )
    api.add_argument("--exclude", action="append", default=[], help="leave this name out")
    api.add_argument(
        "--instantiate",
        action="append",
        default=[],
        help='bind this instantiation of a generic function too ("Map[string, int]")',
    )
    api.add_argument("--tags", action="append", default=[], help="a Go build tag")
    new = commands.add_parser(
        "new", help="create a new project: Go, Python, tests, workflows, ready to build"
    )
    new.add_argument("name", help="the distribution name; also the project's directory")
    new.add_argument(
        "--style",
        choices=("plain", "cgo"),
        default="plain",
        help="an ordinary Go package (plain, the default) or cgo's package main with //export",
    )
    new.add_argument(
        "--mode",
        choices=("c-shared", "c-archive"),
        default="c-archive",
        help="c-archive (default: calls cost a third of c-shared's) or c-shared (also Windows)",
    )
    commands.add_parser(
        "doctor", help="show what a build on this machine would use, and what is missing"
    )
    rebuild = commands.add_parser(
        "rebuild", help="build a project's Go extensions in place, as `pip install -e .` does"
    )
    rebuild.add_argument("project", nargs="?", default=".", help="the project's directory")
    rebuild.add_argument("--for-import", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    try:
        return _COMMANDS[arguments.command](arguments)
    except GoExtError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _new(arguments: argparse.Namespace) -> int:
    from setuptools_golang_ext.frontends import scaffold  # noqa: PLC0415 - each command imports what it needs

    return scaffold.main(arguments.name, style=arguments.style, mode=arguments.mode)


def _doctor(arguments: argparse.Namespace) -> int:
    from setuptools_golang_ext.frontends import doctor  # noqa: PLC0415

    return doctor.main()


def _rebuild(arguments: argparse.Namespace) -> int:
    from setuptools_golang_ext.frontends import editable  # noqa: PLC0415

    project = Path(arguments.project).resolve()
    if not (project / "pyproject.toml").is_file() and not (project / "setup.py").is_file():
        print(f"error: {arguments.project} has no pyproject.toml or setup.py", file=sys.stderr)
        return 2
    return editable.rebuild_command(project, for_import=arguments.for_import)


def _api(arguments: argparse.Namespace) -> int:
    directory = Path(arguments.path).resolve()
    if not directory.is_dir():
        print(f"error: {arguments.path} is not a directory", file=sys.stderr)
        return 2
    extension = GoExtension(
        arguments.target,
        str(directory),
        go_package=arguments.package,
        exclude=arguments.exclude,
        build_tags=arguments.tags,
        instantiate=arguments.instantiate,
    )
    env = toolchain.toolchain_env(os.environ)
    go = toolchain.find_go(env, (*MINIMUM_GO, 0))
    planned = pipeline.read_and_plan(extension, go, directory, env)
    runtime_module = codegen.runtime_module_name([extension])
    print(pymodule.render_stub(planned, runtime_module), end="")
    if planned.skipped or planned.excluded:
        print()
    for item in planned.skipped:
        print(f"# not bound: {item.name}: {item.reason}")
    for name, reason in pipeline.python_refusals(planned):
        print(f"# Python objects cannot implement {name} (Go objects only): {reason}")
    for name in planned.excluded:
        print(f"# --exclude {name}: the package exports no such name")
    return 0


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "api": _api,
    "new": _new,
    "doctor": _doctor,
    "rebuild": _rebuild,
}
