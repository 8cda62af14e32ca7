"""Setuptools glue: the ``go_extensions`` keyword, the pyproject tables, and three commands.

* ``build_ext`` builds the Go extensions (then the user's own C extensions and, in c-archive mode,
  the cffi modules, with setuptools' compiler), and installs files atomically;
* ``bdist_wheel`` tags the wheel ``py3-none-<platform>`` (c-shared) or ``cp39-abi3-<platform>``
  (c-archive);
* ``sdist`` picks up the Go sources through ``build_ext.get_source_files()``.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, cast

from setuptools import Distribution, Extension
from setuptools.command.bdist_wheel import bdist_wheel as _base_bdist_wheel
from setuptools.command.build import build as _base_build
from setuptools.command.build_ext import build_ext as _base_build_ext
from setuptools.command.build_py import build_py as _base_build_py

from setuptools_golang_ext.binding import codegen
from setuptools_golang_ext.errors import ConfigError, GoExtError
from setuptools_golang_ext.frontends import config, editable
from setuptools_golang_ext.frontends.extension import GoExtension
from setuptools_golang_ext.stages import buildlog, crossbuild, pipeline, sources, toolchain
from setuptools_golang_ext.stages.target import merge_wheel_platform

log = logging.getLogger("setuptools_golang_ext")


def go_extensions(dist: Distribution, attr: str, value: object) -> None:
    """Validate ``setup(go_extensions=[...])`` (a ``distutils.setup_keywords`` entry point)."""
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(item, GoExtension) for item in value
    ):
        raise ConfigError(
            f"setup(): `{attr}` must be a list of setuptools_golang_ext.GoExtension objects, not {value!r}"
        )


def finalize_distribution_options(dist: Distribution) -> None:
    """Merge extensions from ``setup()`` and ``pyproject.toml``; install our commands if any."""
    declared = list(getattr(dist, "go_extensions", None) or [])
    go_extensions(dist, "go_extensions", declared)
    declared += config.read_pyproject(project_root(dist))
    if not declared:
        return
    _check_unique_targets(declared)
    dist.go_extensions = declared  # type: ignore[attr-defined]
    # A Go module makes the distribution platform-specific, and `build` must run build_ext.
    dist.has_ext_modules = lambda: True  # type: ignore[method-assign]
    build_ext = cast("type[_base_build_ext]", dist.cmdclass.get("build_ext", _base_build_ext))
    bdist_wheel = cast(
        "type[_base_bdist_wheel]", dist.cmdclass.get("bdist_wheel", _base_bdist_wheel)
    )
    dist.cmdclass["build_ext"] = _go_build_ext(build_ext)
    dist.cmdclass["bdist_wheel"] = _go_bdist_wheel(bdist_wheel)


# Run after setuptools has applied setup() keywords and pyproject's [project] table.
finalize_distribution_options.order = 10  # type: ignore[attr-defined]


def project_root(dist: Distribution) -> Path:
    """The directory of ``setup.py`` (or of ``pyproject.toml`` for setup.py-less projects)."""
    script = getattr(dist, "script_name", None)
    if script and Path(script).is_file():
        return Path(script).resolve().parent
    return Path(dist.src_root or os.curdir).resolve()


def distribution_go_extensions(dist: Distribution) -> list[GoExtension]:
    return list(getattr(dist, "go_extensions", None) or [])


def _check_unique_targets(extensions: Sequence[GoExtension]) -> None:
    seen: set[str] = set()
    for extension in extensions:
        if extension.target in seen:
            raise ConfigError(
                f"Go extension {extension.target} is declared twice (in setup() and/or pyproject.toml); "
                "each target module may be declared once"
            )
        seen.add(extension.target)


def _go_build_ext(base: type[_base_build_ext]) -> type[_base_build_ext]:
    if issubclass(base, GoBuildExtMixin):
        return base
    return cast("type[_base_build_ext]", type("build_ext", (GoBuildExtMixin, base), {}))


def _go_bdist_wheel(base: type[_base_bdist_wheel]) -> type[_base_bdist_wheel]:
    if issubclass(base, GoBdistWheelMixin):
        return base
    return cast("type[_base_bdist_wheel]", type("bdist_wheel", (GoBdistWheelMixin, base), {}))


class GoBuildExtMixin(_base_build_ext):
    """``build_ext`` that also builds the distribution's Go extensions."""

    def finalize_options(self) -> None:
        # The cffi module of a c-archive extension is an ordinary extension module: declare it
        # before setuptools finalizes, so that it is named (abi3 suffix) and mapped like any other.
        self._go_cffi_modules = {
            extension.target: Extension(
                codegen.ffi_module_name(extension),
                sources=[],
                py_limited_api=pipeline.limited_api_available(),
                optional=extension.optional,
            )
            for extension in distribution_go_extensions(self.distribution)
            if extension.mode == "c-archive"  # one of them will link the archive
        }
        declared = self.distribution.ext_modules
        self.distribution.ext_modules = [*(declared or []), *self._go_cffi_modules.values()]
        try:
            super().finalize_options()
        finally:
            self.distribution.ext_modules = declared
        self._go_outputs: list[tuple[str, str]] = []  # (file in build_lib, file in the source tree)
        self.go_target: crossbuild.TargetBuild | None = None  # read by bdist_wheel for the tag
        self._go_inputs: editable.Inputs | None = None  # in place: what the build read
        self._go_library: Path | None = None  # the one library of several c-shared extensions

    def run(self) -> None:
        started = time.perf_counter()
        built = {item.extension.target: item for item in self._build_go_extensions()}
        for target, module in self._go_cffi_modules.items():
            item = built.get(target)
            if item is not None and item.compile is not None:
                _configure_cffi_module(module, item)
            else:  # another module carries the archive, or an optional extension failed
                self.extensions.remove(module)
        super().run()
        for item in built.values():
            self._install_go_outputs(item)
        if built:
            self._install_runtime_module(list(built.values()))
            self._log_summary(list(built.values()), time.perf_counter() - started)
        if self._go_inputs is not None:  # last: a failed build leaves the old record
            editable.write_inputs(self._go_inputs, project_root(self.distribution))

    def _log_summary(self, built: list[pipeline.BuiltExtension], seconds: float) -> None:
        """One line per extension: its mode, what it binds, and the library holding its Go."""
        libraries = {item.extension.target: self._library_of(item, built) for item in built}
        log.info("%s", buildlog.total_line(len(built), seconds))
        for item in built:
            path = libraries[item.extension.target]
            library = None
            if path is not None and path.is_file():
                others = [
                    t for t, p in libraries.items() if p == path and t != item.extension.target
                ]
                library = buildlog.Library(path.name, path.stat().st_size, others)
            bindings = item.bindings or buildlog.Bindings(0)
            extension = item.extension
            log.info(
                "%s", buildlog.summary_line(extension.target, extension.mode, bindings, library)
            )

    def _library_of(
        self, item: pipeline.BuiltExtension, built: list[pipeline.BuiltExtension]
    ) -> Path | None:
        """The built file holding *item*'s Go code: its library, or the cffi module a Go
        archive is linked into."""
        if item.compile is not None:
            return self._regular_path(item.compile.name)
        own = [path for name, path in item.files.items() if name.endswith(_LIBRARY_SUFFIXES)]
        if own:
            return own[0]
        carriers = [other for other in built if other.compile is not None]
        if carriers:  # c-archive: another module's cffi module carries the archive
            return self._regular_path(carriers[0].compile.name)  # type: ignore[union-attr]
        return self._go_library

    def _install_runtime_module(self, built: list[pipeline.BuiltExtension]) -> None:
        """The module the extensions share (GoError), and ``py.typed`` beside the stubs."""
        extensions = distribution_go_extensions(self.distribution)
        package, _, name = codegen.runtime_module_name(extensions).rpartition(".")
        runtime = Path(self.build_temp, "go", f"{name}.py")
        runtime.write_bytes(codegen.runtime_module_source().encode())
        self._install_file(runtime, package)
        if self.inplace:  # only there: regular builds never check
            support_module = editable.support_module_name(codegen.runtime_module_name(extensions))
            support = runtime.with_name(support_module.rpartition(".")[2] + ".py")
            support.write_bytes(editable.support_source().encode())
            self._install_in_place_only(support, package)
        marker = Path(self.build_temp, "go", "py.typed")
        marker.write_bytes(b"")
        for extension_package in sorted({item.extension.package for item in built} - {""}):
            # Never overwrite the user's own marker in the source tree.
            in_place = not (self._source_dir(extension_package) / "py.typed").exists()
            self._install_file(marker, extension_package, in_place=in_place)

    def _install_file(
        self,
        built_file: Path,
        package: str,
        name: str | None = None,
        in_place: bool = True,
        inplace_file: Path | None = None,
    ) -> None:
        """Place *built_file* in *package* in build_lib, and in the source tree when in place
        (*inplace_file* there instead, when given: the variant of an editable build)."""
        name = name or built_file.name
        regular = Path(self.build_lib, *package.split(".") if package else [], name)
        inplace = self._source_dir(package) / name
        install_atomically(built_file, regular)
        if self.inplace and in_place:
            install_atomically(inplace_file or built_file, inplace)
            _forget_bytecode(inplace)
            self._go_outputs.append((str(regular), str(inplace)))
        elif not self.inplace:
            self._go_outputs.append((str(regular), str(inplace)))

    def _install_in_place_only(self, built_file: Path, package: str) -> None:
        """Place *built_file* in *package* in the source tree (a link in strict editable
        installs), not in build_lib, whose files a later wheel could pick up."""
        regular = Path(self.build_lib, *package.split(".") if package else [], built_file.name)
        inplace = self._source_dir(package) / built_file.name
        install_atomically(built_file, inplace)
        _forget_bytecode(inplace)
        self._go_outputs.append((str(regular), str(inplace)))

    def _source_dir(self, package: str) -> Path:
        build_py = cast("_base_build_py", self.get_finalized_command("build_py"))
        return Path(build_py.get_package_dir(package))

    def _build_go_extensions(self) -> list[pipeline.BuiltExtension]:
        extensions = distribution_go_extensions(self.distribution)
        if not extensions:
            return []
        go, env = self._prepare_go_build(extensions)
        if self.inplace:  # before the build: a file edited while it runs is rebuilt next time
            root = project_root(self.distribution)
            with buildlog.stage("inputs for rebuilding on import", root.name):
                self._go_inputs = editable.record_inputs(extensions, go, env, root)
        try:
            return self._build_library(extensions, go, env)
        except GoExtError as exc:
            # One library serves them all: without the optional ones, the rest may still build.
            optional = [extension for extension in extensions if extension.optional]
            if not optional:
                raise
            names = ", ".join(extension.target for extension in optional)
            log.warning("optional Go extension %s was not built:\n%s", names, exc)
            required = [extension for extension in extensions if not extension.optional]
            return self._build_library(required, go, env) if required else []

    def _build_library(
        self, extensions: Sequence[GoExtension], go: toolchain.GoToolchain, env: dict[str, str]
    ) -> list[pipeline.BuiltExtension]:
        """Build *extensions* into the distribution's one Go library; install its shared files."""
        runtime_module = codegen.runtime_module_name(distribution_go_extensions(self.distribution))
        context = pipeline.BuildContext(
            project_root(self.distribution), go, env, runtime_module, self.go_target
        )
        built = pipeline.build_distribution(
            extensions, context, Path(self.build_temp, "go").resolve()
        )
        package = runtime_module.rpartition(".")[0]
        for name, built_file in sorted(built.runtime_files.items()):
            self._install_file(built_file, package, name)
            self._go_library = built_file
        return list(built.extensions)

    def _prepare_go_build(
        self, extensions: Sequence[GoExtension]
    ) -> tuple[toolchain.GoToolchain, dict[str, str]]:
        """The Go toolchain and the environment of the build, for its target platform."""
        env = dict(os.environ)
        modes = [extension.mode for extension in extensions]
        cross = crossbuild.prepare(env, modes, pipeline.limited_api_available())
        if cross is None:  # a target was checked when it was parsed (musl is refused there too)
            toolchain.check_target_platform(
                [self.plat_name or "", *toolchain.platform_names_from_env(env)],
                host_musl=toolchain.host_is_musl(),
            )
        required = toolchain.required_version(ext.go_version for ext in extensions)
        go = toolchain.find_go(cross.go_environment(env) if cross else env, required)
        if cross is not None:
            cross = crossbuild.with_go(cross, go)
            env = cross.go_environment(env)
        self.go_target = cross
        return go, env

    def build_extensions(self) -> None:
        # cffi modules (and the user's C extensions) are compiled for the Go code's target.
        crossbuild.configure_compiler(
            self.compiler, self.extensions, self.go_target, os.environ, Path(self.build_temp)
        )
        super().build_extensions()

    def build_extension(self, ext: Extension) -> None:
        if not any(ext is module for module in self._go_cffi_modules.values()):
            super().build_extension(ext)
            return
        with buildlog.stage("cffi module", ext.name):
            super().build_extension(ext)

    def _install_go_outputs(self, item: pipeline.BuiltExtension) -> None:
        extension = item.extension
        if item.compile is not None and not self._regular_path(item.compile.name).exists():
            log.warning(
                "optional Go extension %s was not built: its cffi module failed to compile",
                extension.target,
            )
            return
        module = f"{extension.module_name}.py"
        with buildlog.stage("install", extension.target):
            for name, built_file in sorted(item.files.items()):
                variant = self._editable_variant(built_file) if name == module else None
                self._install_file(built_file, extension.package, name, inplace_file=variant)
        if self.inplace:
            source_dir = self._source_dir(extension.package)
            keep = {source_dir / name for name in item.files}
            if item.compile is not None:
                keep.add(source_dir / Path(self._ext_filename(item.compile.name)).name)
            remove_stale_outputs(source_dir, extension.module_name, keep)

    def _editable_variant(self, module_file: Path) -> Path | None:
        """In place, the generated module with the rebuild check around its body."""
        if not self.inplace:
            return None
        extensions = distribution_go_extensions(self.distribution)
        support = editable.support_module_name(codegen.runtime_module_name(extensions))
        text = module_file.read_bytes().decode("utf-8")
        variant = module_file.with_name(f"{module_file.stem}.editable.py")
        source = editable.module_source(text, support, project_root(self.distribution))
        variant.write_bytes(source.encode("utf-8"))
        return variant

    def _regular_path(self, module: str) -> Path:
        return Path(self.build_lib, self._ext_filename(module))

    def _ext_filename(self, module: str) -> str:
        return str(self.get_ext_filename(module))  # type: ignore[no-untyped-call]

    def copy_file(  # type: ignore[override]
        self, infile: str, outfile: str, *args: Any, **kwargs: Any
    ) -> tuple[str, bool]:
        """Install compiled modules by rename, so a process that has the old one loaded survives."""
        if not self.inplace or Path(outfile).is_dir():
            return cast("tuple[str, bool]", super().copy_file(infile, outfile, *args, **kwargs))
        install_atomically(Path(infile), Path(outfile))
        return outfile, True

    def get_outputs(self) -> list[str]:
        outputs = list(super().get_outputs())
        outputs += [inplace if self.inplace else regular for regular, inplace in self._go_outputs]
        return sorted(outputs)

    def get_output_mapping(self) -> dict[str, str]:
        mapping = dict(super().get_output_mapping())
        if self.inplace:
            mapping.update(self._go_outputs)
        return dict(sorted(mapping.items()))

    def get_source_files(self) -> list[str]:
        files = list(super().get_source_files())
        root = project_root(self.distribution)
        build_base = Path(cast("_base_build", self.get_finalized_command("build")).build_base)
        for extension in distribution_go_extensions(self.distribution):
            package_dir = (root / extension.path).resolve()
            if package_dir.is_dir():
                files += sources.go_source_files(package_dir, root, exclude=[root / build_base])
        return sorted(set(files))


_LIBRARY_SUFFIXES = (".so", ".dylib", ".dll")


def _forget_bytecode(module: Path) -> None:
    """Drop the cached bytecode of a module replaced in place: Python checks a source's
    size and mtime in whole seconds, and a rebuild can match both."""
    if module.suffix == ".py":
        Path(importlib.util.cache_from_source(str(module))).unlink(missing_ok=True)


def _configure_cffi_module(module: Extension, item: pipeline.BuiltExtension) -> None:
    spec = item.compile
    assert spec is not None, "c-archive builds always have a cffi module to compile"
    module.sources = [str(spec.c_source)]
    module.include_dirs = list(spec.include_dirs)
    module.extra_objects = list(spec.extra_objects)
    module.libraries = list(spec.libraries)
    module.extra_link_args = list(spec.extra_link_args)


class GoBdistWheelMixin(_base_bdist_wheel):
    """``bdist_wheel`` with the tag the Go extensions call for."""

    def get_tag(self) -> tuple[str, str, str]:
        default = super().get_tag()
        modes = {extension.mode for extension in distribution_go_extensions(self.distribution)}
        has_c_extensions = bool(self.distribution.ext_modules)
        tag = wheel_tag(default, modes, has_c_extensions, pipeline.limited_api_available())
        built_for = getattr(self.get_finalized_command("build_ext"), "go_target", None)
        if built_for is None:
            return tag
        return tag[0], tag[1], merge_wheel_platform(built_for.target, tag[2])


def wheel_tag(
    default: tuple[str, str, str], modes: Iterable[str], has_c_extensions: bool, limited_api: bool
) -> tuple[str, str, str]:
    """``py3-none-<plat>`` when only c-shared Go libraries are inside (loaded by cffi's ABI mode, so
    any Python 3 can use them); ``cp39-abi3-<plat>`` when c-archive modules are built against the
    limited API; setuptools' own tag when the user's C extensions or the interpreter decide it."""
    modes = set(modes)
    _, _, platform = default
    if has_c_extensions or not modes:
        return default
    if modes == {"c-shared"}:
        return "py3", "none", platform
    if limited_api:
        return "cp39", "abi3", platform
    return default


def install_atomically(source: Path, destination: Path) -> None:
    """Copy *source* to a temporary name beside *destination*, then rename it into place.

    Overwriting a shared library in place corrupts the mapping of every process that has it
    loaded; a rename leaves them the old inode.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{destination.name}.", dir=destination.parent)
    os.close(handle)
    try:
        shutil.copyfile(source, temporary)
        shutil.copymode(source, temporary)
        Path(temporary).replace(destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_stale_outputs(directory: Path, module_name: str, keep: set[Path]) -> None:
    """Remove in-place outputs of an earlier build in another mode (they would shadow the new ones)."""
    candidates = [
        *directory.glob(f"{module_name}_cffi.*"),
        *(
            directory / name
            for name in (f"lib{module_name}.so", f"lib{module_name}.dylib", f"{module_name}.dll")
        ),
    ]
    for path in candidates:
        if (
            path.is_file()
            and path not in keep
            and path.suffix in (".py", ".so", ".dylib", ".dll", ".pyd")
        ):
            log.info("removing stale %s", path)
            path.unlink()
