"""The pure helpers of the setuptools glue: wheel tag, atomic install, stale outputs, project root."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from setuptools import Distribution

from setuptools_golang_ext.frontends.setuptools_ext import (
    install_atomically,
    project_root,
    remove_stale_outputs,
    wheel_tag,
)

DEFAULT = ("cp311", "cp311", "linux_x86_64")


# --- wheel_tag -------------------------------------------------------------------------------


@pytest.mark.parametrize("limited_api", [True, False])
def test_wheel_tag_c_shared_only(limited_api: bool) -> None:
    assert wheel_tag(DEFAULT, ["c-shared"], False, limited_api) == ("py3", "none", "linux_x86_64")
    assert wheel_tag(DEFAULT, {"c-shared"}, False, limited_api) == ("py3", "none", "linux_x86_64")


@pytest.mark.parametrize("modes", [["c-archive"], ["c-archive", "c-shared"]])
def test_wheel_tag_c_archive_with_limited_api(modes: list[str]) -> None:
    assert wheel_tag(DEFAULT, modes, False, True) == ("cp39", "abi3", "linux_x86_64")


@pytest.mark.parametrize("modes", [["c-archive"], ["c-shared", "c-archive"]])
def test_wheel_tag_c_archive_without_limited_api(modes: list[str]) -> None:
    default = ("cp313", "cp313t", "manylinux_2_28_aarch64")
    assert wheel_tag(default, modes, False, False) == default


@pytest.mark.parametrize("modes", [["c-shared"], ["c-archive"]])
def test_wheel_tag_user_c_extensions_decide(modes: list[str]) -> None:
    assert wheel_tag(DEFAULT, modes, True, True) == DEFAULT


def test_wheel_tag_without_go_extensions() -> None:
    assert wheel_tag(DEFAULT, [], False, True) == DEFAULT


def test_wheel_tag_keeps_platform() -> None:
    default = ("cp39", "cp39", "macosx_11_0_arm64")
    assert wheel_tag(default, iter(["c-shared"]), False, True) == (
        "py3",
        "none",
        "macosx_11_0_arm64",
    )
    assert wheel_tag(default, iter(["c-archive"]), False, True) == (
        "cp39",
        "abi3",
        "macosx_11_0_arm64",
    )


# --- install_atomically ----------------------------------------------------------------------


def test_install_atomically_new_file_and_parent_dirs(tmp_path: Path) -> None:
    source = tmp_path / "src" / "lib_native.so"
    source.parent.mkdir()
    source.write_bytes(b"\x7fELF new")
    destination = tmp_path / "build" / "lib" / "pkg" / "lib_native.so"
    install_atomically(source, destination)
    assert destination.read_bytes() == b"\x7fELF new"
    assert sorted(p.name for p in destination.parent.iterdir()) == ["lib_native.so"]
    assert source.read_bytes() == b"\x7fELF new"  # copied, not moved


def test_install_atomically_replaces_by_rename(tmp_path: Path) -> None:
    source = tmp_path / "new.so"
    source.write_bytes(b"new contents")
    destination = tmp_path / "pkg" / "lib_native.so"
    destination.parent.mkdir()
    destination.write_bytes(b"old contents")
    old_inode = destination.stat().st_ino
    with destination.open("rb") as loaded:  # a process that has the old library mapped
        install_atomically(source, destination)
        assert destination.stat().st_ino != old_inode
        assert loaded.read() == b"old contents"
    assert destination.read_bytes() == b"new contents"
    assert sorted(p.name for p in destination.parent.iterdir()) == ["lib_native.so"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_install_atomically_copies_mode(tmp_path: Path) -> None:
    source = tmp_path / "lib.so"
    source.write_bytes(b"x")
    source.chmod(0o755)
    destination = tmp_path / "out" / "lib.so"
    install_atomically(source, destination)
    assert stat.S_IMODE(destination.stat().st_mode) == 0o755
    source.chmod(0o644)
    install_atomically(source, destination)
    assert stat.S_IMODE(destination.stat().st_mode) == 0o644


def test_install_atomically_failure_leaves_destination_and_no_temp(tmp_path: Path) -> None:
    destination = tmp_path / "out" / "lib.so"
    destination.parent.mkdir()
    destination.write_bytes(b"old")
    with pytest.raises(FileNotFoundError):
        install_atomically(tmp_path / "missing.so", destination)
    assert destination.read_bytes() == b"old"
    assert sorted(p.name for p in destination.parent.iterdir()) == ["lib.so"]


# --- remove_stale_outputs --------------------------------------------------------------------


STALE = [
    "_native_cffi.py",
    "_native_cffi.cpython-311-x86_64-linux-gnu.so",
    "_native_cffi.abi3.so",
    "_native_cffi.pyd",
    "lib_native.so",
    "lib_native.dylib",
    "_native.dll",
]
UNRELATED = [
    "_native.py",
    "_native.pyi",
    "__init__.py",
    "_native_cffi.c",
    "lib_other.so",
    "other_cffi.py",
    "lib_native.a",
    "lib_native.h",
]


def test_remove_stale_outputs(tmp_path: Path) -> None:
    for name in STALE + UNRELATED:
        (tmp_path / name).write_text(name)
    keep = {tmp_path / "_native_cffi.abi3.so", tmp_path / "lib_native.so"}
    remove_stale_outputs(tmp_path, "_native", keep)
    remaining = sorted(p.name for p in tmp_path.iterdir())
    assert remaining == sorted([*UNRELATED, "_native_cffi.abi3.so", "lib_native.so"])


def test_remove_stale_outputs_c_archive_to_c_shared(tmp_path: Path) -> None:
    """Switching to c-shared: the old abi3 extension module would shadow the new `_cffi.py`."""
    for name in ("_native_cffi.abi3.so", "_native_cffi.py", "lib_native.so", "_native.py"):
        (tmp_path / name).write_text(name)
    remove_stale_outputs(
        tmp_path, "_native", {tmp_path / "_native_cffi.py", tmp_path / "lib_native.so"}
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "_native.py",
        "_native_cffi.py",
        "lib_native.so",
    ]


def test_remove_stale_outputs_leaves_directories(tmp_path: Path) -> None:
    (tmp_path / "_native_cffi.py").mkdir()
    remove_stale_outputs(tmp_path, "_native", set())
    assert (tmp_path / "_native_cffi.py").is_dir()


def test_remove_stale_outputs_empty_directory(tmp_path: Path) -> None:
    remove_stale_outputs(tmp_path, "_native", set())
    assert list(tmp_path.iterdir()) == []


# --- project_root ----------------------------------------------------------------------------


def test_project_root_from_setup_script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "setup.py").write_text("")
    monkeypatch.chdir(tmp_path)
    dist = Distribution()
    dist.script_name = str(project / "setup.py")
    assert project_root(dist) == project.resolve()


def test_project_root_from_relative_setup_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "setup.py").write_text("")
    monkeypatch.chdir(tmp_path)
    dist = Distribution()
    dist.script_name = "setup.py"
    assert project_root(dist) == tmp_path.resolve()


def test_project_root_from_src_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    dist = Distribution({"src_root": str(tmp_path / "elsewhere")})
    dist.script_name = str(tmp_path / "missing" / "setup.py")  # not a file
    assert project_root(dist) == (tmp_path / "elsewhere").resolve()


def test_project_root_defaults_to_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    dist = Distribution()
    dist.script_name = None
    assert project_root(dist) == tmp_path.resolve()
