module benchtrio

go 1.21
