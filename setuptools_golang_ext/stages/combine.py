"""One Go library for all the Go extensions of a distribution: one Go runtime per process.

Go supports a single Go runtime per process (golang/go#65050), so the extensions of one
distribution cannot each be a library of their own. Their ``package main`` directories are built
together instead: an overlay renames each to an ordinary package (``package main`` cannot be
imported) and adds a main package, which exists only in the overlay, that imports them all. The
exports of every package end up in the one library; each Python module binds its own.

Everything here is a pure function of its inputs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from setuptools_golang_ext import runtime
from setuptools_golang_ext.errors import ConfigError, GoBuildError
from setuptools_golang_ext.frontends.extension import GoExtension
from setuptools_golang_ext.names import MAIN_DIRECTORY
from setuptools_golang_ext.stages import overlay
from setuptools_golang_ext.stages.gobuild import GoPackage
from setuptools_golang_ext.stages.introspect import GoPackageInfo

# Options that shape the one `go build`: they must be the same for every extension.
SHARED_OPTIONS = ("mode", "build_tags", "ldflags", "build_args", "env", "debug")


def check_combinable(extensions: Sequence[GoExtension]) -> None:
    """Refuse extensions that one ``go build`` cannot serve, naming the option that differs."""
    first = extensions[0]
    for other in extensions[1:]:
        for option in SHARED_OPTIONS:
            if getattr(first, option) != getattr(other, option):
                raise ConfigError(
                    f"Go extensions {first.target} and {other.target} set different "
                    f"`{option.replace('_', '-')}` ({getattr(first, option)!r} and "
                    f"{getattr(other, option)!r}): the Go extensions of a distribution are built "
                    "into one Go library, because a process can hold only one Go runtime "
                    "(golang/go#65050), so they must agree on it\n\n"
                    f"Give every Go extension the same `{option.replace('_', '-')}`, or ship "
                    "them in separate distributions."
                )


def check_one_module(
    extensions: Sequence[GoExtension], modules: Sequence[tuple[str, Path | None]]
) -> None:
    """Refuse extensions in different Go modules: one library is built from one module.

    *modules* holds the (module path, module directory) of each extension's package.
    """
    first_module = modules[0]
    for extension, module in zip(extensions, modules):
        if module[1] is None:
            raise GoBuildError(
                f"Go extension {extension.target}: its package is not in a Go module; several Go "
                "extensions are built together from one Go module\n\nAdd a go.mod (`go mod init "
                "example.com/name`) in a directory above the packages of all Go extensions."
            )
    for extension, module in zip(extensions[1:], modules[1:]):
        if module != first_module:
            raise GoBuildError(
                f"Go extensions {extensions[0].target} and {extension.target} are in different "
                f"Go modules ({first_module[0]} in {first_module[1]} and {module[0]} in "
                f"{module[1]}): the Go extensions of a distribution are built into one Go "
                "library, because a process can hold only one Go runtime (golang/go#65050), and "
                "one `go build` builds from one Go module\n\n"
                "Put their packages in one Go module (a single go.mod in a directory above "
                "both), or ship them in separate distributions."
            )


def check_unique_exports(infos: Sequence[GoPackageInfo]) -> None:
    """Refuse two packages exporting one C name: the library has one symbol namespace."""
    declared: dict[str, str] = {}
    for info in infos:
        for function in info.exports:
            other = declared.setdefault(function.name, function.package)
            if other != function.package:
                raise GoBuildError(
                    f"the Go export {function.name} is declared by two packages, {other} and "
                    f"{function.package}: the Go extensions of a distribution are built into "
                    "one library, where C names must be unique\n\nRename one of them."
                )


def clause_in_library(package: GoPackage) -> str:
    """The package clause *package* has in the library: ``package main`` is renamed (it cannot
    be imported), a directory without Go files gets a name, an ordinary package keeps its own."""
    if package.name in ("main", ""):
        return package_name(package.import_path)
    return package.name


def package_name(import_path: str) -> str:
    """The package clause an extension's ``package main`` gets: its directory's name, made an
    identifier (it only shows in Go's stack traces)."""
    name = re.sub(r"\W", "_", import_path.rsplit("/", 1)[-1])
    usable = name and not name[0].isdigit() and name != "main" and name not in GO_KEYWORDS
    return name if usable else f"go_{name}"


GO_KEYWORDS = frozenset(
    [
        "break",
        "case",
        "chan",
        "const",
        "continue",
        "default",
        "defer",
        "else",
        "fallthrough",
        "for",
        "func",
        "go",
        "goto",
        "if",
        "import",
        "interface",
        "map",
        "package",
        "range",
        "return",
        "select",
        "struct",
        "switch",
        "type",
        "var",
    ]
)


_PACKAGE_CLAUSE = re.compile(r"\ufeff?(?:\s+|//[^\n]*|/\*.*?\*/)*package\s+main\b", re.S)


def rename_package(text: str, name: str, file: str) -> str:
    """*text* with its ``package main`` clause (after comments and build constraints) renamed."""
    match = _PACKAGE_CLAUSE.match(text)
    if match is None:
        raise GoBuildError(f"{file}: no `package main` clause found where Go expects it")
    return text[: match.end() - len("main")] + name + text[match.end() :]


def main_source(import_paths: Sequence[str]) -> str:
    """The main package of the library: it imports every extension's package."""
    imports = "\n".join(f'\t_ "{path}"' for path in sorted(set(import_paths)))
    return runtime.template("go/runtime/main.go.tmpl").substitute(imports=imports)


def renamed_info(info: GoPackageInfo, names: Mapping[str, str]) -> GoPackageInfo:
    """*info* with the package clauses the overlay gives the extensions' packages."""
    sources = tuple(
        replace(source, name=names.get(source.import_path, source.name)) for source in info.sources
    )
    return replace(info, sources=sources)


def merged_info(infos: Sequence[GoPackageInfo]) -> GoPackageInfo:
    """One view of every export and every package with exports, each once."""
    exports = {(item.package, item.name): item for info in infos for item in info.exports}
    sources = {source.import_path: source for info in infos for source in info.sources}
    return GoPackageInfo(
        infos[0].import_path,
        tuple(exports[key] for key in sorted(exports)),
        tuple(sources[key] for key in sorted(sources)),
    )


def overlay_files(
    packages: Sequence[GoPackage],
    infos: Sequence[GoPackageInfo],
    names: Mapping[str, str],
    read: Callable[[Path], str],
) -> dict[Path, str]:
    """Every file the overlay adds or replaces: the extensions' packages renamed (*names* maps
    import paths to package clauses), the runtime support in the first package, guards, and the
    main package. *read* gives the text of a user's Go file."""
    renamed = {
        package.directory / file: rename_package(
            read(package.directory / file),
            names[package.import_path],
            str(package.directory / file),
        )
        for package in packages  # two extensions may bind one package: the same texts
        if package.name == "main"
        for file in package.go_files
    }
    first = packages[0]
    added = overlay.overlay_files(
        merged_info(infos),
        first.directory,
        lambda path: renamed[path] if path in renamed else read(path),
        names[first.import_path],
    )
    assert first.module_dir is not None, "check_one_module refuses packages outside modules"
    main = main_source([package.import_path for package in packages])
    return {**renamed, **added, first.module_dir / MAIN_DIRECTORY / "main.go": main}
