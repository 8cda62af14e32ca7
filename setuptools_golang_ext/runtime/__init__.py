"""The runtime: every file the tool copies into users' packages and builds.

* Python: :mod:`.runtime_support` (one per distribution), :mod:`.module_helpers` and
  :mod:`.module_support` (copied into generated modules), :mod:`.editable_support` (rebuild on
  import);
* Go: ``go/runtime`` (panics, guards, one runtime's state), ``go/shim`` (templates of the shims
  of ordinary packages), ``go/codec`` (values and handles crossing to Python);
* C: ``c/wrappers.c`` (the fixed part of the compiled wrappers of c-archive modules).
"""

from pathlib import Path

DIRECTORY = Path(__file__).parent
"""Where the runtime's files are: the renderers read and copy them from here."""
