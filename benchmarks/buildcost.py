"""Build time and size: ``example_pkg`` through the tool against a bare ``go build``, same run.

Each side has its own Go build cache: a fresh empty directory for a cold build, then the same
directory, now warm, for the warm builds. The tool builds with ``pip wheel --no-build-isolation``
from the builder venv (pip, setuptools and the tool itself are part of the figure; pip's
isolated environment is measured separately, as it is pip's cost, not the tool's).
"""

from __future__ import annotations

import shutil
import time
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from common import Plan, Results, median, say
from lab import EXAMPLE, IGNORED, Lab, pip, run

GO_EDIT_FILE = "regex.go"
NOT_MEASURED = "not measured in a --quick run (cold and isolated builds: the full run)"


@dataclass
class Side:
    """One way of building, with its own Go cache and output directory."""

    name: str
    cache: Path | None  # None: the user's Go build cache
    out: Path
    build: Callable[[Mapping[str, str], Path], None]  # (environment, output directory)

    def env(self, base: Mapping[str, str]) -> dict[str, str]:
        return {**base, "GOCACHE": str(self.cache)} if self.cache else dict(base)

    def timed(self, base: Mapping[str, str], label: str) -> float:
        out = self.out / label
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        start = time.perf_counter()
        self.build(self.env(base), out)
        return time.perf_counter() - start


def measure(lab: Lab, plan: Plan, results: Results) -> None:
    example = lab.root / "example"
    shutil.copytree(EXAMPLE, example, ignore=shutil.ignore_patterns(*IGNORED))
    bare, tool = sides(lab, example, own_caches=plan.cold_rounds > 0)
    say(
        f"builds: {plan.cold_rounds} cold, {plan.warm_rounds} warm, {plan.edit_rounds} after an edit"
    )
    measure_cold(lab, plan, results, example, (bare, tool))
    measure_warm(lab, plan, results, (bare, tool))
    measure_isolated(lab, plan, results, tool)
    measure_edit(lab, plan, results, example, (bare, tool))
    measure_sizes(lab, results, example, bare, tool)


def sides(lab: Lab, example: Path, *, own_caches: bool) -> tuple[Side, Side]:
    """The bare and the tool side; each with its own Go cache when there are cold builds to
    empty and fill it, else with the user's (warmed up by :func:`measure_warm`)."""

    def bare_build(env: Mapping[str, str], out: Path) -> None:
        command: list[str | Path] = [
            lab.go,
            "build",
            "-buildmode=c-shared",
            "-o",
            out / "libregex.so",
            ".",
        ]
        run(command, {**env, "CGO_ENABLED": "1"}, cwd=example / "go")

    def tool_build(env: Mapping[str, str], out: Path) -> None:
        pip(
            lab.builder, env, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", out, example
        )

    caches = lab.root / "gocache"
    bare_cache, tool_cache = (caches / "bare", caches / "tool") if own_caches else (None, None)
    bare = Side("bare_go", bare_cache, lab.root / "out" / "bare", bare_build)
    tool = Side("tool", tool_cache, lab.root / "out" / "tool", tool_build)
    return bare, tool


def measure_cold(
    lab: Lab, plan: Plan, results: Results, example: Path, pair: tuple[Side, Side]
) -> None:
    times: dict[str, list[float]] = {side.name: [] for side in pair}
    for round_number in range(plan.cold_rounds):
        for side in pair:
            if side.cache:
                shutil.rmtree(side.cache, ignore_errors=True)
            for leftover in ("build", "example_pkg_regex.egg-info"):
                shutil.rmtree(example / leftover, ignore_errors=True)
            times[side.name].append(side.timed(lab.pip_env, f"cold{round_number}"))
    for name, values in times.items():
        results.put(f"build_s.cold.{name}", median(values) if values else None, NOT_MEASURED)


def measure_warm(lab: Lab, plan: Plan, results: Results, pair: tuple[Side, Side]) -> None:
    if plan.cold_rounds == 0:
        for side in pair:
            side.timed(lab.pip_env, "warm-up")
    times: dict[str, list[float]] = {side.name: [] for side in pair}
    for round_number in range(plan.warm_rounds):
        for side in pair:
            times[side.name].append(side.timed(lab.pip_env, f"warm{round_number}"))
    for name, values in times.items():
        results.put(f"build_s.warm.{name}", median(values))


def measure_isolated(lab: Lab, plan: Plan, results: Results, tool: Side) -> None:
    """``pip wheel`` as most users run it: pip first installs setuptools and the tool."""
    example = lab.root / "example"

    def isolated(env: Mapping[str, str], out: Path) -> None:
        pip(lab.builder, env, "wheel", "--no-deps", "-q", "-w", out, example)

    side = Side("tool_isolated", tool.cache, tool.out, isolated)
    times = [side.timed(lab.pip_env, f"isolated{n}") for n in range(plan.isolated_rounds)]
    results.put("build_s.warm.tool_isolated", median(times) if times else None, NOT_MEASURED)


def measure_edit(
    lab: Lab, plan: Plan, results: Results, example: Path, pair: tuple[Side, Side]
) -> None:
    """``pip install -e`` again after a one-line edit of one Go file, against ``go build``."""
    bare, tool = pair
    env = tool.env(lab.pip_env)
    pip(lab.builder, env, "install", "--no-deps", "--no-build-isolation", "-q", "-e", example)

    def editable(env: Mapping[str, str], out: Path) -> None:
        pip(lab.builder, env, "install", "--no-deps", "--no-build-isolation", "-q", "-e", example)

    editable_side = Side("tool_editable", tool.cache, tool.out, editable)
    source = example / "go" / GO_EDIT_FILE
    original = source.read_text()
    times: dict[str, list[float]] = {"bare_go": [], "tool_editable": []}
    try:
        for round_number in range(plan.edit_rounds):
            for side in (bare, editable_side):
                source.write_text(f"{original}\n// benchmark edit {side.name} {round_number}\n")
                times[side.name].append(side.timed(lab.pip_env, f"edit{round_number}"))
    finally:
        source.write_text(original)
    for name, values in times.items():
        results.put(f"build_s.edit.{name}", median(values))


# --- size ------------------------------------------------------------------------------------


def measure_sizes(lab: Lab, results: Results, example: Path, bare: Side, tool: Side) -> None:
    say("size: wheels against stripped libraries")
    (example_wheel,) = (tool.out / "warm0").glob("*.whl")
    example_stripped = stripped(lab, bare.out / "warm0" / "libregex.so")
    bench_stripped = stripped(lab, lab.bare_shared)
    pairs = {
        "example": (example_wheel, example_stripped),
        "bench_c_shared": (lab.wheels["bench_shared"], bench_stripped),
        "bench_c_archive": (lab.wheels["bench_archive"], bench_stripped),
        "three_ext": (lab.wheels["three_ext"], None),
        "one_ext": (lab.wheels["one_ext"], None),
    }
    for name, (wheel, library) in pairs.items():
        results.put(f"size_bytes.{name}.wheel", wheel.stat().st_size)
        go_binaries = go_built_members(lab, wheel)
        results.put(f"size_bytes.{name}.go_binaries", sum(go_binaries.values()))
        results.put(f"count.{name}.go_binaries", len(go_binaries))
        if library is not None:
            results.put(f"size_bytes.{name}.stripped_go_build", library.stat().st_size)


def stripped(lab: Lab, library: Path) -> Path:
    output = library.with_name(library.stem + ".stripped" + library.suffix)
    run(["strip", "-o", output, library], lab.pip_env)
    return output


def go_built_members(lab: Lab, wheel: Path) -> dict[str, int]:
    """The wheel's files that Go built (``go version FILE`` knows them), with their sizes."""
    unpacked = lab.root / "unpacked" / wheel.stem
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
        names = [
            info
            for info in archive.infolist()
            if info.filename.endswith((".so", ".dylib", ".dll", ".pyd"))
        ]
    found = {}
    for info in names:
        try:
            run([lab.go, "version", unpacked / info.filename], lab.pip_env)
        except Exception:  # not a Go binary
            continue
        found[info.filename] = info.file_size
    return found
