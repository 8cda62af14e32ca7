module example.com/fixtures/kitchen

go 1.21
