"""Build Python modules and wheels from Go packages of ``//export`` functions.

Declare extensions in ``setup(go_extensions=[GoExtension(...)])`` or in
``[[tool.setuptools-golang-ext.ext-modules]]`` tables of ``pyproject.toml``.
"""

from __future__ import annotations

from setuptools_golang_ext.errors import (
    CommandError,
    ConfigError,
    GoBuildError,
    GoExtError,
    HeaderError,
    ToolchainError,
    UnsupportedTargetError,
)
from setuptools_golang_ext.frontends.extension import GoExtension

__version__ = "0.1.0"

__all__ = [
    "CommandError",
    "ConfigError",
    "GoBuildError",
    "GoExtError",
    "GoExtension",
    "HeaderError",
    "ToolchainError",
    "UnsupportedTargetError",
    "__version__",
]
