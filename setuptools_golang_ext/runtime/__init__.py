"""The runtime: every file the tool copies into users' packages and builds.

* Python: :mod:`.runtime_support` (one per distribution), :mod:`.module_helpers` and
  :mod:`.module_support` (copied into generated modules), :mod:`.editable_support` (rebuild on
  import);
* Go: ``go/runtime`` (panics, guards, one runtime's state), ``go/shim`` (templates of the shims
  of ordinary packages), ``go/codec`` (values and handles crossing to Python);
* C: ``c/wrappers.c`` (the fixed part of the compiled wrappers of c-archive modules).
"""

from functools import cache
from pathlib import Path
from string import Template

DIRECTORY = Path(__file__).parent
"""Where the runtime's files are: the renderers read and copy them from here."""


def read(relative: str) -> str:
    """The text of the runtime's file *relative* (``go/shim/support.go``)."""
    return (DIRECTORY / relative).read_bytes().decode("utf-8")


@cache
def template(relative: str) -> Template:
    """The runtime's template *relative* (``go/runtime/guard.go.tmpl``), filled with
    ``string.Template``: its ``${...}`` are the holes."""
    return Template(read(relative))
