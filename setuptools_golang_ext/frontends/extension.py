"""``GoExtension``: one Python module built from one Go package."""

from __future__ import annotations

import keyword
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, Union

from setuptools_golang_ext.errors import ConfigError

Mode = Literal["c-shared", "c-archive"]
MODES: tuple[Mode, ...] = ("c-shared", "c-archive")
MINIMUM_GO = (1, 21)

_GO_VERSION = re.compile(r"^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?$")
_BUILD_TAG = re.compile(r"^[A-Za-z0-9_.!-]+$")
# What `exclude` names: an exported Go name, or a method or field of an exported type.
_GO_MEMBER = re.compile(r"^[A-Z]\w*(\.[A-Z]\w*)?$")
_IMPORT_PATH = re.compile(r"^[\w.~+-]+(/[\w.~+-]+)*$")
# "Map[string, int]" or "MapInts = Map[string, int]" (the introspection checks the rest); a name
# starts with a letter: the generated module's own names start with "_".
_INSTANCE = re.compile(r"^\s*(?:[A-Za-z]\w*\s*=\s*)?[A-Z]\w*\[[^=]+\]\s*$")

PathLike = Union[str, "os.PathLike[str]"]


class InvalidOption(ConfigError):
    """One option of one extension is invalid; ``key`` names it so callers can say where it came from."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"`{key}` {problem}")
        self.key = key
        self.problem = problem


@dataclass(init=False)
class GoExtension:
    """A Python module generated from a Go package of ``//export`` functions.

    :param target: dotted name of the module to generate, e.g. ``"example_pkg._native"``.
    :param path: directory of the Go package, relative to the project root (where ``setup.py`` or
        ``pyproject.toml`` is).
    :param mode: ``"c-shared"`` (a Go shared library loaded through cffi's ABI mode; one wheel per
        platform for every Python) or ``"c-archive"`` (the Go archive linked into a cffi API-mode
        extension module built against the limited API).
    :param go_version: the minimum Go version the package needs, e.g. ``"1.22"``.
    :param build_tags: Go build tags (``go build -tags``).
    :param ldflags: extra linker flags, appended to ``-s -w -buildid=``.
    :param build_args: extra arguments for ``go build``, e.g. ``["-gcflags=all=-B"]``.
    :param env: environment variables for the Go build, on top of the inherited environment.
    :param optional: if true, a failed build is a warning and the wheel simply lacks this module.
    :param debug: keep Go's symbol table and DWARF debug information (no ``-s -w``).
    :param go_package: bind this Go package (an import path the Go module at *path* can import,
        e.g. one of its ``go.mod`` dependencies) instead of the package in *path*.
    :param exclude: names of exported Go functions and types of an ordinary package to leave out.
    :param strict: an exported function or type that cannot be bound is an error, not a warning.
    :param instantiate: instantiations of generic functions of an ordinary package to bind, e.g.
        ``["Map[string, int]"]`` (bound as ``Map_string_int``) or ``["MapInts = Map[string, int]"]``.
    """

    target: str
    path: str
    mode: Mode
    go_version: tuple[int, int, int] | None
    build_tags: tuple[str, ...]
    ldflags: tuple[str, ...]
    build_args: tuple[str, ...]
    env: dict[str, str]
    optional: bool
    debug: bool
    go_package: str | None
    exclude: tuple[str, ...]
    strict: bool
    instantiate: tuple[str, ...]

    def __init__(
        self,
        target: str,
        path: PathLike = ".",
        *,
        mode: Mode = "c-shared",
        go_version: str | None = None,
        build_tags: Iterable[str] = (),
        ldflags: Iterable[str] = (),
        build_args: Iterable[str] = (),
        env: Mapping[str, str] | None = None,
        optional: bool = False,
        debug: bool = False,
        go_package: str | None = None,
        exclude: Iterable[str] = (),
        strict: bool = False,
        instantiate: Iterable[str] = (),
    ) -> None:
        self.target = _check_target(target)
        self.path = _check_path(path)
        self.mode = _check_mode(mode)
        self.go_version = None if go_version is None else parse_go_version(go_version, "go_version")
        self.build_tags = _check_strings(build_tags, "build_tags", _BUILD_TAG, "a Go build tag")
        self.ldflags = _check_strings(ldflags, "ldflags")
        self.build_args = _check_strings(build_args, "build_args")
        self.env = _check_env(env)
        self.optional = _check_bool(optional, "optional")
        self.debug = _check_bool(debug, "debug")
        self.go_package = _check_import_path(go_package)
        self.exclude = _check_strings(
            exclude, "exclude", _GO_MEMBER, "an exported Go name or Type.Member"
        )
        self.strict = _check_bool(strict, "strict")
        self.instantiate = _check_strings(
            instantiate, "instantiate", _INSTANCE, 'an instantiation such as "Map[string, int]"'
        )

    @property
    def module_name(self) -> str:
        """The last component of :attr:`target`: ``_native`` for ``example_pkg._native``."""
        return self.target.rpartition(".")[2]

    @property
    def tags_arguments(self) -> list[str]:
        """``["-tags=a,b"]`` for the go commands that load the package, or ``[]``."""
        return ["-tags=" + ",".join(self.build_tags)] if self.build_tags else []

    @property
    def package(self) -> str:
        """The package that holds the module (``""`` for a top-level module)."""
        return self.target.rpartition(".")[0]


def parse_go_version(text: object, key: str) -> tuple[int, int, int]:
    """``"1.22"``, ``"1.22.3"`` or ``"go1.22"`` → ``(1, 22, 0)``; anything else is an error."""
    match = _GO_VERSION.match(text) if isinstance(text, str) else None
    if match is None:
        raise InvalidOption(key, f'must be a Go version such as "1.22" or "1.22.3", not {text!r}')
    major, minor, patch = match.groups()
    return int(major), int(minor), int(patch or 0)


def _check_target(target: object) -> str:
    if not isinstance(target, str) or not target:
        raise InvalidOption(
            "target", f'must be a dotted module name such as "pkg._native", not {target!r}'
        )
    for part in target.split("."):
        if not part.isidentifier() or keyword.iskeyword(part) or not part.isascii():
            raise InvalidOption(
                "target",
                f'must be a dotted module name of ASCII identifiers such as "pkg._native"; '
                f"{part!r} in {target!r} is not one",
            )
    return target


def _check_path(path: object) -> str:
    if isinstance(path, os.PathLike):
        path = os.fspath(path)
    if not isinstance(path, str) or not path:
        raise InvalidOption(
            "path", f"must be the Go package's directory, as a string, not {path!r}"
        )
    return path


def _check_import_path(path: object) -> str | None:
    if path is None:
        return None
    if not isinstance(path, str) or not _IMPORT_PATH.match(path) or path.startswith("."):
        raise InvalidOption(
            "go_package",
            f'must be a Go import path such as "github.com/user/repo/pkg", not {path!r}',
        )
    return path


def _check_mode(mode: object) -> Mode:
    if mode not in MODES:
        raise InvalidOption("mode", f'must be "c-shared" or "c-archive", not {mode!r}')
    return mode


def _check_strings(
    values: object, key: str, pattern: re.Pattern[str] | None = None, what: str = "a string"
) -> tuple[str, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidOption(key, f"must be a list of strings, not {values!r}")
    checked = tuple(values)
    for value in checked:
        if not isinstance(value, str) or (pattern is not None and not pattern.match(value)):
            raise InvalidOption(
                key, f"must be a list in which each item is {what}; {value!r} is not"
            )
    return checked


def _check_env(env: object) -> dict[str, str]:
    if env is None:
        return {}
    if not isinstance(env, Mapping):
        raise InvalidOption("env", f"must be a table of environment variables, not {env!r}")
    for name, value in env.items():
        if not isinstance(name, str) or not isinstance(value, str) or not name or "=" in name:
            raise InvalidOption(
                "env", f"must map variable names to string values; {name!r} = {value!r} does not"
            )
    return dict(env)


def _check_bool(value: object, key: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidOption(key, f"must be true or false, not {value!r}")
    return value
