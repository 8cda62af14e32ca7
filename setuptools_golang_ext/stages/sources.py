"""The Go files an sdist needs to rebuild an extension offline, found without running Go.

For each extension: the whole Go module that holds its package (``go.mod``, ``go.sum``, every
package directory with Go, C or assembly sources, ``vendor/``), plus modules that ``go.mod``
``replace``\\ s with a local path inside the project. Directories Go itself ignores (``.*``, ``_*``,
``testdata``), nested modules and virtual environments are skipped.
"""

from __future__ import annotations

import logging
import os
import re
import shlex
from collections.abc import Collection, Iterator
from pathlib import Path

log = logging.getLogger("setuptools_golang_ext")

SOURCE_SUFFIXES = frozenset(
    {".go", ".c", ".h", ".s", ".S", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".hxx", ".m", ".syso"}
)
MODULE_FILES = frozenset({"go.mod", "go.sum", "go.work", "go.work.sum"})
_REPLACE_LOCAL = re.compile(r"=>\s*(\.{1,2}/[^\s]*|\.{1,2})\s*$")


def module_root(package_dir: Path, project_root: Path) -> Path:
    """The directory of the ``go.mod`` above *package_dir*, if it lies inside the project."""
    for directory in (package_dir, *package_dir.parents):
        if (directory / "go.mod").is_file():
            return directory
        if directory == project_root:
            break
    return package_dir


def go_source_files(
    package_dir: Path, project_root: Path, exclude: Collection[Path] = ()
) -> list[str]:
    """Paths relative to *project_root* (POSIX style, sorted) of every file the build reads.

    *exclude* lists directories to leave out, such as setuptools' build directory.
    """
    project_root = project_root.resolve()
    roots = [module_root(package_dir.resolve(), project_root)]
    if not (roots[0] / "go.mod").is_file():
        _warn_about_outer_module(project_root)
    roots += local_replacements(roots[0])
    excluded = {path.resolve() for path in exclude}
    files: set[str] = set()
    for root in roots:
        try:
            root.relative_to(project_root)
        except ValueError:
            log.warning(
                "%s is outside the project %s: it cannot go into the sdist", root, project_root
            )
            continue
        files.update(
            path.relative_to(project_root).as_posix() for path in _module_files(root, excluded)
        )
    return sorted(files)


def _warn_about_outer_module(project_root: Path) -> None:
    outer = next((d for d in project_root.parents if (d / "go.mod").is_file()), None)
    if outer is not None:
        log.warning(
            "the Go module of this project is %s/go.mod, above the project root %s: an sdist "
            "cannot include it and will not build; put a go.mod inside the project",
            outer,
            project_root,
        )


def local_replacements(root: Path) -> list[Path]:
    """Directories that ``replace ... => ./path`` lines in *root*/go.mod point at."""
    go_mod = root / "go.mod"
    if not go_mod.is_file():
        return []
    found = []
    for line in go_mod.read_text(encoding="utf-8").splitlines():
        match = _REPLACE_LOCAL.search(line.split("//")[0].rstrip())
        if match:
            target = (root / match.group(1)).resolve()
            if target.is_dir():
                found.append(target)
    return found


def _module_files(root: Path, excluded: Collection[Path]) -> Iterator[Path]:
    for directory, subdirs, names in os.walk(root):
        here = Path(directory)
        in_vendor = "vendor" in here.relative_to(root).parts
        subdirs[:] = sorted(
            name for name in subdirs if in_vendor or _walk_into(here / name, name, excluded)
        )
        for name in sorted(names):
            if in_vendor or name in MODULE_FILES or Path(name).suffix in SOURCE_SUFFIXES:
                yield here / name
        if not in_vendor:
            yield from embedded_files(here)


def embedded_files(package_dir: Path) -> Iterator[Path]:
    """Files that ``//go:embed`` directives of the package in *package_dir* pull into the build."""
    for go_file in sorted(package_dir.glob("*.go")):
        for line in go_file.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("//go:embed "):
                for pattern in _embed_patterns(line[len("//go:embed ") :]):
                    yield from _embed_matches(package_dir, pattern)


def _embed_patterns(text: str) -> list[str]:
    try:
        return shlex.split(text.replace("`", '"'))
    except ValueError:
        return text.split()


def _embed_matches(package_dir: Path, pattern: str) -> Iterator[Path]:
    include_hidden = pattern.startswith("all:")
    pattern = pattern.removeprefix("all:")
    for match in sorted(package_dir.glob(pattern)):
        if match.is_file():
            yield match
        elif match.is_dir():
            for path in sorted(match.rglob("*")):
                hidden = any(part.startswith((".", "_")) for part in path.relative_to(match).parts)
                if path.is_file() and (include_hidden or not hidden):
                    yield path


def _walk_into(directory: Path, name: str, excluded: Collection[Path]) -> bool:
    if name.startswith((".", "_")) or name == "testdata" or name.endswith(".egg-info"):
        return False
    if directory in excluded:
        return False
    nested_module = (directory / "go.mod").is_file()
    virtualenv = (directory / "pyvenv.cfg").is_file()
    return not nested_module and not virtualenv
