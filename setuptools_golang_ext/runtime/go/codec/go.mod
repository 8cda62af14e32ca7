module setuptools_golang_ext/codec

go 1.21
