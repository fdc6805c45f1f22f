module oldmod

go 1.24
