"""The build stages of one extension, in order (:mod:`.pipeline` runs them):

:mod:`.toolchain` and :mod:`.target` (which Go, which platform, :mod:`.crossbuild` for others)
→ :mod:`.introspect` (``go list`` and the Go-level API) → :mod:`.overlay` and :mod:`.combine`
(Go code added through ``-overlay``, one library per distribution) → :mod:`.gobuild`
(``go build``) → :mod:`.header` (the cgo header as a cffi cdef). :mod:`.sources` finds the Go
files an sdist needs; :mod:`.buildlog` reports what each stage did.
"""
