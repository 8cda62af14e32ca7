module example.com/callbackbench

go 1.21
