module benchplain

go 1.21
