module example.com/fixtures/systypes

go 1.21
