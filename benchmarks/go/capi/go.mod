module capigo

go 1.21
