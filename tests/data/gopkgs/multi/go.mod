module example.com/fixtures/multi

go 1.21
