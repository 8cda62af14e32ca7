"""End to end: real Go, real pip, fresh venvs, a fresh interpreter importing the result."""

from __future__ import annotations

import difflib
import shutil
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import E2E_SCRIPTS, GOPKGS, Venv, go_exports, make_project, run, wheel_files

pytestmark = pytest.mark.e2e

GO_SOURCE_SUFFIXES = (".go", ".h", ".c", ".s")


def platform_tag() -> str:
    return sysconfig.get_platform().replace("-", "_").replace(".", "_")


def build_wheel(project: Path, out: Path, pip_env: dict[str, str], *extra: str) -> Path:
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, *extra, project],
        env=pip_env,
    )
    (wheel,) = wheel_files(out)
    return wheel


def wheel_contents(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize(
    ("mode", "tag"),
    [("c-shared", "py3-none"), ("c-archive", "cp39-abi3")],
)
def test_kitchen_wheel_installs_and_every_export_works(
    tmp_path: Path, pip_env: dict[str, str], make_venv, mode: str, tag: str
) -> None:
    """The "unseen package": declared only in pyproject.toml, every lib function checked."""
    project = make_project(tmp_path, "kitchen", mode=mode)
    wheel = build_wheel(project.root, tmp_path / "dist", pip_env)

    assert wheel.name == f"fixture_project-1.0-{tag}-{platform_tag()}.whl"
    names = set(wheel_contents(wheel))
    assert "fixture_pkg/_native.py" in names
    if mode == "c-shared":
        assert {"fixture_pkg/_native_cffi.py", "fixture_pkg/lib_native.so"} <= names
    else:
        assert "fixture_pkg/_native_cffi.abi3.so" in names
    assert not [name for name in names if name.endswith(GO_SOURCE_SUFFIXES)], names
    assert {
        "fixture_pkg/_native.pyi",
        "fixture_pkg/py.typed",
        "fixture_pkg/_go_runtime.py",
    } <= names

    env: Venv = make_venv()
    env.pip("install", "-q", wheel, env=pip_env)
    exports = len(go_exports(GOPKGS / "kitchen"))
    result = env.run_python(E2E_SCRIPTS / "check_kitchen.py", project.target, cwd=tmp_path)
    assert f"checked {exports} exports" in result.stdout
    wrapped = env.run_python(
        E2E_SCRIPTS / "check_kitchen_wrappers.py", project.target, cwd=tmp_path
    )
    assert f"checked {exports} wrappers" in wrapped.stdout


def test_setup_py_form_with_several_go_files(
    tmp_path: Path, pip_env: dict[str, str], make_venv
) -> None:
    """``setup(go_extensions=[GoExtension(...)])`` and ``pip install .`` straight from the tree."""
    project = make_project(tmp_path, "multifile", style="setup.py", mode="c-archive")
    env: Venv = make_venv()
    env.pip("install", "-q", project.root, env=pip_env)
    script = (
        "import fixture_pkg._native as m\n"
        "names = sorted(n for n in dir(m.lib) if not n.startswith('_'))\n"
        "print(names)\n"
    )
    printed = env.run_python("-c", script, cwd=tmp_path).stdout
    for name in go_exports(project.root / "go"):  # several files, at least one export
        assert f"'{name}'" in printed


@pytest.mark.parametrize("mode", ["c-shared", "c-archive"])
def test_sdist_holds_the_go_sources_and_rebuilds_the_same_wheel(
    tmp_path: Path, pip_env: dict[str, str], mode: str
) -> None:
    project = make_project(tmp_path, "kitchen", mode=mode)
    tree_wheel = build_wheel(project.root, tmp_path / "from-tree", pip_env)
    run(
        [sys.executable, "-m", "build", "--outdir", tmp_path / "build-out", project.root],
        env=pip_env,
    )

    (sdist,) = (tmp_path / "build-out").glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        members = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    go_files = {
        path.relative_to(project.root).as_posix() for path in (project.root / "go").iterdir()
    }
    assert go_files <= members
    assert "MANIFEST.in" not in members

    sdist_wheel = next((tmp_path / "build-out").glob("*.whl"))
    assert sdist_wheel.name == tree_wheel.name
    from_tree, from_sdist = wheel_contents(tree_wheel), wheel_contents(sdist_wheel)
    assert from_tree.keys() == from_sdist.keys()
    differing = [name for name, data in from_tree.items() if from_sdist[name] != data]
    assert differing == [], describe_difference(from_tree, from_sdist, differing)


def describe_difference(left: dict[str, bytes], right: dict[str, bytes], names: list[str]) -> str:
    """A unified diff of the first differing text file, to make a failure actionable."""
    for name in names:
        if name.endswith((".py", "RECORD")):
            diff = difflib.unified_diff(
                left[name].decode().splitlines(), right[name].decode().splitlines(), lineterm=""
            )
            return f"{name} differs:\n" + "\n".join(diff)
    return f"binary files differ: {names}"


def test_editable_install_builds_in_place_and_rebuilds_after_a_go_change(
    tmp_path: Path, pip_env: dict[str, str], make_venv
) -> None:
    project = make_project(tmp_path, "kitchen")
    env: Venv = make_venv()
    env.pip("install", "-q", "-e", project.root, env=pip_env)
    assert (project.root / "fixture_pkg" / "lib_native.so").is_file()
    ask = "import fixture_pkg._native as m; print(m.lib.Answer())"
    assert env.run_python("-c", ask, cwd=tmp_path).stdout.strip() == "42"

    source = project.go_file("kitchen.go")
    source.write_text(
        source.read_text().replace(
            "func Answer() int { return 42 }", "func Answer() int { return 43 }"
        )
    )
    env.pip("install", "-q", "-e", project.root, env=pip_env)
    assert env.run_python("-c", ask, cwd=tmp_path).stdout.strip() == "43"


def test_switching_mode_in_place_leaves_no_stale_module(
    tmp_path: Path, pip_env: dict[str, str], make_venv
) -> None:
    project = make_project(tmp_path, "kitchen", mode="c-shared")
    env: Venv = make_venv()
    env.pip("install", "-q", "-e", project.root, env=pip_env)
    pyproject = project.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('mode = "c-shared"', 'mode = "c-archive"'))
    env.pip("install", "-q", "-e", project.root, env=pip_env)

    package = project.root / "fixture_pkg"
    assert not (package / "lib_native.so").exists()
    assert not (package / "_native_cffi.py").exists()
    script = "import fixture_pkg._native_cffi as c; print(c.__file__)"
    assert env.run_python("-c", script, cwd=tmp_path).stdout.strip().endswith(".abi3.so")


def test_go_module_dependency_resolves_offline(
    tmp_path: Path, pip_env: dict[str, str], make_venv
) -> None:
    """A dependency through a local ``replace``: no network (GOPROXY=off), and it is in the sdist."""
    project = make_project(tmp_path, "kitchen")
    dep = project.root / "go" / "greeting"
    dep.mkdir()
    (dep / "go.mod").write_text("module example.com/greeting\n\ngo 1.21\n")
    (dep / "greeting.go").write_text(
        'package greeting\n\n// Word returns the greeting word.\nfunc Word() string { return "hello" }\n'
    )
    go_mod = project.root / "go" / "go.mod"
    go_mod.write_text(
        go_mod.read_text()
        + "\nrequire example.com/greeting v0.0.0\n\nreplace example.com/greeting => ./greeting\n"
    )
    (project.root / "go" / "word.go").write_text(
        'package main\n\nimport "C"\n\nimport "example.com/greeting"\n\n'
        "// WordLen returns the length of the dependency's word.\n//\n//export WordLen\n"
        "func WordLen() int { return len(greeting.Word()) }\n"
    )
    offline = {**pip_env, "GOPROXY": "off", "GOFLAGS": "-mod=readonly"}
    run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", tmp_path / "sdist", project.root],
        env=offline,
    )
    (sdist,) = (tmp_path / "sdist").glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        assert any(name.endswith("go/greeting/greeting.go") for name in archive.getnames())

    env: Venv = make_venv()
    env.pip("install", "-q", sdist, env=offline)
    script = "import fixture_pkg._native as m; print(m.lib.WordLen())"
    assert env.run_python("-c", script, cwd=tmp_path).stdout.strip() == str(len("hello"))


def test_optional_extension_that_fails_is_left_out_with_a_warning(
    tmp_path: Path, pip_env: dict[str, str]
) -> None:
    broken_table = """
[[tool.setuptools-golang-ext.ext-modules]]
target = "fixture_pkg._broken"
path = "go-broken"
optional = true
"""
    project = make_project(tmp_path, "kitchen", extra_table=broken_table)
    shutil.copytree(GOPKGS / "broken", project.root / "go-broken")
    result = run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-v",
            "-w",
            tmp_path / "dist",
            project.root,
        ],
        env=pip_env,
    )
    assert (
        "optional Go extension fixture_pkg._broken was not built" in result.stdout + result.stderr
    )
    (wheel,) = wheel_files(tmp_path / "dist")
    names = set(wheel_contents(wheel))
    assert "fixture_pkg/_native.py" in names
    assert not [name for name in names if "_broken" in name]
