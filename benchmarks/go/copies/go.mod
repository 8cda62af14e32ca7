module example.com/copybench

go 1.21
