module example.com/objectbench

go 1.23
