module setuptools-golang-ext/introspect

go 1.21
