"""The exceptions setuptools-golang-ext raises, one per kind of failure.

Every message says what failed, names the offending thing, and says how to fix it. They derive from
setuptools' ``BaseError`` (distutils' ``DistutilsError``) so that setuptools and pip print the message
instead of a traceback.
"""

from __future__ import annotations

from setuptools.errors import BaseError, SetupError


class GoExtError(BaseError):
    """Base class of every error raised by setuptools-golang-ext."""


class ConfigError(GoExtError, SetupError):
    """A ``go_extensions`` entry or a ``[tool.setuptools-golang-ext]`` table is invalid.

    Also a ``SetupError`` (distutils' ``DistutilsSetupError``): raised while setuptools reads
    the configuration (before any command runs, where only that class is turned into a
    message), ``setup()`` prints it as one line, ``error in <name> setup command: ...``,
    without a traceback, and pip shows that line."""


class ToolchainError(GoExtError):
    """No usable Go toolchain or C compiler was found."""


class UnsupportedTargetError(GoExtError):
    """The target platform cannot run what the requested mode produces."""


class CommandError(GoExtError):
    """An external command (``go``, the C preprocessor) failed; the message carries its output."""


class GoBuildError(CommandError):
    """``go build`` failed; the message carries Go's own ``file:line: message`` output."""


class HeaderError(GoExtError):
    """The header cgo wrote could not be turned into a cffi cdef, or declares no exports."""
