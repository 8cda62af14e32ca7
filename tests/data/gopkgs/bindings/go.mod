module example.com/fixtures/bindings

go 1.21
