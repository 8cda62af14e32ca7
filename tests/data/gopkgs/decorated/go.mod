module example.com/fixtures/decorated

go 1.21
