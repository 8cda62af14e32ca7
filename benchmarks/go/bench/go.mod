module benchgo

go 1.21
