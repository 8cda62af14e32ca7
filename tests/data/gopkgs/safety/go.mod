module example.com/fixtures/safety

go 1.21
