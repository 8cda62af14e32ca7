module example.com/example_pkg/go

go 1.21
