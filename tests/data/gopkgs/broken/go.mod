module example.com/fixtures/broken

go 1.21
