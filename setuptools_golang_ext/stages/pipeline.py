"""One extension through every stage: go list → go build → header → cdef → generated code.

The result names the files to install next to the target module and, in c-archive mode, what the
setuptools glue must compile; nothing here knows about setuptools commands.
"""

from __future__ import annotations

import logging
import sys
import sysconfig
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Union

from setuptools_golang_ext.binding import codegen, cwrappers
from setuptools_golang_ext.binding.cgo import bindings, wrappers
from setuptools_golang_ext.binding.plain import instances, plan, pymodule, shims
from setuptools_golang_ext.errors import ConfigError, HeaderError, UnsupportedTargetError
from setuptools_golang_ext.frontends.extension import GoExtension
from setuptools_golang_ext.names import (
    CFFI_SUFFIX,
    INTERNAL_PREFIX,
    MAIN_DIRECTORY,
    OVERLAY_FILE_NAME,
    SHIM_FILE_NAME,
    SHIM_PREFIX,
    SUPPORT_FILE_NAME,
)
from setuptools_golang_ext.stages import (
    buildlog,
    combine,
    crossbuild,
    gobuild,
    header,
    introspect,
    overlay,
)
from setuptools_golang_ext.stages.toolchain import GoToolchain

log = logging.getLogger("setuptools_golang_ext")


@dataclass(frozen=True)
class CffiExtensionSpec:
    """The cffi API-mode extension module of a c-archive build, for setuptools to compile."""

    name: str
    c_source: Path
    include_dirs: tuple[str, ...]
    extra_objects: tuple[str, ...]
    libraries: tuple[str, ...]
    extra_link_args: tuple[str, ...]


@dataclass(frozen=True)
class BuiltExtension:
    """The outputs of one extension: files to place in the target's package directory."""

    extension: GoExtension
    files: Mapping[str, Path] = field(default_factory=dict)
    compile: CffiExtensionSpec | None = None
    bindings: buildlog.Bindings | None = None  # what the module binds, for the build's summary


@dataclass(frozen=True)
class BuiltDistribution:
    """Every extension's outputs, and files for the runtime module's package: the Go library,
    when several c-shared extensions share it."""

    extensions: tuple[BuiltExtension, ...]
    runtime_files: Mapping[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class _CffiSide:
    """What a module's way to its Go code adds: files beside the module, a C extension for
    setuptools to compile, and how the generated module reaches ``ffi`` and ``lib``."""

    files: tuple[Path, ...] = ()
    compile: CffiExtensionSpec | None = None
    library_file: str | None = None  # c-shared: the library the module opens
    beside_runtime: bool = False  # ... from beside the runtime module
    ffi_module: str | None = None  # c-archive: import ffi and lib from this module instead


@dataclass(frozen=True)
class _Generation:
    """One extension's header (its exports and the runtime's) and where its files go."""

    extension: GoExtension
    model: header.Header
    header_file: Path
    temp_dir: Path
    toolchain: GoToolchain
    packages: Sequence[gobuild.GoPackage]  # the extension's own first
    compiled: Sequence[cwrappers.CompiledFunction] = ()  # c-archive: wrappers written in C

    def abi_module(self) -> Path:
        source = codegen.abi_ffi_source(self.extension, self.model)
        return _write(self.temp_dir / f"{self.extension.module_name}{CFFI_SUFFIX}.py", source)

    def api_extension(
        self, archive: Path, header_file: Path, model: header.Header
    ) -> CffiExtensionSpec:
        c_source = _write(  # beside the header it includes
            header_file.parent / f"{self.extension.module_name}{CFFI_SUFFIX}.c",
            codegen.api_c_source(self.extension, model, header_file.name, self.compiled),
        )
        return _cffi_extension_spec(
            self.extension, self.toolchain, self.packages, archive, c_source
        )


@dataclass(frozen=True)
class _OwnLibrary:
    """A distribution's only cgo extension: its library (c-shared) goes beside its module, or its
    archive (c-archive) into its own cffi module."""

    library: Path

    def cffi_side(self, job: _Generation) -> _CffiSide:
        if job.extension.mode == "c-archive":
            return _CffiSide(compile=job.api_extension(self.library, job.header_file, job.model))
        return _CffiSide((job.abi_module(), self.library), library_file=self.library.name)


@dataclass(frozen=True)
class _SharedLibrary:
    """c-shared, one library for the distribution: beside the runtime module, opened by all."""

    library: Path

    def cffi_side(self, job: _Generation) -> _CffiSide:
        return _CffiSide((job.abi_module(),), library_file=self.library.name, beside_runtime=True)


@dataclass(frozen=True)
class _ArchiveCarrier:
    """c-archive, several extensions: this module's cffi extension links the archive and
    declares every export of the distribution (*header*: the header file and its model)."""

    library: Path
    header: tuple[Path, header.Header]

    def cffi_side(self, job: _Generation) -> _CffiSide:
        return _CffiSide(compile=job.api_extension(self.library, *self.header))


@dataclass(frozen=True)
class _ArchiveUser:
    """c-archive, several extensions: ``ffi`` and ``lib`` come from the carrier's module."""

    carrier_ffi: str

    def cffi_side(self, job: _Generation) -> _CffiSide:
        return _CffiSide(ffi_module=self.carrier_ffi)


_Binding = Union[_OwnLibrary, _SharedLibrary, _ArchiveCarrier, _ArchiveUser]


@dataclass(frozen=True)
class _CgoApi:
    """Exports written by hand with cgo: wrappers planned from the header and Go's view."""

    info: introspect.GoPackageInfo

    def plans(self, job: _Generation) -> tuple[bindings.FunctionPlan, ...]:
        return bindings.plan(job.model, self.info.by_name(), codegen.CffiTypes(job.model))

    def compiled(self, job: _Generation) -> _Generation:
        """*job* with the wrappers its own cffi module will hold as C (c-archive only)."""
        if job.extension.mode != "c-archive":
            return job
        types = codegen.CffiTypes(job.model)
        return replace(
            job, compiled=cwrappers.compiled_functions(self.plans(job), job.model, types)
        )

    def render(self, job: _Generation, side: _CffiSide, runtime_module: str) -> tuple[str, str]:
        plans = self.plans(job)
        compiled = bool(job.compiled) and side.compile is not None
        module = _module_source(job, side, runtime_module, plans=plans, compiled=compiled)
        return module, wrappers.render_stub(plans, runtime_module)


@dataclass(frozen=True)
class _PlainApi:
    """An ordinary Go package: its plan, carried out by the generated shims (*info*: the
    shims' package, as one with exports)."""

    plan: plan.PackagePlan
    info: introspect.GoPackageInfo

    def compiled(self, job: _Generation) -> _Generation:
        """*job* with the functions its own cffi module will hold as C (c-archive only)."""
        if job.extension.mode != "c-archive":
            return job
        types = codegen.CffiTypes(job.model)
        return replace(job, compiled=cwrappers.compiled_plain(self.plan, job.model, types))

    def render(self, job: _Generation, side: _CffiSide, runtime_module: str) -> tuple[str, str]:
        compiled = bool(job.compiled) and side.compile is not None
        module = _module_source(job, side, runtime_module, plain=self.plan, compiled=compiled)
        return module, pymodule.render_stub(self.plan, runtime_module)


def _module_source(
    job: _Generation,
    side: _CffiSide,
    runtime_module: str,
    *,
    plans: Sequence[bindings.FunctionPlan] = (),
    plain: plan.PackagePlan | None = None,
    compiled: bool = False,
) -> str:
    return codegen.module_source(
        job.extension,
        job.model,
        plans,
        import_path=job.packages[0].import_path,
        library_file=side.library_file,
        runtime_module=runtime_module,
        library_beside_runtime=side.beside_runtime,
        ffi_module=side.ffi_module,
        plain=plain,
        compiled_wrappers=compiled,
    )


@dataclass(frozen=True)
class BuildContext:
    """What every extension of a build shares. *runtime_module* is the dotted name of the
    distribution's shared runtime module."""

    project_root: Path
    toolchain: GoToolchain
    base_env: Mapping[str, str]
    runtime_module: str
    target: crossbuild.TargetBuild | None = None


def build_distribution(
    extensions: Sequence[GoExtension], context: BuildContext, temp_dir: Path
) -> BuiltDistribution:
    """Build the distribution's Go extensions: one Go library (one Go runtime) for all of them,
    writing intermediate files under *temp_dir*."""
    if len(extensions) > 1 or any(is_plain(extension) for extension in extensions):
        return _build_together(extensions, context, temp_dir)
    [extension] = extensions
    _check_mode_supported(extension, context.toolchain)
    directory = gobuild.package_directory(extension, context.project_root)
    env = gobuild.build_environment(extension, context.base_env)
    package = gobuild.inspect_package(extension, context.toolchain, directory, env)
    if is_plain(extension, package):  # the shims' main package exists only in the overlay
        return _build_together(extensions, context, temp_dir, known={extension.target: package})
    built = _build_alone(extension, package, context, env, temp_dir / extension.target)
    return BuiltDistribution((built,))


def _build_alone(
    extension: GoExtension,
    package: gobuild.GoPackage,
    context: BuildContext,
    env: Mapping[str, str],
    temp_dir: Path,
) -> BuiltExtension:
    """A distribution's only extension, a cgo package main: built as it is."""
    toolchain = context.toolchain
    go_info = introspect.introspect(extension, toolchain, package.directory, env)
    added = overlay.overlay_files(go_info, package.directory, _read_text)
    output = crossbuild.go_build(
        extension, toolchain, package, temp_dir, env, overlay=added, build=context.target
    )
    if output.header is None:
        raise gobuild.no_header_error(extension, package)
    others = gobuild.imported_export_headers(
        go_info.imported_sources(), toolchain, temp_dir, env, added
    )
    header_file = gobuild.combined_header(output.header, others)
    model = _read_header(extension, toolchain, [package], header_file, env)
    job = _Generation(extension, model, header_file, temp_dir, toolchain, [package])
    return _generate(job, _CgoApi(go_info), _OwnLibrary(output.library), context.runtime_module)


def _build_together(
    extensions: Sequence[GoExtension],
    context: BuildContext,
    temp_dir: Path,
    known: Mapping[str, gobuild.GoPackage] | None = None,
) -> BuiltDistribution:
    """Several extensions (or a plain one): their packages become ordinary ones under one overlay
    main package, built into one library; each module binds the exports of its own package.
    *known*: packages already listed, by extension target."""
    extensions = sorted(extensions, key=lambda extension: extension.target)
    combine.check_combinable(extensions)
    carrier = extensions[0]  # holds the runtime support (and, in c-archive mode, the archive)
    toolchain = context.toolchain
    _check_mode_supported(carrier, toolchain)
    env = gobuild.build_environment(carrier, context.base_env)  # the same for all: checked above
    packages = [
        (known or {}).get(ext.target)
        or gobuild.inspect_package(
            ext, toolchain, gobuild.package_directory(ext, context.project_root), env
        )
        for ext in extensions
    ]
    combine.check_one_module(extensions, [(item.module_path, item.module_dir) for item in packages])
    names = {item.import_path: combine.clause_in_library(item) for item in packages}
    _check_one_binding_per_package(extensions, packages)
    apis = [
        _read_api(ext, package, context, env, names) for ext, package in zip(extensions, packages)
    ]
    infos = [api.info for api in apis]
    combine.check_unique_exports(infos)
    added = combine.overlay_files(packages, infos, names, _read_text)
    for ext, package, api in zip(extensions, packages, apis):
        if isinstance(api, _PlainApi):
            added.update(_plain_overlay(ext, package, api.plan, names[package.import_path]))
    library = _build_library(
        carrier, context, packages=packages, added=added, temp_dir=temp_dir, env=env
    )
    exports = _ExportHeaders.write(
        packages,
        names,
        infos,
        added=added,
        directory=temp_dir / "exports",
        toolchain=toolchain,
        env=env,
    )
    bindings_of: list[_Binding] = [_SharedLibrary(library)] * len(extensions)
    if carrier.mode == "c-archive":
        every = combine.merged_info(infos).sources
        union = exports.read(carrier, packages[0], every, "all-exports.h")
        carrier_ffi = codegen.ffi_module_name(carrier)
        bindings_of = [_ArchiveCarrier(library, union)]
        bindings_of += [_ArchiveUser(carrier_ffi)] * (len(extensions) - 1)
    built = []
    for extension, package, api, binding in zip(extensions, packages, apis, bindings_of):
        header_file, model = exports.read(
            extension, package, api.info.sources, f"{extension.target}.h"
        )
        scratch = temp_dir / extension.target
        scratch.mkdir(parents=True, exist_ok=True)
        linked = packages if isinstance(binding, _ArchiveCarrier) else [package]
        job = _Generation(extension, model, header_file, scratch, toolchain, linked)
        built.append(_generate(job, api, binding, context.runtime_module))
    runtime_files = {library.name: library} if carrier.mode == "c-shared" else {}
    return BuiltDistribution(tuple(built), runtime_files)


@dataclass(frozen=True)
class _ExportHeaders:
    """The export headers of the packages built into one library, each written once by cgo
    (the main package has no exports, so cgo wrote no header with the library), and the
    extensions' views of them."""

    runtime: Path  # the runtime support's exports, which every module binds
    packages: Mapping[str, Path]  # import path → its exports
    built: Sequence[gobuild.GoPackage]  # the extensions' packages, the runtime's first
    toolchain: GoToolchain
    env: Mapping[str, str]

    @classmethod
    def write(
        cls,
        built: Sequence[gobuild.GoPackage],
        names: Mapping[str, str],
        infos: Sequence[introspect.GoPackageInfo],
        *,
        added: Mapping[Path, str],
        directory: Path,
        toolchain: GoToolchain,
        env: Mapping[str, str],
    ) -> _ExportHeaders:
        first = built[0]
        runtime = introspect.GoSource(
            first.import_path,
            first.directory,
            (OVERLAY_FILE_NAME,),
            names[first.import_path],
        )
        sources = combine.merged_info(infos).sources
        directory.mkdir(parents=True, exist_ok=True)
        runtime_header, *headers = gobuild.imported_export_headers(
            [runtime, *sources], toolchain, directory, env, added
        )
        by_package = {source.import_path: header for source, header in zip(sources, headers)}
        return cls(runtime_header, by_package, built, toolchain, env)

    def read(
        self,
        extension: GoExtension,
        own: gobuild.GoPackage,
        sources: Sequence[introspect.GoSource],
        name: str,
    ) -> tuple[Path, header.Header]:
        """A header (*name*) of the runtime support's and *sources*' exports, and its model."""
        others = [self.packages[source.import_path] for source in sources]
        header_file = gobuild.combined_header(self.runtime, others, name=name)
        ordered = [own, *(item for item in self.built if item is not own)]
        return header_file, _read_header(extension, self.toolchain, ordered, header_file, self.env)


def _build_library(
    carrier: GoExtension,
    context: BuildContext,
    *,
    packages: Sequence[gobuild.GoPackage],
    added: Mapping[Path, str],
    temp_dir: Path,
    env: Mapping[str, str],
) -> Path:
    """Build the overlay's main package; the library is named after the runtime module."""
    module_dir = packages[0].module_dir
    assert module_dir is not None, "combine.check_one_module refuses packages outside modules"
    main = gobuild.GoPackage(
        directory=module_dir,
        import_path=f"{packages[0].module_path}/{MAIN_DIRECTORY}",
        name="main",
        module_dir=module_dir,
        cgo_cflags=(),
        module_path=packages[0].module_path,
    )
    output = crossbuild.go_build(
        replace(carrier, target=context.runtime_module),
        context.toolchain,
        main,
        temp_dir / "library",
        env,
        overlay=added,
        build=context.target,
        main=f"./{MAIN_DIRECTORY}",
    )
    return output.library


def _generate(
    job: _Generation, api: _CgoApi | _PlainApi, binding: _Binding, runtime_module: str
) -> BuiltExtension:
    """The Python side of one extension: cffi module (or its C source), module, stub."""
    with buildlog.stage("code generation", job.extension.target):
        job = api.compiled(job)
        side = binding.cffi_side(job)
        module, stub = api.render(job, side, runtime_module)
        name = job.extension.module_name
        files = [
            *side.files,
            _write(job.temp_dir / f"{name}.py", module),
            _write(job.temp_dir / f"{name}.pyi", stub),
        ]
    built = {path.name: path for path in files}
    return BuiltExtension(job.extension, built, side.compile, _bindings(api, job.model))


def _bindings(api: _CgoApi | _PlainApi, model: header.Header) -> buildlog.Bindings:
    """What the module binds and skips, for the build's summary line."""
    if isinstance(api, _PlainApi):
        planned = api.plan
        types = len(planned.structs) + len(planned.objects)  # classes: values and Go objects
        return buildlog.Bindings(len(planned.functions), types, len(planned.skipped), cgo=False)
    exports = [e for e in model.exports if not e.name.startswith(INTERNAL_PREFIX)]
    return buildlog.Bindings(len(exports), skipped=len(model.skipped))


def is_plain(extension: GoExtension, package: gobuild.GoPackage | None = None) -> bool:
    """Whether *extension* binds an ordinary Go package (rather than cgo exports written by
    hand in a ``package main``). Without *package*: whether that is known before ``go list``."""
    if extension.go_package is not None:
        return True
    return package is not None and package.name != "main"


def _plan_plain(
    extension: GoExtension,
    package: gobuild.GoPackage,
    context: BuildContext,
    env: Mapping[str, str],
) -> plan.PackagePlan:
    """Read the API of the package *extension* binds and plan its bindings; what cannot be
    bound is a warning (an error when ``strict``)."""
    planned = read_and_plan(extension, context.toolchain, package.directory, env)
    _report_plan(extension, planned)
    return planned


def read_and_plan(
    extension: GoExtension, toolchain: GoToolchain, directory: Path, env: Mapping[str, str]
) -> plan.PackagePlan:
    """The plan of the package *extension* binds, loaded from *directory*: its API, with the
    instantiations its ``instantiate`` names, less what its ``exclude`` names."""
    api = introspect.introspect_api(
        extension,
        toolchain,
        directory,
        env,
        package=extension.go_package or ".",
        instantiate=instances.instance_expressions(extension.instantiate),
    )
    _check_instances(extension, api)
    if extension.go_package is None:  # the shims join the package: their imports must fit
        _check_imports(extension, api)
    return plan.plan_package(
        instances.named_instances(api, extension.instantiate), extension.exclude
    )


def _check_imports(extension: GoExtension, api: introspect.GoAPI) -> None:
    clashes = shims.import_clashes(api.scope)
    if clashes:
        names = ", ".join(clashes)
        raise ConfigError(
            f"Go extension {extension.target}: the package {api.import_path} declares {names} "
            "at package level, which the Go files setuptools-golang-ext adds to it import a "
            "package as (Go refuses both in one package).\nRename them, or bind the package "
            f'from a directory of its own: package = "{api.import_path}" and path = an empty '
            "directory of the module (the generated files then go there)."
        )


def _check_instances(extension: GoExtension, api: introspect.GoAPI) -> None:
    if api.instance_errors:
        problems = "\n".join(f"  {expr}: {why}" for expr, why in api.instance_errors)
        raise ConfigError(
            f"Go extension {extension.target}: `instantiate` names instantiations of "
            f"{api.import_path} that cannot be made:\n{problems}\n\nName an exported generic "
            'function with type arguments its constraints accept, e.g. "Map[string, int]".'
        )


def _report_plan(extension: GoExtension, planned: plan.PackagePlan) -> None:
    where = f"Go extension {extension.target}"
    if planned.excluded:
        raise ConfigError(
            f"{where}: `exclude` names {', '.join(planned.excluded)}, which the Go package "
            f"{planned.api.import_path} does not export\n\nList exported functions or types of it."
        )
    if planned.skipped and extension.strict:
        reasons = "\n".join(f"  {item.name}: {item.reason}" for item in planned.skipped)
        raise ConfigError(
            f"{where}: strict = true, and these exported names of {planned.api.import_path} "
            f"cannot be bound:\n{reasons}\n\nAdd them to `exclude`, or change their types."
        )
    for item in planned.skipped:
        log.warning("%s: %s is not bound: %s", where, item.name, item.reason)
    for name, reason in python_refusals(planned):
        log.info(
            "%s: Python objects cannot implement %s (Go objects only): %s", where, name, reason
        )
    if not planned.functions and not planned.structs and not planned.objects:
        raise ConfigError(
            f"{where}: the Go package {planned.api.import_path} has no exported function, "
            "struct or interface type that can be bound\n\nExport a function (a name starting "
            "with an upper case letter) whose parameters and results Python can carry."
        )


def python_refusals(planned: plan.PackagePlan) -> list[tuple[str, str]]:
    """The interfaces of the package a Python object cannot implement, and why."""
    return [
        (item.name, item.python_refusal)
        for item in planned.objects
        if item.interface and item.python_refusal
    ]


def _check_one_binding_per_package(
    extensions: Sequence[GoExtension], packages: Sequence[gobuild.GoPackage]
) -> None:
    """Refuse two plain extensions whose shims would go into one package directory."""
    seen: dict[Path, GoExtension] = {}
    for extension, package in zip(extensions, packages):
        if not is_plain(extension, package):
            continue
        other = seen.setdefault(package.directory, extension)
        if other is not extension:
            raise ConfigError(
                f"Go extensions {other.target} and {extension.target} both bind Go code from "
                f"{package.directory}: the shims of one package directory serve one Python "
                "module\n\nBind it once, and import that module where both need it (or give "
                "each a directory of its own, with `package =` naming what it binds)."
            )


def _read_api(
    extension: GoExtension,
    package: gobuild.GoPackage,
    context: BuildContext,
    env: Mapping[str, str],
    names: Mapping[str, str],
) -> _CgoApi | _PlainApi:
    """What *extension* binds, read from its package (whose clause in the library *names* gives)."""
    if is_plain(extension, package):
        source = introspect.GoSource(
            package.import_path,
            package.directory,
            (SHIM_FILE_NAME, SUPPORT_FILE_NAME),  # both have exports
            names[package.import_path],
        )
        info = introspect.GoPackageInfo(package.import_path, (), (source,))
        return _PlainApi(_plan_plain(extension, package, context, env), info)
    found = introspect.introspect(extension, context.toolchain, package.directory, env)
    return _CgoApi(combine.renamed_info(found, names))


def _plain_overlay(
    extension: GoExtension, package: gobuild.GoPackage, planned: plan.PackagePlan, clause: str
) -> dict[Path, str]:
    """The shims, their support and the codec, for the build's overlay."""
    assert package.module_dir is not None, (
        "combine.check_one_module refuses packages outside modules"
    )
    shim_source = shims.shim_source(
        planned,
        package_name=clause,
        same_package=planned.api.import_path == package.import_path,
        module_path=package.module_path,
        python_module=extension.target,
    )
    return {
        package.directory / SHIM_FILE_NAME: shim_source,
        package.directory / SUPPORT_FILE_NAME: shims.support_source(
            clause, package.module_path, extension.target
        ),
        **shims.codec_files(package.module_dir),
    }


def _check_mode_supported(extension: GoExtension, toolchain: GoToolchain) -> None:
    if extension.mode == "c-archive" and toolchain.goos == "windows":
        raise UnsupportedTargetError(
            f'Go extension {extension.target}: mode = "c-archive" is not supported on Windows: '
            'MSVC cannot link Go archives (golang/go#30347)\n\nUse mode = "c-shared".'
        )


def _read_header(
    extension: GoExtension,
    toolchain: GoToolchain,
    packages: Sequence[gobuild.GoPackage],
    header_file: Path,
    env: Mapping[str, str],
) -> header.Header:
    """The model of *header_file*, which includes the preambles of *packages* (the first is the
    extension's own)."""
    package = packages[0]
    flags = [flag for item in packages for flag in gobuild.preprocessor_flags(item, env)]
    with buildlog.stage("header → cdef", extension.target):
        compiler = toolchain.c_compiler(env)
        text = header.preprocess(header_file, compiler, flags, env, package.directory)
        model = header.parse_preprocessed(
            text,
            abi_mode=extension.mode == "c-shared",
            source=f"the Go package {package.import_path}",
        )
    plain = any(export.name.startswith(SHIM_PREFIX) for export in model.exports)
    if not plain and all(export.name.startswith(INTERNAL_PREFIX) for export in model.exports):
        if model.skipped:
            reasons = "; ".join(f"{item.name}: {item.reason}" for item in model.skipped)
            raise HeaderError(f"Go extension {extension.target}: no export can be bound: {reasons}")
        raise gobuild.no_header_error(extension, package)
    for warning in model.warnings:
        log.warning("Go extension %s: %s", extension.target, warning)
    for skipped in model.skipped:
        log.warning(
            "Go extension %s: export %s is not bound: %s",
            extension.target,
            skipped.name,
            skipped.reason,
        )
    return model


def _cffi_extension_spec(
    extension: GoExtension,
    toolchain: GoToolchain,
    packages: Sequence[gobuild.GoPackage],
    archive: Path,
    c_source: Path,
) -> CffiExtensionSpec:
    libraries: tuple[str, ...] = ()
    link_args: tuple[str, ...] = ()
    if toolchain.goos in ("darwin", "ios"):
        # net and crypto/x509 in the archive need these at link time; unused frameworks cost nothing.
        link_args = ("-framework", "CoreFoundation", "-framework", "Security")
        if not extension.debug:
            link_args += ("-Wl,-S",)
    elif toolchain.goos != "windows":
        libraries = ("pthread", "dl")  # dl: the compiled wrappers look a function up (dlsym)
        # Keep the Go runtime's symbols private to this module and bind them to itself.
        link_args = ("-Wl,--exclude-libs,ALL", "-Wl,-Bsymbolic")
        if not extension.debug:
            # Debug info would record the build directory and make wheels irreproducible.
            link_args += ("-s",)
    include_dirs = [str(c_source.parent)]
    for package in packages:
        include_dirs.append(str(package.directory))
        include_dirs += [
            flag[2:] for flag in package.cgo_cflags if flag.startswith("-I") and len(flag) > 2
        ]
    return CffiExtensionSpec(
        name=codegen.ffi_module_name(extension),
        c_source=c_source,
        include_dirs=tuple(include_dirs),
        extra_objects=(str(archive),),
        libraries=libraries,
        extra_link_args=link_args,
    )


def limited_api_available() -> bool:
    """The limited API (abi3) exists on CPython builds with the GIL, not on PyPy or free-threaded."""
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    return sys.implementation.name == "cpython" and not free_threaded


def _read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path  # "\n" line ends on every OS: same bytes everywhere
