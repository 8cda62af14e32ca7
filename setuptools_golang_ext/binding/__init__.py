"""The binding: from the Go API to the code a user imports, one subpackage per style.

* :mod:`.plain`: ordinary Go packages (the plan, its conversions, the Python module and stub,
  the Go shims);
* :mod:`.cgo`: cgo packages of ``//export`` functions (the plan of each export, its wrapper);
* shared by both: :mod:`.needs` (what a generated module needs, worked out once from a plan),
  :mod:`.pynames` (the one rule giving Go names their Python names), :mod:`.codegen` (the cffi
  module and the module users import), :mod:`.cwrappers` (the compiled C wrappers of c-archive
  modules) and :mod:`.pysource` (reads the real files whose code the renderers copy).
"""
