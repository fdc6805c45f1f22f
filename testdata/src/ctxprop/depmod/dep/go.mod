module example.com/feeds

go 1.25.0
