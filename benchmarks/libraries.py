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

    .venv/bin/python benchmarks/libraries.py [--mode c-archive] [--details] [--keep DIR]
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


def build(work: Path, mode: str) -> tuple[Venv, str]:
    """The distribution built with this checkout's tool and installed into a fresh venv; and
    what the build printed."""
    env = pip_environment(build_tool_wheel(work / "scratch", work / "wheelhouse"))
    builder = Venv.create(work / "builder")
    _process.run(pip_command(builder, "install", "-q", "setuptools-golang-ext"), env=env)
    project = libraries.write_project(work / "project", mode)
    say(f"building {libraries.PACKAGE} ({mode})")
    started = time.monotonic()
    output = _process.run(
        pip_command(
            builder, "wheel", "-v", "--no-deps", "--no-build-isolation", "-w", work / "out", project
        ),
        env=env,
    )
    say(f"built in {time.monotonic() - started:.1f} s")
    runtime = Venv.create(work / "runtime")
    [wheel] = sorted((work / "out").glob("*.whl"))
    _process.run(pip_command(runtime, "install", "-q", wheel), env=env)
    return runtime, output


def measure(work: Path, mode: str) -> list[libraries.Row]:
    runtime, output = build(work, mode)
    module = work / "project" / "go"
    go = libraries.native_results(module, work)
    python = libraries.python_results(runtime.python, work)
    comparisons = {name: libraries.compare(go[name], python[name]) for name in libraries.LIBRARIES}
    names = {name: libraries.go_names(module, path) for name, path in libraries.LIBRARIES.items()}
    bound = libraries.bound_names(runtime.python, work, names)
    return libraries.rows(names, bound, libraries.skip_reasons(output), comparisons)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", default="c-archive", choices=["c-archive", "c-shared"])
    parser.add_argument("--details", action="store_true", help="what is skipped, what differs")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temp dir)")
    arguments = parser.parse_args()
    if arguments.keep:
        arguments.keep.mkdir(parents=True, exist_ok=False)
        measured = measure(arguments.keep, arguments.mode)
    else:
        with tempfile.TemporaryDirectory(prefix="libraries-") as work:
            measured = measure(Path(work), arguments.mode)
    print(libraries.table(measured))
    if arguments.details:
        print()
        print(libraries.details(measured))


if __name__ == "__main__":
    main()
