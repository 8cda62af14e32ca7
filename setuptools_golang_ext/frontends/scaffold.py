"""``python -m setuptools_golang_ext new NAME``: a new project, ready to build, test and publish.

The project is made from the template files under ``templates/new`` (shipped with the package):
``common/`` for every project, and ``plain/`` or ``cgo/`` for the style of its Go code. A file's
name drops its ``.tmpl`` suffix, ``dot-`` becomes ``.`` (dot files are not package data), and
``@KEY@`` in names and texts becomes the project's value. The same arguments give the same bytes.
"""

from __future__ import annotations

import keyword
import re
import sys
from collections.abc import Mapping
from pathlib import Path

from setuptools_golang_ext import __version__
from setuptools_golang_ext.errors import ConfigError

TEMPLATES = Path(__file__).parent / "templates" / "new"
STYLES = ("plain", "cgo")
MODES = ("c-shared", "c-archive")
_PLACEHOLDER = re.compile(r"@[A-Z_]+@")
# PEP 508's names (https://packaging.python.org/en/latest/specifications/name-normalization/).
_DISTRIBUTION_NAME = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.IGNORECASE)
# Names the project's package must not take: what it needs, what the project holds beside it.
_TAKEN = frozenset(
    {"setuptools_golang_ext", "setuptools", "cffi", "pycparser", "pip", "pytest", "go"}
    | {"ziglang", "test", "tests", "build", "dist"}
)

_STYLE_TEXT = {
    "plain": (
        "an ordinary Go package (no cgo: every exported function and struct type is bound)",
        "The Go package in go/native, bound function by function (see its package comment).",
    ),
    "cgo": (
        "a cgo `package main` whose `//export` functions are bound",
        "cgo's style: the //export functions of package main in go/native (see its comment).",
    ),
}


def main(name: str, *, style: str, mode: str) -> int:
    """Create the project NAME in the current directory and say what to do next."""
    try:
        directory = create(Path.cwd(), name, style=style, mode=mode)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    package = package_name(name)
    print(
        f"created {directory.name}/: {style} Go in go/native, bound as {package}._native ({mode})"
    )
    print()
    print("next, in a virtual environment:")
    print()
    print(f"  cd {directory.name}")
    print("  pip install -e '.[test]'   # builds the Go code in place")
    print("  pytest                     # the Python tests; cd go && go test ./... for Go's")
    return 0


def create(parent: Path, name: str, *, style: str, mode: str) -> Path:
    """Write the project *name* into ``parent/name``, which must not exist."""
    values = template_values(name, style=style, mode=mode)
    directory = parent / name
    if directory.exists() or directory.is_symlink():
        raise ConfigError(
            f"{directory} exists already: `new` never writes into an existing directory\n\n"
            "Choose another name, or move the existing one away."
        )
    files = render(style, values)
    for relative, text in files.items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return directory


def render(style: str, values: Mapping[str, str]) -> dict[str, str]:
    """Every file of a project: its path (POSIX, relative) → its text; in a fixed order."""
    files: dict[str, str] = {}
    for part in ("common", style):
        base = TEMPLATES / part
        for template in sorted(base.rglob("*.tmpl")):
            relative = template.relative_to(base).as_posix().removesuffix(".tmpl")
            relative = "/".join(_dot(piece) for piece in relative.split("/"))
            text = template.read_bytes().decode("utf-8")
            files[_fill(relative, values)] = _fill(text, values)
    return dict(sorted(files.items()))


def _dot(piece: str) -> str:
    return "." + piece.removeprefix("dot-") if piece.startswith("dot-") else piece


def _fill(text: str, values: Mapping[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    left = _PLACEHOLDER.search(text)
    assert left is None, f"a template placeholder without a value: {left.group()}"
    return text


def template_values(name: str, *, style: str, mode: str) -> dict[str, str]:
    """What the placeholders of the templates stand for, for the project *name*."""
    if style not in STYLES:
        raise ConfigError(f"--style must be one of {', '.join(STYLES)}, not {style!r}")
    if mode not in MODES:
        raise ConfigError(f"--mode must be one of {', '.join(MODES)}, not {mode!r}")
    package = package_name(name)
    description, comment = _STYLE_TEXT[style]
    major, minor = __version__.split(".")[:2]
    return {
        "DIST": name,
        "PACKAGE": package,
        "GO_MODULE": f"example.com/{normalized_name(name)}",
        "MODE": mode,
        "TOOL_REQUIREMENT": f"setuptools-golang-ext>={__version__},<{_next_release(major, minor)}",
        "GO_DESCRIPTION": description,
        "GO_STYLE_COMMENT": comment,
    }


def _next_release(major: str, minor: str) -> str:
    """The first release that may break this one: the next minor before 1.0, else the next major."""
    return f"0.{int(minor) + 1}" if major == "0" else f"{int(major) + 1}"


def normalized_name(name: str) -> str:
    """PEP 503's form of a distribution name: ``My.Package`` → ``my-package``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def package_name(name: str) -> str:
    """The Python package of the distribution *name* (``my-package`` → ``my_package``), or a
    :class:`ConfigError` saying why *name* cannot be one."""
    if not _DISTRIBUTION_NAME.match(name):
        raise ConfigError(
            f"{name!r} is not a valid distribution name: use letters, digits, and '-', '_' or "
            "'.' between them (PEP 508), e.g. my-package"
        )
    package = normalized_name(name).replace("-", "_")
    problem = _package_problem(package)
    if problem:
        raise ConfigError(
            f"{name!r} cannot be a project here: its Python package would be {package!r}, "
            f"which {problem}\n\nChoose another name."
        )
    return package


def _package_problem(package: str) -> str:
    if not package.isidentifier():
        return "is not a Python identifier (it must not start with a digit)"
    if keyword.iskeyword(package):
        return "is a Python keyword"
    stdlib = getattr(sys, "stdlib_module_names", frozenset(sys.builtin_module_names))
    if package in stdlib:
        return "is a module of Python's standard library"
    if package in _TAKEN:
        return "the build or the project needs for something else"
    return ""
