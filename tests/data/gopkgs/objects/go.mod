module example.com/objects

go 1.23
