"""The files an sdist needs to rebuild a Go extension: module root, walk rules, local replaces."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import pytest

from setuptools_golang_ext.stages import sources


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"// {name}\n")


def go_mod(directory: Path, module: str, *lines: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    body = "\n".join([f"module {module}", "", "go 1.21", "", *lines, ""])
    (directory / "go.mod").write_text(body)


def files(package_dir: Path, project: Path, exclude: Iterable[Path] = ()) -> list[str]:
    return sources.go_source_files(package_dir, project, exclude=list(exclude))


# --- module_root -----------------------------------------------------------------------------


def test_module_root_is_the_go_mod_above_the_package(tmp_path: Path) -> None:
    go_mod(tmp_path / "go", "example.com/m")
    package = tmp_path / "go" / "cmd" / "native"
    package.mkdir(parents=True)
    assert sources.module_root(package, tmp_path) == tmp_path / "go"


def test_module_root_of_a_package_with_its_own_go_mod(tmp_path: Path) -> None:
    go_mod(tmp_path / "go", "example.com/m")
    go_mod(tmp_path / "go" / "native", "example.com/native")
    assert sources.module_root(tmp_path / "go" / "native", tmp_path) == tmp_path / "go" / "native"


def test_module_root_at_project_root(tmp_path: Path) -> None:
    go_mod(tmp_path, "example.com/m")
    (tmp_path / "native").mkdir()
    assert sources.module_root(tmp_path / "native", tmp_path) == tmp_path


def test_module_root_stops_at_project_root(tmp_path: Path) -> None:
    go_mod(tmp_path, "example.com/outside")  # above the project: not ours to ship
    project = tmp_path / "project"
    package = project / "go" / "native"
    package.mkdir(parents=True)
    assert sources.module_root(package, project) == package


# --- which files -----------------------------------------------------------------------------


def test_files_of_a_module(tmp_path: Path) -> None:
    module = tmp_path / "go"
    go_mod(module, "example.com/m")
    touch(
        module,
        "go.sum",
        "go.work",
        "go.work.sum",
        "native/main.go",
        "native/main_test.go",
        "native/helper.c",
        "native/helper.h",
        "native/asm_amd64.s",
        "native/asm_arm64.S",
        "native/wrap.cc",
        "native/rsrc_windows_amd64.syso",
        "internal/util/util.go",
        "README.md",
        "native/notes.txt",
        "native/Makefile",
    )
    assert files(module / "native", tmp_path) == [
        "go/go.mod",
        "go/go.sum",
        "go/go.work",
        "go/go.work.sum",
        "go/internal/util/util.go",
        "go/native/asm_amd64.s",
        "go/native/asm_arm64.S",
        "go/native/helper.c",
        "go/native/helper.h",
        "go/native/main.go",
        "go/native/main_test.go",
        "go/native/rsrc_windows_amd64.syso",
        "go/native/wrap.cc",
    ]


def test_vendor_is_shipped_whole(tmp_path: Path) -> None:
    module = tmp_path / "go"
    go_mod(module, "example.com/m")
    touch(
        module,
        "main.go",
        "vendor/modules.txt",
        "vendor/example.org/dep/dep.go",
        "vendor/example.org/dep/LICENSE",
        "vendor/example.org/dep/data.bin",
        "vendor/example.org/dep/testdata/x.json",
        "vendor/example.org/dep/_internal/y.go",
        "vendor/example.org/dep/.hidden/z.go",
    )
    assert files(module, tmp_path) == [
        "go/go.mod",
        "go/main.go",
        "go/vendor/example.org/dep/.hidden/z.go",
        "go/vendor/example.org/dep/LICENSE",
        "go/vendor/example.org/dep/_internal/y.go",
        "go/vendor/example.org/dep/data.bin",
        "go/vendor/example.org/dep/dep.go",
        "go/vendor/example.org/dep/testdata/x.json",
        "go/vendor/modules.txt",
    ]


def test_directories_go_ignores_are_skipped(tmp_path: Path) -> None:
    go_mod(tmp_path, "example.com/m")
    touch(
        tmp_path,
        "main.go",
        ".git/hooks/x.go",
        ".cache/y.go",
        "_old/z.go",
        "__pycache__/w.c",
        "testdata/fixture.go",
        "sub/testdata/fixture.go",
        "sub/sub.go",
    )
    assert files(tmp_path, tmp_path) == ["go.mod", "main.go", "sub/sub.go"]


def test_nested_modules_virtualenvs_and_egg_info_are_skipped(tmp_path: Path) -> None:
    go_mod(tmp_path, "example.com/m")
    touch(tmp_path, "main.go")
    go_mod(tmp_path / "tools", "example.com/m/tools")
    touch(tmp_path, "tools/tools.go")
    touch(tmp_path, "venv/pyvenv.cfg", "venv/lib/python3.11/site-packages/cffi/x.c")
    touch(tmp_path, "example_pkg.egg-info/SOURCES.c", "example_pkg/helper.c")
    assert files(tmp_path, tmp_path) == ["example_pkg/helper.c", "go.mod", "main.go"]


def test_excluded_directories_are_skipped(tmp_path: Path) -> None:
    go_mod(tmp_path, "example.com/m")
    touch(
        tmp_path,
        "main.go",
        "build/temp.linux-x86_64/_native_cffi.c",
        "dist/other/x.go",
        "keep/k.go",
    )
    assert files(tmp_path, tmp_path, exclude=[tmp_path / "build", tmp_path / "dist"]) == [
        "go.mod",
        "keep/k.go",
        "main.go",
    ]


def test_exclude_given_relative_to_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    go_mod(tmp_path, "example.com/m")
    touch(tmp_path, "main.go", "build/x.c")
    monkeypatch.chdir(tmp_path)
    assert files(Path(), Path(), exclude=[Path("build")]) == ["go.mod", "main.go"]


def test_package_without_go_mod(tmp_path: Path) -> None:
    touch(tmp_path, "setup.py", "go/native/main.go", "go/native/sub/x.go", "go/other/o.go")
    assert files(tmp_path / "go" / "native", tmp_path) == [
        "go/native/main.go",
        "go/native/sub/x.go",
    ]


def test_paths_are_sorted_posix_and_relative(tmp_path: Path) -> None:
    go_mod(tmp_path / "go", "example.com/m")
    touch(tmp_path / "go", "b/b.go", "a/z.go", "a/a.go", "B/c.go", "main.go")
    result = files(tmp_path / "go", tmp_path)
    assert result == sorted(result)
    assert result == ["go/B/c.go", "go/a/a.go", "go/a/z.go", "go/b/b.go", "go/go.mod", "go/main.go"]
    assert all("\\" not in path and not Path(path).is_absolute() for path in result)


# --- replace directives ----------------------------------------------------------------------


def test_local_replacements(tmp_path: Path) -> None:
    root = tmp_path / "go"
    go_mod(
        root,
        "example.com/m",
        "replace example.com/a => ../a",
        "replace example.com/b v1.2.3 => ./b // vendored fork",
        "replace (",
        "\texample.com/c => ../c",
        "\texample.com/d v0.1.0 => example.com/d v0.2.0",
        "\texample.com/missing => ../missing",
        ")",
        "replace example.com/e => /abs/e",
    )
    for name in ("a", "c"):
        (tmp_path / name).mkdir()
    (root / "b").mkdir()
    assert sources.local_replacements(root) == [
        (tmp_path / "a").resolve(),
        (root / "b").resolve(),
        (tmp_path / "c").resolve(),
    ]


def test_local_replacements_without_go_mod(tmp_path: Path) -> None:
    assert sources.local_replacements(tmp_path) == []


def test_local_replace_inside_project_is_shipped(tmp_path: Path) -> None:
    go_mod(tmp_path / "go" / "native", "example.com/native", "replace example.com/lib => ../lib")
    touch(tmp_path / "go" / "native", "main.go")
    go_mod(tmp_path / "go" / "lib", "example.com/lib")
    touch(tmp_path / "go" / "lib", "lib.go", "lib.h", "docs/readme.md")
    touch(tmp_path / "go", "unrelated/u.go")  # in neither module
    assert files(tmp_path / "go" / "native", tmp_path) == [
        "go/lib/go.mod",
        "go/lib/lib.go",
        "go/lib/lib.h",
        "go/native/go.mod",
        "go/native/main.go",
    ]


def test_local_replace_of_a_nested_module_is_shipped(tmp_path: Path) -> None:
    """A nested module is skipped by the walk of its parent, but shipped when replaced to."""
    go_mod(tmp_path, "example.com/m", "replace example.com/m/third => ./third")
    touch(tmp_path, "main.go")
    go_mod(tmp_path / "third", "example.com/m/third")
    touch(tmp_path, "third/t.go")
    go_mod(tmp_path / "other", "example.com/m/other")
    touch(tmp_path, "other/o.go")
    assert files(tmp_path, tmp_path) == ["go.mod", "main.go", "third/go.mod", "third/t.go"]


def test_local_replace_outside_project_warns(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = tmp_path / "project"
    go_mod(project, "example.com/m", "replace example.com/shared => ../shared")
    touch(project, "main.go")
    go_mod(tmp_path / "shared", "example.com/shared")
    touch(tmp_path, "shared/s.go")
    with caplog.at_level(logging.WARNING, logger="setuptools_golang_ext"):
        assert files(project, project) == ["go.mod", "main.go"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert str((tmp_path / "shared").resolve()) in warnings[0]
    assert "outside the project" in warnings[0]
    assert "sdist" in warnings[0]


def test_go_embed_files_are_shipped(tmp_path: Path) -> None:
    go_mod(tmp_path, "example.com/m")
    (tmp_path / "main.go").write_text(
        'package main\n\nimport (\n\t"C"\n\t_ "embed"\n)\n\n'
        "//go:embed version.txt\nvar version string\n\nfunc main() {}\n"
    )
    touch(tmp_path, "version.txt")
    assert "version.txt" in files(tmp_path, tmp_path)
