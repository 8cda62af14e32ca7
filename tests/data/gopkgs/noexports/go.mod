module example.com/fixtures/noexports

go 1.21
