"""The bindings of ordinary Go packages (no cgo written): :mod:`.plan` decides how each
function, type and value crosses (each way a conversion of :mod:`.conversions`, one file per
kind; :mod:`.instances` names generic instantiations), :mod:`.pymodule` renders the Python
module and its stub, :mod:`.shims` the Go shims.
"""
