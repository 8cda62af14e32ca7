"""The go build command and environment (pure), and go list / go build on tiny real packages."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from setuptools_golang_ext.errors import ConfigError, GoBuildError, ToolchainError
from setuptools_golang_ext.frontends.extension import GoExtension
from setuptools_golang_ext.stages import gobuild, overlay, toolchain
from setuptools_golang_ext.stages.gobuild import GoPackage
from setuptools_golang_ext.stages.toolchain import GoToolchain

DATA = Path(__file__).parent / "data" / "gopkgs"
SYSTEM_GO = Path("/usr/local/go/bin/go")
GO = Path("/opt/go/bin/go")
OUT = Path("/build/out/lib_native.so")

TINY_GO_MOD = "module example.com/tiny\n\ngo 1.21\n"
TINY_MAIN = """package main

// #cgo CFLAGS: -DTINY_MAGIC=42 -I${SRCDIR}/include
// #include "tiny.h"
import "C"

//export Add
func Add(a, b C.int) C.int { return a + b + C.TINY_MAGIC - 42 }

func main() {}
"""
TINY_HEADER = "#define TINY_H 1\n"


@pytest.fixture(scope="module")
def go() -> GoToolchain:
    """A real Go toolchain, found the way a build finds it."""
    env = {k: v for k, v in os.environ.items() if k != "GO"}
    if SYSTEM_GO.is_file():
        env["PATH"] = os.pathsep.join([str(SYSTEM_GO.parent), env.get("PATH", "")])
    try:
        return toolchain.find_go(env, (1, 21, 0))
    except ToolchainError as exc:  # pragma: no cover - no Go on this machine
        pytest.skip(str(exc))


def tiny_package(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "go.mod").write_text(TINY_GO_MOD)
    (root / "main.go").write_text(TINY_MAIN)
    (root / "include").mkdir()
    (root / "include" / "tiny.h").write_text(TINY_HEADER)
    return root


def run_env(ext: GoExtension) -> dict[str, str]:
    return gobuild.build_environment(ext, os.environ)


# --- library_filename ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "goos", "name"),
    [
        ("c-shared", "linux", "lib_native.so"),
        ("c-shared", "freebsd", "lib_native.so"),
        ("c-shared", "darwin", "lib_native.dylib"),
        ("c-shared", "ios", "lib_native.dylib"),
        ("c-shared", "windows", "_native.dll"),
        ("c-archive", "linux", "lib_native.a"),
        ("c-archive", "darwin", "lib_native.a"),
        ("c-archive", "windows", "lib_native.a"),
    ],
)
def test_library_filename(mode: str, goos: str, name: str) -> None:
    ext = GoExtension("pkg._native", mode=mode)  # type: ignore[arg-type]
    assert gobuild.library_filename(ext, goos) == name


# --- build_command ---------------------------------------------------------------------------


def test_build_command_defaults() -> None:
    ext = GoExtension("pkg._native")
    assert gobuild.build_command(ext, GO, OUT) == [
        str(GO),
        "build",
        "-buildmode=c-shared",
        "-trimpath",
        "-buildvcs=false",
        "-ldflags=-s -w -buildid=",
        "-o",
        str(OUT),
        ".",
    ]


def test_build_command_c_archive() -> None:
    command = gobuild.build_command(GoExtension("m", mode="c-archive"), GO, OUT)
    assert command[2] == "-buildmode=c-archive"
    assert "-buildmode=c-shared" not in command


def test_build_command_user_ldflags_after_ours() -> None:
    ext = GoExtension("m", ldflags=["-X", "main.version=1.2.3", "-extldflags=-static"])
    command = gobuild.build_command(ext, GO, OUT)
    assert "-ldflags=-s -w -buildid= -X main.version=1.2.3 -extldflags=-static" in command
    assert sum(arg.startswith("-ldflags") for arg in command) == 1


def test_build_command_quotes_ldflags_with_spaces() -> None:
    ext = GoExtension("m", ldflags=["-X", "main.greeting=hello world", "-X", "main.q=it's"])
    command = gobuild.build_command(ext, GO, OUT)
    assert "-ldflags=-s -w -buildid= -X 'main.greeting=hello world' -X \"main.q=it's\"" in command


def test_build_command_quotes_empty_ldflag() -> None:
    command = gobuild.build_command(GoExtension("m", ldflags=[""]), GO, OUT)
    assert "-ldflags=-s -w -buildid= ''" in command


def test_ldflag_with_both_quote_kinds_is_an_error() -> None:
    flag = 'main.v=it\'s "quoted"'
    with pytest.raises(ConfigError) as info:
        gobuild.build_command(GoExtension("m", ldflags=["-X", flag]), GO, OUT)
    assert repr(flag) in str(info.value) or flag in str(info.value)


def test_build_command_debug_keeps_symbols() -> None:
    command = gobuild.build_command(GoExtension("m", debug=True, ldflags=["-v"]), GO, OUT)
    assert "-ldflags=-buildid= -v" in command
    assert not any("-s -w" in arg for arg in command)


def test_build_command_tags_joined_with_commas() -> None:
    command = gobuild.build_command(GoExtension("m", build_tags=["netgo", "osusergo"]), GO, OUT)
    assert "-tags=netgo,osusergo" in command
    assert command.index("-tags=netgo,osusergo") < command.index("-o")


def test_build_command_no_tags_flag_without_tags() -> None:
    assert not any(
        arg.startswith("-tags") for arg in gobuild.build_command(GoExtension("m"), GO, OUT)
    )


def test_build_command_build_args_before_output() -> None:
    ext = GoExtension("m", build_tags=["t"], build_args=["-gcflags=all=-B", "-race"])
    command = gobuild.build_command(ext, GO, OUT)
    assert command[-5:] == ["-gcflags=all=-B", "-race", "-o", str(OUT), "."]
    assert command.index("-tags=t") < command.index("-gcflags=all=-B")


def test_build_command_never_changes_module_mode() -> None:
    command = gobuild.build_command(GoExtension("m"), GO, OUT)
    assert not any(arg.startswith("-mod") for arg in command)


# --- build_environment -----------------------------------------------------------------------


def test_build_environment_merges_extension_env() -> None:
    ext = GoExtension("m", env={"GOFLAGS": "-mod=vendor", "CC": "clang"})
    base = {"PATH": "/bin", "CC": "gcc", "CGO_ENABLED": "0"}
    env = gobuild.build_environment(ext, base)
    assert env == {
        "PATH": "/bin",
        "CC": "clang",  # the extension's env wins over the inherited one
        "GOFLAGS": "-mod=vendor",
        "CGO_ENABLED": "1",  # cgo is not optional
        "GOTOOLCHAIN": "local",
    }
    assert base == {"PATH": "/bin", "CC": "gcc", "CGO_ENABLED": "0"}


def test_build_environment_keeps_user_gotoolchain() -> None:
    assert (
        gobuild.build_environment(GoExtension("m"), {"GOTOOLCHAIN": "auto"})["GOTOOLCHAIN"]
        == "auto"
    )
    ext = GoExtension("m", env={"GOTOOLCHAIN": "go1.22.0"})
    assert gobuild.build_environment(ext, {"GOTOOLCHAIN": "auto"})["GOTOOLCHAIN"] == "go1.22.0"


def test_build_environment_cgo_cannot_be_disabled_by_extension() -> None:
    env = gobuild.build_environment(GoExtension("m", env={"CGO_ENABLED": "0"}), {})
    assert env["CGO_ENABLED"] == "1"


# --- preprocessor_flags ----------------------------------------------------------------------


def package(cgo_cflags: tuple[str, ...] = ()) -> GoPackage:
    return GoPackage(Path("/src/pkg"), "example.com/pkg", "main", Path("/src"), cgo_cflags)


def test_preprocessor_flags_package_dir_first() -> None:
    assert gobuild.preprocessor_flags(package(), {}) == ["-I/src/pkg"]


def test_preprocessor_flags_keeps_preprocessor_options() -> None:
    cflags = (
        "-I/inc/a",
        "-I",
        "/inc/b",
        "-DFOO=1",
        "-D",
        "BAR",
        "-UNDEBUG",
        "-U",
        "BAZ",
        "-isystem",
        "/sys/inc",
        "-isystem/sys/inc2",
        "-iquote",
        "/q",
        "-std=c11",
        "-include",
        "config.h",
    )
    assert gobuild.preprocessor_flags(package(cflags), {}) == ["-I/src/pkg", *cflags]


def test_preprocessor_flags_drops_compiler_options() -> None:
    cflags = ("-O2", "-Wall", "-g", "-fPIC", "-Werror", "-DKEEP", "-march=native", "-pthread")
    assert gobuild.preprocessor_flags(package(cflags), {}) == ["-I/src/pkg", "-DKEEP"]


def test_preprocessor_flags_from_cgo_cflags_env() -> None:
    env = {"CGO_CFLAGS": "-O2 -g -I/env/inc -D 'NAME=a b' -Wall -isystem /env/sys"}
    assert gobuild.preprocessor_flags(package(("-DPKG",)), env) == [
        "-I/src/pkg",
        "-DPKG",
        "-I/env/inc",
        "-D",
        "NAME=a b",
        "-isystem",
        "/env/sys",
    ]


# --- package_directory -----------------------------------------------------------------------


def test_package_directory(tmp_path: Path) -> None:
    (tmp_path / "go" / "native").mkdir(parents=True)
    ext = GoExtension("pkg._native", "go/native")
    assert gobuild.package_directory(ext, tmp_path) == (tmp_path / "go" / "native").resolve()


def test_package_directory_missing(tmp_path: Path) -> None:
    ext = GoExtension("pkg._native", "go/missing")
    with pytest.raises(ConfigError) as info:
        gobuild.package_directory(ext, tmp_path)
    message = str(info.value)
    assert "pkg._native" in message
    assert "'go/missing'" in message
    assert str((tmp_path / "go" / "missing").resolve()) in message
    assert str(tmp_path) in message
    assert "`path` is the Go package's directory, relative to" in message


def test_package_directory_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text("package main\n")
    with pytest.raises(ConfigError, match="does not exist"):
        gobuild.package_directory(GoExtension("m", "main.go"), tmp_path)


# --- go list on real packages ----------------------------------------------------------------


def test_inspect_package(go: GoToolchain, tmp_path: Path) -> None:
    directory = tiny_package(tmp_path / "tiny").resolve()
    ext = GoExtension("pkg.tiny")
    info = gobuild.inspect_package(ext, go, directory, run_env(ext))
    assert info.directory == directory
    assert info.import_path == "example.com/tiny"
    assert info.name == "main"
    assert info.module_dir == directory
    assert "-DTINY_MAGIC=42" in info.cgo_cflags
    assert f"-I{directory}/include" in info.cgo_cflags  # ${SRCDIR} is expanded
    flags = gobuild.preprocessor_flags(info, {})
    assert flags[:1] == [f"-I{directory}"]
    assert f"-I{directory}/include" in flags


def test_inspect_package_in_a_subdirectory(go: GoToolchain, tmp_path: Path) -> None:
    root = tmp_path / "mod"
    root.mkdir()
    (root / "go.mod").write_text("module example.com/mod\n\ngo 1.21\n")
    sub = root / "cmd" / "native"
    sub.mkdir(parents=True)
    (sub / "main.go").write_text('package main\n\nimport "C"\n\nfunc main() {}\n')
    ext = GoExtension("pkg._native", "cmd/native")
    info = gobuild.inspect_package(ext, go, sub.resolve(), run_env(ext))
    assert info.import_path == "example.com/mod/cmd/native"
    assert info.module_dir == root.resolve()
    assert info.cgo_cflags == ()


def test_inspect_package_reports_an_ordinary_package(go: GoToolchain, tmp_path: Path) -> None:
    # Not package main: the extension binds it as an ordinary package (see pipeline.is_plain).
    directory = tmp_path / "lib"
    directory.mkdir()
    (directory / "go.mod").write_text("module example.com/lib\n\ngo 1.21\n")
    (directory / "lib.go").write_text("package lib\n\nfunc F() {}\n")
    ext = GoExtension("pkg._lib")
    package = gobuild.inspect_package(ext, go, directory, run_env(ext))
    assert (package.name, package.import_path, package.go_files) == (
        "lib",
        "example.com/lib",
        ("lib.go",),
    )


def test_inspect_package_of_a_directory_without_go_files_that_binds_another(
    go: GoToolchain, tmp_path: Path
) -> None:
    (tmp_path / "go.mod").write_text("module example.com/empty\n\ngo 1.21\n")
    (tmp_path / "sub").mkdir()
    ext = GoExtension("pkg._uuid", go_package="github.com/google/uuid")
    package = gobuild.inspect_package(ext, go, tmp_path / "sub", run_env(ext))
    assert (package.name, package.import_path) == ("", "example.com/empty/sub")
    assert package.module_dir == tmp_path and package.module_path == "example.com/empty"


def test_inspect_package_with_only_a_tools_file_binds_through_package(
    go: GoToolchain, tmp_path: Path
) -> None:
    """The README's `//go:build tools` file (it keeps the requirement for `go mod tidy`) is all
    `path` holds: go list says the build constraints exclude all its files, which is no error
    when `package =` names what to bind."""
    (tmp_path / "go.mod").write_text("module example.com/empty\n\ngo 1.21\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "tools.go").write_text(
        '//go:build tools\n\npackage tools\n\nimport _ "github.com/google/uuid"\n'
    )
    ext = GoExtension("pkg._uuid", go_package="github.com/google/uuid")
    package = gobuild.inspect_package(ext, go, tmp_path / "sub", run_env(ext))
    assert (package.name, package.import_path) == ("", "example.com/empty/sub")


def test_inspect_package_without_go_files(go: GoToolchain, tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/empty\n\ngo 1.21\n")
    ext = GoExtension("pkg._empty")
    with pytest.raises(GoBuildError) as info:
        gobuild.inspect_package(ext, go, tmp_path, run_env(ext))
    message = str(info.value)
    assert "no Go files" in message  # go list's own words
    assert "pkg._empty" in message
    assert str(tmp_path) in message


# --- go build on real packages ---------------------------------------------------------------


def test_go_build_compile_error(go: GoToolchain, tmp_path: Path) -> None:
    source = tmp_path / "broken"
    shutil.copytree(DATA / "broken", source)
    ext = GoExtension("pkg.broken")
    env = run_env(ext)
    info = gobuild.inspect_package(ext, go, source, env)
    out = tmp_path / "out"
    with pytest.raises(GoBuildError) as error:
        gobuild.go_build(ext, go, info, out, env, overlay=overlay.runtime_files(info.directory))
    message = str(error.value)
    assert "Go extension pkg.broken: go build failed in" in message
    assert str(source) in message
    assert "broken.go:9:" in message
    assert "undefined: undefinedIdentifier" in message
    assert "exit status 1" in message
    assert "-buildmode=c-shared" in message  # the command that failed
    assert list(out.iterdir()) == []


def test_go_build_writes_library_and_header(go: GoToolchain, tmp_path: Path) -> None:
    directory = tiny_package(tmp_path / "tiny").resolve()
    ext = GoExtension("pkg._tiny")
    env = run_env(ext)
    info = gobuild.inspect_package(ext, go, directory, env)
    out = tmp_path / "out" / "nested"
    result = gobuild.go_build(
        ext, go, info, out, env, overlay=overlay.runtime_files(info.directory)
    )
    assert result.library == out / gobuild.library_filename(ext, go.goos)
    assert result.library.is_file()
    assert result.library.stat().st_size > 0
    assert result.header == out / "lib_tiny.h"
    assert "Add(int a, int b);" in result.header.read_text()
    # Nothing is written into the package directory.
    assert sorted(p.name for p in directory.iterdir()) == ["go.mod", "include", "main.go"]


def test_go_build_removes_stale_header(go: GoToolchain, tmp_path: Path) -> None:
    """A header from an earlier build must not linger: the new one declares only the tool's own
    runtime support (the overlay adds it), which the pipeline reports as "no exports"."""
    source = tmp_path / "noexports"
    shutil.copytree(DATA / "noexports", source)
    ext = GoExtension("pkg.noexports", mode="c-archive")
    env = run_env(ext)
    out = tmp_path / "out"
    out.mkdir()
    (out / "libnoexports.h").write_text("/* stale */\n")
    info = gobuild.inspect_package(ext, go, source, env)
    result = gobuild.go_build(
        ext, go, info, out, env, overlay=overlay.runtime_files(info.directory)
    )
    assert result.library == out / "libnoexports.a"
    assert result.library.is_file()
    assert result.header == out / "libnoexports.h"
    text = result.header.read_text()
    assert "stale" not in text
    prototypes = [line for line in text.splitlines() if line.startswith("extern ") and "(" in line]
    assert [line for line in prototypes if "_GoString" not in line] == [
        "extern void _setuptools_golang_ext_free(void* p);",
        "extern void _setuptools_golang_ext_free_many(void** pointers, int n);",
        "extern int* _setuptools_golang_ext_panic_count(void);",
        "extern char* _setuptools_golang_ext_take_panic(void);",
    ]
    error = gobuild.no_header_error(ext, info)
    assert "pkg.noexports" in str(error)
    assert "//export" in str(error)
