"""The PEP 517 backend's public name: ``build-backend = "setuptools_golang_ext.build_meta"``.

The backend lives in :mod:`setuptools_golang_ext.frontends.build_meta`; this module gives it the
name users' ``pyproject.toml`` files spell: its hooks, and any other attribute of it on access.
"""

from typing import Any

from setuptools_golang_ext.frontends import build_meta as _backend
from setuptools_golang_ext.frontends.build_meta import *  # noqa: F403
from setuptools_golang_ext.frontends.build_meta import __all__  # noqa: F401 - the star's list


def __getattr__(name: str) -> Any:
    return getattr(_backend, name)
