"""The bindings of cgo packages (``package main`` with ``//export`` functions): :mod:`.bindings`
plans each export from its C and Go types, :mod:`.wrappers` renders its Python wrapper.
"""
