module errgroupmod

go 1.25.0

require golang.org/x/sync v0.21.0
