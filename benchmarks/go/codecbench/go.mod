module benchcodec

go 1.21

require (
	benchplain v0.0.0
	setuptools_golang_ext/codec v0.0.0
)

replace (
	benchplain => ../plain
	setuptools_golang_ext/codec => ../../../setuptools_golang_ext/go/codec
)
