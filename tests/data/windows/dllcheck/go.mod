module example.com/fixtures/dllcheck

go 1.21
