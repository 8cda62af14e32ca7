module example.com/fixtures/multifile

go 1.21
