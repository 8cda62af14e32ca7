"""``python -m setuptools_golang_ext api PATH``: the Python API an ordinary Go package would get.

It prints the ``.pyi`` stub the build would generate, and every exported name that would not
be bound with the reason, without building anything but the package's dependencies' export
data (Go's build cache keeps them for the real build).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import introspect, plan, pymodule, toolchain
from .errors import GoExtError
from .extension import MINIMUM_GO, GoExtension


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
    api.add_argument("--tags", action="append", default=[], help="a Go build tag")
    arguments = parser.parse_args(argv)
    try:
        return _api(arguments)
    except GoExtError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


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
    )
    env = toolchain.toolchain_env(os.environ)
    go = toolchain.find_go(env, (*MINIMUM_GO, 0))
    api = introspect.introspect_api(extension, go, directory, env, arguments.package or ".")
    planned = plan.plan_package(api, arguments.exclude)
    runtime_module = extension.package + "._go_runtime" if extension.package else "_go_runtime"
    print(pymodule.render_stub(planned, runtime_module), end="")
    if planned.skipped or planned.excluded:
        print()
    for item in planned.skipped:
        print(f"# not bound: {item.name}: {item.reason}")
    for name in planned.excluded:
        print(f"# --exclude {name}: the package exports no such name")
    return 0


if __name__ == "__main__":
    sys.exit(main())
