"""crossbuild: zig runs with one shared lib directory per ziglang release, so the C runtimes it
compiles (MinGW's takes minutes) are compiled once, not once per isolated build environment."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from setuptools_golang_ext.stages import crossbuild, introspect, target

needs_ziglang = pytest.mark.skipif(
    importlib.util.find_spec("ziglang") is None, reason="needs the ziglang package"
)


def fake_zig(base: Path) -> Path:
    """A zig 'install': an executable beside a lib directory of two files, one nested."""
    (base / "lib" / "libc" / "mingw").mkdir(parents=True)
    (base / "lib" / "libc" / "mingw" / "crt.c").write_text("int crt;\n")
    (base / "lib" / "std.zig").write_text("// std\n")
    zig = base / "zig"
    zig.write_text("#!/bin/sh\n")
    return zig


@needs_ziglang
def test_the_lib_directory_is_shared_once_per_release(tmp_path: Path) -> None:
    env = {introspect.CACHE_ENV: str(tmp_path / "cache")}
    first = crossbuild.shared_zig_lib(fake_zig(tmp_path / "env1"), env)
    assert first is not None and first.parent == tmp_path / "cache"
    assert first.name.startswith("zig-lib-")
    assert (first / "libc" / "mingw" / "crt.c").read_text() == "int crt;\n"
    # Another build environment's zig of the same release gets the same directory, as it is.
    (first / "std.zig").write_text("// the first copy\n")
    second = crossbuild.shared_zig_lib(fake_zig(tmp_path / "env2"), env)
    assert second == first
    assert (second / "std.zig").read_text() == "// the first copy\n"
    assert [path.name for path in (tmp_path / "cache").iterdir()] == [first.name]  # no leftovers


@needs_ziglang
def test_the_copy_outlives_the_build_environment(tmp_path: Path) -> None:
    env = {introspect.CACHE_ENV: str(tmp_path / "cache")}
    shared = crossbuild.shared_zig_lib(fake_zig(tmp_path / "env"), env)
    shutil.rmtree(tmp_path / "env")  # pip removes an isolated build environment
    assert shared is not None and (shared / "libc" / "mingw" / "crt.c").is_file()


def test_no_sharing_when_the_user_set_zig_lib_dir_or_zig_has_no_lib(tmp_path: Path) -> None:
    env = {introspect.CACHE_ENV: str(tmp_path / "cache"), "ZIG_LIB_DIR": "/mine"}
    assert crossbuild.shared_zig_lib(fake_zig(tmp_path / "env"), env) is None
    bare = tmp_path / "bare" / "zig"
    bare.parent.mkdir()
    bare.write_text("")
    assert crossbuild.shared_zig_lib(bare, {introspect.CACHE_ENV: str(tmp_path / "c")}) is None
    assert not (tmp_path / "cache").exists()


@needs_ziglang
def test_a_cache_that_cannot_be_written_leaves_zig_its_own_lib(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    env = {introspect.CACHE_ENV: str(blocker / "cache")}  # not a directory, even for root
    assert crossbuild.shared_zig_lib(fake_zig(tmp_path / "env"), env) is None
    assert "zig runs with its own lib directory: cannot share it" in caplog.text


def test_go_runs_zig_with_the_shared_lib_directory(tmp_path: Path) -> None:
    chosen = target.parse("win_amd64")
    build = crossbuild.TargetBuild(chosen, ("/z/zig",), tmp_path / "zig-lib-0.14")
    env = build.go_environment({"PATH": "/bin"})
    assert env["ZIG_LIB_DIR"] == str(tmp_path / "zig-lib-0.14")
    assert env["CC"] == "/z/zig cc -target x86_64-windows-gnu"
    assert "ZIG_LIB_DIR" not in crossbuild.TargetBuild(chosen, ("/z/zig",)).go_environment({})


@needs_ziglang
@pytest.mark.e2e
def test_a_second_zig_install_reuses_the_compiled_c_runtime(tmp_path: Path) -> None:
    """Two copies of the installed ziglang at different paths (two isolated builds) link a
    Windows program: with the shared lib directory the second finds MinGW's compiled C runtime."""
    spec = importlib.util.find_spec("ziglang")
    assert spec is not None and spec.origin is not None
    source = tmp_path / "hello.c"
    source.write_text("int main(void) { return 0; }\n")
    # The tool's and zig's own caches, as builds use them: the first link compiles MinGW's C
    # runtime unless a Windows build of the suite (or an earlier run) did.
    env = dict(os.environ)
    seconds = []
    for install in ("env1", "env2"):
        package = Path(shutil.copytree(Path(spec.origin).parent, tmp_path / install / "ziglang"))
        shared = crossbuild.shared_zig_lib(package / "zig", env)
        assert shared is not None
        command = [str(package / "zig"), "cc", "-target", "x86_64-windows-gnu", str(source)]
        started = time.monotonic()
        subprocess.run(
            [*command, "-o", str(tmp_path / f"{install}.exe")],
            env={**env, "ZIG_LIB_DIR": str(shared)},
            check=True,
        )
        seconds.append(time.monotonic() - started)
    # Without the shared lib directory the second install's path keys a cache of its own, and
    # the link compiles MinGW's C runtime again (a minute or more on 2 cores).
    assert seconds[1] < 10.0, seconds
