"""Rebuild on import, for editable installs of a distribution built by setuptools-golang-ext.

setuptools-golang-ext copies this file beside the distribution's runtime module, as
``<pkg>._go_editable``, in editable (in-place) builds only, and each generated module of such a
build starts with ``if not _go_rebuilt(globals(), PROJECT_ROOT):`` around its body. When a Go input
of the distribution changed since the last build (a Go file of an extension's package or of a
package it imports from the project, ``go.mod``, ``go.sum``, ``pyproject.toml``, ``setup.py``),
the Go code is rebuilt in place first and the module's new code runs instead of its old body.

It uses the standard library only, and costs one small file read and one ``stat`` per input
when nothing changed. ``SETUPTOOLS_GOLANG_EXT_REBUILD=0`` turns it off.
"""

from __future__ import annotations

import os as _os
import sys as _sys

SWITCH = "SETUPTOOLS_GOLANG_EXT_REBUILD"
_OFF = ("0", "false", "no", "off")

# Where a build records its inputs, under the project root; written by setuptools_golang_ext.
STATE_DIRECTORY = ("build", "setuptools-golang-ext")
INPUTS_FILE = "inputs"
LOCK_FILE = "rebuild.lock"
LOG_FILE = "rebuild.log"
INPUTS_HEADER = "setuptools-golang-ext inputs 1"
# One input per line, fields separated by tabs: "f", mtime_ns, size, path (a file); or "d",
# mtime_ns, its build files' names joined by "/", path (a Go package directory: a file added or
# removed there changes the build). Paths are relative to the project root, or absolute.
FILE, DIRECTORY = "f", "d"
NAME_SEPARATOR = "/"

# Files of a directory that can take part in a Go build (go/build's list), tests aside.
BUILD_SUFFIXES = (
    ".go", ".c", ".cc", ".cpp", ".cxx", ".m", ".h", ".hh", ".hpp", ".hxx",
    ".f", ".F", ".for", ".f90", ".s", ".S", ".sx", ".swig", ".swigcxx", ".syso",
)  # fmt: skip

# The registry of Go runtimes loaded in this process (see _go_runtime._check_single_runtime).
_REGISTRY = "_setuptools_golang_ext_go_runtimes"

# Modules whose rebuilt code runs now: they must not check (and rebuild) again.
_running: set[str] = set()


def _go_rebuilt(namespace: dict[str, object], root: str) -> bool:
    """Called first by each generated module of an editable build, with its globals and the
    project root. False: the module's own body is to run (nothing changed, or the checks are
    off, or this process cannot load new Go code). True: the Go code was rebuilt and the
    module's new code has run in *namespace*."""
    name = str(namespace["__name__"])
    if name in _running or _os.environ.get(SWITCH, "").strip().lower() in _OFF:
        return False
    change = changed_input(root)
    if change is None:
        return False
    if _runtime_loaded():
        import warnings  # noqa: PLC0415 - only on this rare path

        warnings.warn(_restart_message(name, change), RuntimeWarning, stacklevel=2)
        return False
    with _locked(_state_path(root, LOCK_FILE)):
        change = changed_input(root)  # None: another process rebuilt it while this one waited
        if change is not None:
            _rebuild(name, root, change)
    _run_new_code(namespace)
    return True


def is_build_file(name: str) -> bool:
    """Whether *name*, in a Go package directory, can take part in the package's build."""
    return (
        name.endswith(BUILD_SUFFIXES)
        and not name.endswith("_test.go")
        and not name.startswith((".", "_"))  # go/build ignores them
    )


def changed_input(root: str) -> str | None:
    """What changed since the last build, for the user (``go/native/main.go changed``), or
    None when nothing did."""
    try:
        with open(_state_path(root, INPUTS_FILE), encoding="utf-8") as state:  # noqa: PTH123
            lines = state.read().split("\n")
    except OSError:
        return "no record of its last build"
    if lines[0] != INPUTS_HEADER:
        return "its last build was recorded by another version of setuptools-golang-ext"
    changes = []
    for line in lines[1:]:
        if line:
            change = _changed(root, line)
            if change is not None:
                changes.append(change)
    if not changes:
        return None
    if len(changes) == 1:
        return changes[0]
    return f"{changes[0]} (and {len(changes) - 1} more)"


def _changed(root: str, line: str) -> str | None:
    try:
        kind, mtime, detail, path = line.split("\t", 3)
        recorded_mtime = int(mtime)
    except ValueError:
        return "its record of the last build is damaged"
    try:
        status = _os.stat(_os.path.join(root, path))  # noqa: PTH116, PTH118
    except OSError:
        return f"{path} removed"
    if kind == FILE:
        same = status.st_mtime_ns == recorded_mtime and str(status.st_size) == detail
        return None if same else f"{path} changed"
    if status.st_mtime_ns == recorded_mtime:
        return None
    # A directory's time changes with any file saved through a rename: compare its build files.
    try:
        names = [n for n in _os.listdir(_os.path.join(root, path)) if is_build_file(n)]  # noqa: PTH118, PTH208
    except OSError:
        return f"{path} removed"
    # Only what was added: a removed file that took part in the build has its own record.
    recorded = detail.split(NAME_SEPARATOR) if detail else []
    added = sorted(n for n in names if n not in recorded)
    return f"{_join(path, added[0])} added" if added else None


def _join(directory: str, name: str) -> str:
    return name if directory in ("", ".") else f"{directory.rstrip('/')}/{name}"


def _state_path(root: str, name: str) -> str:
    return _os.path.join(root, *STATE_DIRECTORY, name)  # noqa: PTH118


def _runtime_loaded() -> bool:
    """Whether this distribution's Go library is loaded in this process already."""
    registry = _sys.modules.get(_REGISTRY)
    runtimes = getattr(registry, "runtimes", {})
    return _runtime_module() in runtimes


def _runtime_module() -> str:
    # This module is the runtime module's neighbour: <pkg>._go_editable beside <pkg>._go_runtime.
    return __name__[: -len("_go_editable")] + "_go_runtime"


def _restart_message(module: str, change: str) -> str:
    return (
        f"{module} needs a rebuild ({change}), but this process has loaded the Go library "
        f"of {_runtime_module().rpartition('.')[0] or module} already, and a process holds one "
        "Go runtime: restart Python to rebuild it and use the new code (this import uses the "
        "last build)"
    )


class _locked:
    """An exclusive lock on *path* across processes, held in a ``with`` block: of several
    processes importing at once, one rebuilds and the others wait, then use its build."""

    def __init__(self, path: str) -> None:
        _os.makedirs(_os.path.dirname(path), exist_ok=True)  # noqa: PTH103, PTH120
        self._fd = _os.open(path, _os.O_RDWR | _os.O_CREAT, 0o666)

    def __enter__(self) -> None:
        _lock(self._fd, locked=True)

    def __exit__(self, *exc_info: object) -> None:
        try:
            _lock(self._fd, locked=False)
        finally:
            _os.close(self._fd)


def _lock(fd: int, *, locked: bool) -> None:
    import sys  # noqa: PLC0415 - type checkers see the platform checks of `sys` only

    if sys.platform == "win32":
        import msvcrt  # noqa: PLC0415

        while True:
            try:  # LK_LOCK retries for 10 s, then raises
                msvcrt.locking(fd, msvcrt.LK_LOCK if locked else msvcrt.LK_UNLCK, 1)
                return
            except OSError:
                if not locked:
                    raise
    else:
        import fcntl  # noqa: PLC0415

        fcntl.flock(fd, fcntl.LOCK_EX if locked else fcntl.LOCK_UN)


def _rebuild(module: str, root: str, change: str) -> None:
    """Build the project's Go extensions in place, in a child process of this interpreter;
    one line on stderr says why and how long it took. A failure raises ImportError."""
    import importlib.util  # noqa: PLC0415 - only when something changed
    import subprocess  # noqa: PLC0415
    import time  # noqa: PLC0415

    if importlib.util.find_spec("setuptools_golang_ext") is None:
        raise ImportError(_no_tool_message(module, change), name=module)
    _sys.stderr.write(f"rebuilding {module}: {change}")
    _sys.stderr.flush()
    started = time.perf_counter()
    log = _state_path(root, LOG_FILE)
    command = [_sys.executable, "-m", "setuptools_golang_ext", "rebuild", "--for-import", root]
    env = dict(_os.environ)
    env[SWITCH] = "0"  # a setup.py that imports the package must not rebuild in turn
    with open(log, "wb") as output:  # noqa: PTH123
        # Standard library only here: no _process.run; stderr goes to the log as it comes.
        completed = subprocess.run(  # noqa: TID251
            command, stdout=subprocess.PIPE, stderr=output, env=env, cwd=root, check=False
        )
    seconds = time.perf_counter() - started
    if completed.returncode == 0:
        _sys.stderr.write(f" ({_duration(seconds)})\n")
        return
    _sys.stderr.write(f": failed ({_duration(seconds)})\n")
    message = completed.stdout.decode("utf-8", "replace").strip()
    raise ImportError(_failure_message(module, message, log), name=module)


def _duration(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds >= 1 else f"{seconds:.2f} s"


def _no_tool_message(module: str, change: str) -> str:
    return (
        f"{module} needs a rebuild ({change}), and setuptools-golang-ext, which rebuilds it, "
        f"is not installed in this environment ({_sys.executable})\n\n"
        "Install it (`pip install setuptools-golang-ext`; editable installs made with the "
        "build backend setuptools_golang_ext.build_meta bring it along), or set "
        f"{SWITCH}=0 to import the last build as it is."
    )


def _failure_message(module: str, message: str, log: str) -> str:
    return (
        f"{module}: rebuilding its Go code failed\n\n"
        f"{message or 'the build stopped without a message'}\n\n"
        f"The whole build log is in {log}. Fix the error and import again, or set "
        f"{SWITCH}=0 to import the last build as it is."
    )


def _run_new_code(namespace: dict[str, object]) -> None:
    """Run the module's file as it is now (the rebuilt module) in *namespace*."""
    name = str(namespace["__name__"])
    path = str(namespace["__file__"])
    with open(path, "rb") as source:  # noqa: PTH123
        code = compile(source.read(), path, "exec", dont_inherit=True)
    _running.add(name)
    try:
        exec(code, namespace)  # the module's own code, just rebuilt
    finally:
        _running.discard(name)
