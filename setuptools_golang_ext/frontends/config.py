"""Read ``[[tool.setuptools-golang-ext.ext-modules]]`` tables from ``pyproject.toml``.

The pure part (:func:`extensions_from_pyproject`) maps an already-parsed document to
:class:`GoExtension` objects; every error names the file, the table and the key.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from setuptools_golang_ext.errors import ConfigError
from setuptools_golang_ext.frontends.extension import GoExtension, InvalidOption

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib

TOOL = "setuptools-golang-ext"
TABLE = f"tool.{TOOL}.ext-modules"

# pyproject key -> GoExtension keyword
KEYS = {
    "target": "target",
    "path": "path",
    "mode": "mode",
    "go-version": "go_version",
    "build-tags": "build_tags",
    "ldflags": "ldflags",
    "build-args": "build_args",
    "env": "env",
    "optional": "optional",
    "debug": "debug",
    "package": "go_package",
    "exclude": "exclude",
    "strict": "strict",
    "instantiate": "instantiate",
}
TOOL_KEYS = ("ext-modules",)


def read_pyproject(project_root: Path) -> list[GoExtension]:
    """The Go extensions declared in *project_root*/pyproject.toml (none when there is no file)."""
    path = project_root / "pyproject.toml"
    if not path.is_file():
        return []
    try:
        with path.open("rb") as stream:
            document = tomllib.load(stream)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    return extensions_from_pyproject(document, str(path))


def extensions_from_pyproject(document: Mapping[str, Any], source: str) -> list[GoExtension]:
    """Validate the ``[tool.setuptools-golang-ext]`` part of a parsed pyproject *document*."""
    tools = document.get("tool", {})
    if not isinstance(tools, Mapping):
        raise ConfigError(f"{source}: `tool` must be a table, as in [tool.{TOOL}]")
    tool = tools.get(TOOL)
    if tool is None:
        return []
    if not isinstance(tool, Mapping):
        raise ConfigError(f"{source}: [tool.{TOOL}] must be a table")
    unknown = sorted(set(tool) - set(TOOL_KEYS))
    if unknown:
        raise ConfigError(
            f"{source}: [tool.{TOOL}] has unknown key `{unknown[0]}`; the known keys are: "
            + ", ".join(f"`{key}`" for key in TOOL_KEYS)
        )
    tables = tool.get("ext-modules", [])
    if not isinstance(tables, list):
        raise ConfigError(f"{source}: `{TABLE}` must be an array of tables: write [[{TABLE}]]")
    return [_extension_from_table(table, source, index) for index, table in enumerate(tables, 1)]


def _extension_from_table(table: object, source: str, index: int) -> GoExtension:
    where = f"{source}: [[{TABLE}]] #{index}"
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where} must be a table, not {table!r}")
    if isinstance(table.get("target"), str):
        where += f" (target = {table['target']!r})"
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"{where}: unknown key `{unknown[0]}`; the known keys are: "
            + ", ".join(f"`{key}`" for key in KEYS)
        )
    if "target" not in table:
        raise ConfigError(
            f"{where}: missing key `target` (the dotted name of the module to generate)"
        )
    kwargs = {KEYS[key]: value for key, value in table.items()}
    try:
        return GoExtension(**kwargs)
    except InvalidOption as exc:
        key = next(k for k, v in KEYS.items() if v == exc.key)
        raise ConfigError(f"{where}: key `{key}` {exc.problem}") from exc
