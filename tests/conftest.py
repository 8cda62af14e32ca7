"""Shared fixtures for the end-to-end tests: our wheel, fresh venvs, fixture projects, pip runs.

End-to-end tests build real Go with real pip in fresh virtual environments and import the result
in a fresh interpreter. Go's build cache is the user's default one, shared by every build here.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import venvs
from venvs import ROOT, build_tool_wheel, pip_command, pip_environment

from setuptools_golang_ext.stages.introspect import GoField, export_field

TESTS = ROOT / "tests"
DATA = ROOT / "tests" / "data"
GOPKGS = DATA / "gopkgs"
E2E_SCRIPTS = ROOT / "tests" / "e2e"
PYTHON_PACKAGE = "fixture_pkg"


def run(
    args: Sequence[str | os.PathLike[str]],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run a command; on an unexpected failure, fail the test with everything it printed."""
    completed = subprocess.run(
        [str(arg) for arg in args],
        env=dict(env) if env is not None else None,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if check and completed.returncode != 0:
        pytest.fail(
            f"command failed ({completed.returncode}): {' '.join(map(str, args))}\n"
            f"--- stdout ---\n{completed.stdout}\n--- stderr ---\n{completed.stderr}"
        )
    return completed


def go_available() -> bool:
    return shutil.which("go") is not None


# Two fixed, different seeds: string hashes, and so the iteration order of sets of strings,
# differ between the two interpreters (and from this one's, which is random).
HASH_SEEDS = ("1", "2")


def generated_in_fresh_interpreters(module: str, function: str) -> list[dict[str, bytes]]:
    """What ``tests/<module>.py``'s *function* returns (texts by name), computed in one fresh
    interpreter per :data:`HASH_SEEDS` value, as UTF-8 bytes.

    Output that depends on string hashes, set order or object addresses differs between them,
    where two calls in one process agree."""
    code = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(TESTS)!r})\n"
        f"from {module} import {function}\n"
        f"sys.stdout.write(json.dumps({function}()))\n"
    )
    outputs = []
    for seed in HASH_SEEDS:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        texts: dict[str, str] = json.loads(run([sys.executable, "-c", code], env=env).stdout)
        outputs.append({name: text.encode() for name, text in texts.items()})
    return outputs


def assert_same_bytes(*outputs: dict[str, bytes]) -> None:
    """Every output has the same names, and the same bytes under each name."""
    first, *others = outputs
    assert first, "nothing was generated"
    for other in others:
        assert list(other) == list(first)
        differing = [name for name, data in first.items() if other[name] != data]
        assert differing == [], f"different bytes for {differing}"


def shared_across_workers(
    factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]
) -> Path:
    """A directory that ``make(directory)`` fills once per test session, however many xdist
    workers ask for it: the first one makes it under a lock while the others wait, then all use
    it (read-only). A failed ``make`` leaves nothing behind; the next one asking tries again."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the session's directory, above each worker's own
    directory = root / "shared" / name
    directory.parent.mkdir(exist_ok=True)
    with (directory.parent / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (directory / ".made").exists():
            shutil.rmtree(directory, ignore_errors=True)
            directory.mkdir()
            try:
                make(directory)
            except BaseException:
                shutil.rmtree(directory, ignore_errors=True)
                raise
            (directory / ".made").touch()
    return directory


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding the setuptools-golang-ext wheel built from this checkout."""

    def make(directory: Path) -> None:
        build_tool_wheel(directory / "source", directory / "wheels")

    return shared_across_workers(tmp_path_factory, "wheelhouse", make) / "wheels"


@pytest.fixture(scope="session")
def pip_env(wheelhouse: Path) -> dict[str, str]:
    """The environment for pip runs: our wheel is findable, nothing asks questions."""
    return pip_environment(wheelhouse)


@dataclass(frozen=True)
class Venv(venvs.Venv):
    """A fresh virtual environment, driven by the test interpreter's pip (``pip --python``)."""

    def pip(
        self, *args: str | os.PathLike[str], env: Mapping[str, str], check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        return run(pip_command(self, *args), env=env, check=check)

    def run_python(
        self, *args: str | os.PathLike[str], cwd: Path, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run this venv's interpreter in *cwd* (outside any project, so imports are the installed ones)."""
        return run([self.python, *args], cwd=cwd, env=env)


@pytest.fixture
def make_venv(tmp_path: Path):  # type: ignore[no-untyped-def]
    counter = iter(range(100))

    def make() -> Venv:
        return Venv.create(tmp_path / f"venv{next(counter)}")

    return make


@pytest.fixture(scope="session")
def builder_venv(tmp_path_factory: pytest.TempPathFactory, pip_env: dict[str, str]) -> Venv:
    """A venv with setuptools-golang-ext installed, for ``pip wheel --no-build-isolation`` runs."""
    builder = Venv.create(tmp_path_factory.mktemp("builder") / "venv")
    builder.pip("install", "-q", "setuptools-golang-ext", env=pip_env)
    return builder


@dataclass
class Project:
    root: Path
    target: str

    def go_file(self, name: str) -> Path:
        return self.root / "go" / name


def project_header(name: str, packages: Sequence[str]) -> str:
    """The start of a test project's pyproject.toml: this tool as its build backend, version
    1.0, cffi as its dependency, *packages* as its Python packages."""
    return textwrap.dedent(
        f"""\
        [build-system]
        requires = ["setuptools>=70.1", "setuptools-golang-ext"]
        build-backend = "setuptools_golang_ext.build_meta"

        [project]
        name = "{name}"
        version = "1.0"
        dependencies = ["cffi"]

        [tool.setuptools]
        packages = {json.dumps(list(packages))}
        """
    )


def make_project(
    base: Path,
    fixture: str,
    *,
    mode: str = "c-shared",
    style: str = "pyproject",
    name: str = "fixture-project",
    extra_table: str = "",
) -> Project:
    """A project with one Go extension ``fixture_pkg._native`` built from tests/data/gopkgs/*fixture*."""
    root = base / name
    shutil.copytree(GOPKGS / fixture, root / "go")
    (root / PYTHON_PACKAGE).mkdir()
    (root / PYTHON_PACKAGE / "__init__.py").write_text('"""A package with a Go extension."""\n')
    target = f"{PYTHON_PACKAGE}._native"
    build_system = project_header(name, [PYTHON_PACKAGE])
    if style == "pyproject":
        table = textwrap.dedent(
            f"""
            [[tool.setuptools-golang-ext.ext-modules]]
            target = "{target}"
            path = "go"
            mode = "{mode}"
            """
        )
        (root / "pyproject.toml").write_text(build_system + table + extra_table)
    else:
        (root / "pyproject.toml").write_text(build_system + extra_table)
        (root / "setup.py").write_text(
            textwrap.dedent(
                f"""\
                from setuptools import setup
                from setuptools_golang_ext import GoExtension

                setup(go_extensions=[GoExtension("{target}", "go", mode="{mode}")])
                """
            )
        )
    return Project(root, target)


def distribution_project(
    root: Path,
    fixture: str,
    targets: Mapping[str, str],
    mode: str,
    *,
    extra: str = "",
) -> Path:
    """A distribution *root* (named after it) with one Go extension per entry of *targets*
    (directory of tests/data/gopkgs/*fixture* → target module), in *mode*, and the Python
    packages they go into; *extra* ends the first extension's table."""
    shutil.copytree(GOPKGS / fixture, root / "go")
    packages = sorted({target.rsplit(".", 1)[0] for target in targets.values()})
    for package in packages:
        (root / package.replace(".", "/")).mkdir(parents=True, exist_ok=True)
        (root / package.replace(".", "/") / "__init__.py").write_text("")
    tables = [
        textwrap.dedent(
            f"""
            [[tool.setuptools-golang-ext.ext-modules]]
            target = "{target}"
            path = "go/{directory}"
            mode = "{mode}"
            """
        )
        for directory, target in targets.items()
    ]
    tables[0] += extra
    header = project_header(root.name, packages)
    (root / "pyproject.toml").write_text(header + "".join(tables))
    return root


def check_generated_go(
    tmp_path: Path,
    fixture: str,
    shims_go: str,
    *,
    package: str,
    module_path: str,
    python_module: str,
    subdirectory: str = "",
) -> None:
    """The shims *shims_go* of the Go module tests/data/gopkgs/*fixture* (its package in
    *subdirectory*, clause *package*), with their support, the overlay's files and the codec,
    as a build adds them: gofmt changes nothing and go vet finds nothing."""
    from setuptools_golang_ext import names
    from setuptools_golang_ext.binding.plain import shims
    from setuptools_golang_ext.stages import overlay

    module = tmp_path / fixture
    shutil.copytree(GOPKGS / fixture, module)
    directory = module / subdirectory
    (directory / names.SHIM_FILE_NAME).write_text(shims_go)
    (directory / names.SUPPORT_FILE_NAME).write_text(
        shims.support_source(package, module_path, python_module)
    )
    (directory / names.RECOVER_FILE_NAME).write_text(overlay.recover_source(package))
    (directory / names.STATE_FILE_NAME).write_text(overlay.state_source(package))
    for path, text in shims.codec_files(module).items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    assert run(["gofmt", "-l", "."], cwd=module).stdout == ""
    run(["go", "vet", "./..."], cwd=module)


def go_exports(directory: Path) -> list[str]:
    """The ``//export`` names of the Go files in *directory*, read from the source."""
    sources = "".join(path.read_text() for path in sorted(directory.glob("*.go")))
    names = [line.split()[1] for line in sources.splitlines() if line.startswith("//export ")]
    assert names, f"no //export in {directory}"
    return names


def wheel_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.whl"))


def install_fixture(
    base: Path, fixture: str, mode: str, pip_env: Mapping[str, str], *also: str
) -> Venv:
    """A fresh venv under *base* with the project of *fixture* (built in *mode*) installed,
    and the requirements *also*."""
    project = make_project(base, fixture, mode=mode, extra_table=FIXTURE_OPTIONS.get(fixture, ""))
    env = Venv.create(base / "venv")
    env.pip("install", "-q", project.root, *also, env=pip_env)
    return env


# The options of each fixture's extension beyond target, path and mode.
FIXTURE_OPTIONS: Mapping[str, str] = {
    "plain": 'instantiate = ["Generic[int]", "Texts = Generic[[]string]", "Generic[time.Time]"]\n',
}

# What the tests of each fixture run beside it (mypy on its stub, hypothesis properties).
FIXTURE_EXTRAS: Mapping[str, tuple[str, ...]] = {
    "plain": ("mypy", "hypothesis"),
    "objects": ("mypy",),
    "bindings": ("mypy",),
}

InstalledFixture = Callable[[str, str], Venv]


@pytest.fixture(scope="session")
def installed_fixture(
    tmp_path_factory: pytest.TempPathFactory, pip_env: dict[str, str]
) -> InstalledFixture:
    """``installed_fixture(fixture, mode)``: a venv with tests/data/gopkgs/*fixture* built in
    *mode* and installed (with its :data:`FIXTURE_EXTRAS`), built once per session for every
    test module and xdist worker that asks. Tests must not change it."""

    def get(fixture: str, mode: str) -> Venv:
        def make(directory: Path) -> None:
            install_fixture(directory, fixture, mode, pip_env, *FIXTURE_EXTRAS.get(fixture, ()))

        return Venv(shared_across_workers(tmp_path_factory, f"{fixture}-{mode}", make) / "venv")

    return get


def failed_build(builder: Venv, project: Path, out: Path, env: Mapping[str, str]) -> str:
    """Build a wheel without isolation (the builder venv has the tool), expecting a failure
    that leaves no wheel; return what pip printed."""
    result = builder.pip(
        "wheel", "--no-deps", "--no-build-isolation", "-w", out, project, env=env, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert wheel_files(out) == [], "a failed build must not leave a wheel"
    return output


def pytest_configure(config: pytest.Config) -> None:
    """Children get SIGINT at its default, whatever started the tests: a shell's background job
    (``cmd &``) starts with SIGINT ignored, its children inherit that through exec, and the
    tests that press Ctrl-C in a child would then wait for an interrupt that never comes."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--stress-full",
        action="store_true",
        default=False,
        help="tests/test_stress.py at full counts: 8 threads x 100,000 mixed calls, "
        "1,000,000 string round trips (default: reduced counts)",
    )


@pytest.fixture(scope="session")
def stress_full(request: pytest.FixtureRequest) -> bool:
    """Whether ``--stress-full`` asks for the stress suite's full counts."""
    return bool(request.config.getoption("--stress-full"))


def export_value(name: str, go_type: str, kind: str, elem: str = "") -> GoField:
    """A parameter or result of an ``//export`` function as the introspection reports it."""
    return export_field({"name": name, "type": go_type, "kind": kind, "elem": elem})
