#!/usr/bin/env python3
"""Ten Go libraries bound with no Go written: how much of each is bound, and whether every call
gives what Go gives (issue 21).

Builds the distribution of tests/data/gopkgs/libraries (the ten libraries as modules
``libs.<name>`` of one wheel, ``package =`` each) with this checkout's wheel, installs it into a
fresh venv, runs the same calls natively in Go and through the modules, and prints a Markdown
table: per library, its exported functions and methods bound over their total (``go doc -all``:
functions, methods of its exported types, methods of its exported interfaces), and the calls
compared, equal and different. ``--details`` adds what is not bound, grouped by reason, and which
calls differ. The shared code is tests/libraries.py.

``--mypy`` also installs mypy into the venv and counts its errors (``--strict``) on code that
uses each library the way its Go documentation shows (tests/e2e/libraries/usage/usage_*.py):
issue 21 wants none.

    .venv/bin/python benchmarks/libraries.py [--mode c-archive] [--details] [--mypy] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
import libraries  # noqa: E402
from venvs import Venv, build_tool_wheel, pip_command, pip_environment  # noqa: E402

from setuptools_golang_ext import _process  # noqa: E402


def say(message: str) -> None:
    print(f"[libraries {time.monotonic() - STARTED:5.1f}s] {message}", file=sys.stderr, flush=True)


STARTED = time.monotonic()


def build(work: Path, mode: str) -> tuple[Venv, str, dict[str, str]]:
    """The distribution built with this checkout's tool and installed into a fresh venv; what
    the build printed; the pip environment."""
    env = pip_environment(build_tool_wheel(work / "scratch", work / "wheelhouse"))
    builder = Venv.create(work / "builder")
    _process.run(pip_command(builder, "install", "-q", "setuptools-golang-ext"), env=env)
    project = libraries.write_project(work / "project", mode)
    say(f"building {libraries.PACKAGE} ({mode})")
    started = time.monotonic()
    # The build's warnings (the skips and their reasons) go to stderr: pip's log keeps them.
    log = work / "build.log"
    wheel_args = ["--no-deps", "--no-build-isolation", "--log", log, "-w", work / "out", project]
    _process.run(pip_command(builder, "wheel", "-v", *wheel_args), env=env)
    output = log.read_text(encoding="utf-8")
    say(f"built in {time.monotonic() - started:.1f} s")
    runtime = Venv.create(work / "runtime")
    [wheel] = sorted((work / "out").glob("*.whl"))
    _process.run(pip_command(runtime, "install", "-q", wheel), env=env)
    return runtime, output, env


def mypy_errors(runtime: Venv, work: Path, env: dict[str, str]) -> dict[str, list[str]]:
    """mypy --strict's errors on each library's usage file, by library."""
    say("mypy --strict on the usage files")
    _process.run(pip_command(runtime, "install", "-q", "mypy"), env=env)
    return libraries.mypy_errors(runtime.python, work)


def measure(work: Path, arguments: argparse.Namespace) -> None:
    runtime, output, env = build(work, arguments.mode)
    module = work / "project" / "go"
    go = libraries.native_results(module, work)
    python = libraries.python_results(runtime.python, work)
    comparisons = {name: libraries.compare(go[name], python[name]) for name in libraries.LIBRARIES}
    names = {name: libraries.go_names(module, path) for name, path in libraries.LIBRARIES.items()}
    bound = libraries.bound_names(runtime.python, work, names)
    rows = libraries.rows(names, bound, libraries.skip_reasons(output), comparisons)
    print(libraries.table(rows))
    if arguments.mypy:
        errors = mypy_errors(runtime, work, env)
        print("\n| library | mypy --strict errors on its documented usage |\n|---|---|")
        for name, found in errors.items():
            print(f"| {name} | {len(found)} |")
        if arguments.details:
            for name, found in errors.items():
                print("".join(f"\n- {name}: {error}" for error in found), end="")
            print()
    if arguments.details:
        print()
        print(libraries.details(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", default="c-archive", choices=["c-archive", "c-shared"])
    parser.add_argument("--details", action="store_true", help="what is skipped, what differs")
    parser.add_argument("--mypy", action="store_true", help="mypy --strict on documented usage")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temp dir)")
    arguments = parser.parse_args()
    if arguments.keep:
        arguments.keep.mkdir(parents=True, exist_ok=False)
        measure(arguments.keep, arguments)
    else:
        with tempfile.TemporaryDirectory(prefix="libraries-") as work:
            measure(Path(work), arguments)


if __name__ == "__main__":
    main()
