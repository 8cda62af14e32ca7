"""The binding: from the Go API to the code a user imports.

* the model: :mod:`.plan` (ordinary Go packages) and :mod:`.bindings` (``//export`` functions),
  each argument and result a conversion of :mod:`.conversions` (one file per kind);
* :mod:`.needs`: what a generated module needs, worked out once from a plan;
* :mod:`.pynames`: the one rule giving Go names their Python names;
* the renderers: :mod:`.codegen` (the cffi module and the module users import),
  :mod:`.pymodule` and :mod:`.wrappers` (Python), :mod:`.shims` (Go), :mod:`.cwrappers` (C);
  :mod:`.pysource` reads the real files whose code they copy.
"""
