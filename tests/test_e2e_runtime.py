"""End to end for one Go runtime per distribution: three Go extensions, one Go library.

The multi fixture is one Go module with three ``package main`` directories (alpha, beta, gamma)
that share a package of state; the distribution puts them in two Python packages.
"""

from __future__ import annotations

import json
import textwrap
import zipfile
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import (
    E2E_SCRIPTS,
    Venv,
    distribution_project,
    failed_build,
    make_project,
    run,
    wheel_files,
)

pytestmark = pytest.mark.e2e

MODES = ["c-shared", "c-archive"]
EXPORTS = {
    "alpha": ["Increment", "Name"],
    "beta": ["Count", "Fail"],
    "gamma": ["Mirror", "Parallel"],
}
TARGETS = {"alpha": "multi_pkg._alpha", "beta": "multi_pkg.sub._beta", "gamma": "multi_pkg._gamma"}


def multi_project(base: Path, mode: str, extra: str = "") -> Path:
    """A distribution with the three extensions of the multi fixture (*extra* ends the first
    extension's table)."""
    return distribution_project(base / "multi-project", "multi", TARGETS, mode, extra=extra)


def build_wheel(builder: Venv, project: Path, out: Path, env: dict[str, str]) -> Path:
    builder.pip("wheel", "--no-deps", "--no-build-isolation", "-q", "-w", out, project, env=env)
    [wheel] = wheel_files(out)
    return wheel


def go_built_files(wheel: Path, scratch: Path) -> list[str]:
    """The files of *wheel* that `go version -m` recognises as built by Go."""
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(scratch)
    found = []
    for path in sorted(scratch.rglob("*")):
        if path.is_file() and run(["go", "version", "-m", path], check=False).returncode == 0:
            found.append(path.relative_to(scratch).as_posix())
    return found


class MultiWheel(NamedTuple):
    mode: str
    path: Path


@pytest.fixture(scope="module", params=MODES)
def multi_wheel(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    builder_venv: Venv,
    pip_env: dict[str, str],
) -> MultiWheel:
    base = tmp_path_factory.mktemp(f"multi-{request.param}")
    project = multi_project(base, request.param)
    return MultiWheel(request.param, build_wheel(builder_venv, project, base / "out", pip_env))


def test_the_wheel_holds_one_go_library(multi_wheel: MultiWheel, tmp_path: Path) -> None:
    [library] = go_built_files(multi_wheel.path, tmp_path / "unpacked")
    if multi_wheel.mode == "c-shared":  # beside the runtime module
        assert library == "multi_pkg/lib_go_runtime.so"
    else:  # c-archive: linked into the first extension's cffi module, and only there
        assert library.startswith("multi_pkg/_alpha_cffi.")
    version = run(["go", "version", "-m", tmp_path / "unpacked" / library]).stdout
    assert "example.com/fixtures/multi/zz_setuptools_golang_ext_main" in version


def test_three_extensions_work_together_in_one_process(
    multi_wheel: MultiWheel,
    tmp_path: Path,
    make_venv,
    pip_env: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    env: Venv = make_venv()
    env.pip("install", "-q", multi_wheel.path, env=pip_env)
    result = json.loads(env.run_python(E2E_SCRIPTS / "check_multi.py", cwd=tmp_path).stdout)
    assert result["exports"] == EXPORTS  # each module binds its own exports only
    if multi_wheel.mode == "c-shared":  # each module's own cdef
        assert result["lib"] == EXPORTS
    else:  # c-archive: the one cffi module that carries the archive, with every export
        every = sorted(name for names in EXPORTS.values() for name in names)
        assert result["lib"] == dict.fromkeys(EXPORTS, every)
    assert result["counter"] == [5, 7, 7]  # one runtime: one copy of the shared package
    assert result["name"] == "alpha"
    assert result["mirror"] == [2, 1]
    assert result["parallel"] == 1000
    assert result["same_panic_type"]
    assert result["panic"] == ["Fail", "from beta"]
    assert result["after_panic"] == 7


def test_editable_install_builds_one_library(
    tmp_path: Path,
    make_venv,
    pip_env: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    project = multi_project(tmp_path, "c-shared")
    env: Venv = make_venv()
    env.pip("install", "-q", "-e", project, env=pip_env)
    result = json.loads(env.run_python(E2E_SCRIPTS / "check_multi.py", cwd=tmp_path).stdout)
    assert result["counter"] == [5, 7, 7]
    libraries = sorted(path.name for path in project.rglob("*.so"))
    assert libraries == ["lib_go_runtime.so"]


def test_a_second_distribution_s_go_runtime_is_warned_about(
    multi_wheel: MultiWheel,
    tmp_path: Path,
    make_venv,
    pip_env: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    other = make_project(tmp_path, "safety")  # fixture_pkg._native: its own Go runtime
    env: Venv = make_venv()
    env.pip("install", "-q", multi_wheel.path, other.root, env=pip_env)
    script = textwrap.dedent(
        """
        import warnings
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            import fixture_pkg._native as native
            import multi_pkg._alpha as alpha
            import multi_pkg.sub._beta as beta  # the same distribution: no second warning
        for warning in caught:
            print(warning.category.__name__, warning.message)
        print("calls", native.Add(1, 2), alpha.Increment(1), beta.Count())
        """
    )
    output = env.run_python("-c", script, cwd=tmp_path).stdout.splitlines()
    [warning] = [line for line in output if line.startswith("RuntimeWarning")]
    assert "multi_pkg._alpha loads a second Go runtime" in warning
    assert "fixture_pkg._native" in warning
    assert "golang/go#65050" in warning
    assert output[-1] == "calls 3 1 1"  # on Linux both work


def test_extensions_in_different_go_modules_are_refused(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]
) -> None:
    project = multi_project(tmp_path, "c-shared")
    (project / "go" / "gamma" / "go.mod").write_text("module example.com/gamma\n\ngo 1.21\n")
    output = failed_build(builder_venv, project, tmp_path / "out", pip_env)
    assert "multi_pkg._alpha and multi_pkg._gamma are in different Go modules" in output
    assert "example.com/gamma" in output
    assert "one Go runtime" in output
    assert "a single go.mod" in output  # the fix


def test_extensions_with_different_build_options_are_refused(
    tmp_path: Path, builder_venv: Venv, pip_env: dict[str, str]
) -> None:
    project = multi_project(tmp_path, "c-shared", extra='build-tags = ["extra"]\n')
    out = tmp_path / "out"
    result = builder_venv.pip(
        "wheel", "--no-deps", "--no-build-isolation", "-w", out, project, env=pip_env, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert wheel_files(out) == []
    assert (
        "Go extensions multi_pkg._alpha and multi_pkg._gamma set different `build-tags`" in output
    )
