"""The win_amd64 DLL, loaded by a Windows program under Wine.

The fixture tests/data/windows/dllcheck is built as a c-shared win_amd64 wheel (zig, from this
machine); its DLL is loaded by tests/data/windows/load_dll.c, cross-built with the same
``zig cc -target x86_64-windows-gnu``, and run with wine64. The program calls the exports through
their guards as the generated bindings do (scalars, a Go string in and a C string out, a slice,
goroutines and timers, panics of three kinds incl. a nil dereference, two results, four threads
of its own calling in at once with panics of their own) and frees results with the library's
free functions.

What it proves: the Go runtime starts inside the DLL when a Windows process loads it, its
exports have the C signatures cgo declares for windows/amd64, the guards recover panics
(including an access violation, which goes through Go's exception handler) and hand each report
to its own thread, and memory the library returns can be freed through it. What it does not:
cffi and CPython on Windows (the ABI module, the generated Python, loading the DLL from a
package) are not run; Wine is not Windows (its loader, exception dispatch and threads are its
own); win_arm64 is not run. Wine 8 has no bcryptprimitives.dll, which Go 1.22 and newer need:
the prefix gets tests/data/windows/bcryptprimitives.c built in its place.

Needs the Debian package wine64; skips, with the reason, without it.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, make_project
from platform_checks import built_wheel, cached, command, unavailable

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.platform,
    pytest.mark.skipif(
        not (sys.platform == "linux" and platform.machine() == "x86_64"),
        reason="cross builds for Windows and Wine on Linux x86_64",
    ),
]

WINDOWS = DATA / "windows"
WINE_DIRECTORIES = [Path("/usr/lib/wine"), Path("/usr/lib64/wine"), Path("/opt/wine-stable/bin")]
WINE_DLLS = Path("/usr/lib/x86_64-linux-gnu/wine/x86_64-windows")
CHECKS = [
    "LoadLibraryA",
    "GetProcAddress",
    "scalars",
    "strings",
    "slices",
    "free_many",
    "goroutines",
    "no panic pending",
    "panic (string)",
    "panic (error)",
    "panic (nil pointer)",
    "panic (index out of range)",
    "two results",
    "threads",
    "still alive",
]


def wine_program(name: str) -> str:
    search = os.pathsep.join([os.environ.get("PATH", ""), *map(str, WINE_DIRECTORIES)])
    found = shutil.which(name, path=search)
    if found is None:
        unavailable(f"{name} is not installed: apt-get install wine64 (see .ci/run)")
    return found


def zig() -> list[str]:
    """The zig of this environment's ziglang: the one the --no-build-isolation build used."""
    spec = importlib.util.find_spec("ziglang")
    assert spec is not None and spec.origin is not None, "ziglang is a test requirement"
    return [str(Path(spec.origin).parent / "zig"), "cc", "-target", "x86_64-windows-gnu"]


def wine_environment(prefix: Path) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key != "DISPLAY"}
    # No Mono or Gecko installers on the prefix's first start, no debug output.
    return {
        **environment,
        "WINEPREFIX": str(prefix),
        "WINEDEBUG": "-all",
        "WINEDLLOVERRIDES": "mscoree,mshtml=",
    }


def test_the_dll_runs_under_wine(tmp_path: Path, pip_env: dict[str, str]) -> None:
    wine = wine_program("wine64")
    project = make_project(tmp_path, "safety").root
    shutil.rmtree(project / "go")
    shutil.copytree(WINDOWS / "dllcheck", project / "go")
    env = {**pip_env, "SETUPTOOLS_GOLANG_EXT_TARGET": "win_amd64"}
    # The zig of this environment: zig compiles MinGW's C runtime once per zig install.
    pip = [sys.executable, "-m", "pip"]
    wheel = built_wheel(pip, project, tmp_path / "dist", env, "--no-build-isolation")
    assert wheel.name.endswith("-py3-none-win_amd64.whl")
    run = tmp_path / "run"
    run.mkdir()
    with zipfile.ZipFile(wheel) as archive:
        (dll,) = [name for name in archive.namelist() if name.endswith(".dll")]
        (run / "go.dll").write_bytes(archive.read(dll))
    flags = ["-O2", "-Wall", "-Wextra", "-Werror"]
    command([*zig(), *flags, "-o", run / "load_dll.exe", WINDOWS / "load_dll.c"], env=os.environ)

    with cached("wine64-prefix") as prefix:
        environment = wine_environment(prefix)
        system32 = prefix / "drive_c" / "windows" / "system32"
        if not system32.is_dir():  # a new prefix: wineboot makes it
            command([wine, "wineboot", "--init"], env=environment, timeout=300)
        if not (WINE_DLLS / "bcryptprimitives.dll").is_file():
            shim = tmp_path / "shim" / "bcryptprimitives.dll"
            shim.parent.mkdir()
            source = WINDOWS / "bcryptprimitives.c"
            command([*zig(), *flags, "-shared", "-o", shim, source, "-lbcrypt"], env=os.environ)
            shutil.copy2(shim, system32 / shim.name)
        try:
            arguments = [wine, "load_dll.exe", "go.dll"]
            result = command(arguments, env=environment, cwd=run, timeout=180, check=False)
        finally:  # the prefix's wineserver would stay a few seconds after its last program
            command([wine_program("wineserver"), "-k"], env=environment, check=False)

    report = f"exit status {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, report
    lines = result.stdout.splitlines()
    assert lines == [f"ok {check}" for check in CHECKS] + [f"checked {len(CHECKS)}, failed 0"], (
        report
    )
