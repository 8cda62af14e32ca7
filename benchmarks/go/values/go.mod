module benchvalues

go 1.23
