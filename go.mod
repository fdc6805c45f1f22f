module github.com/httpvet/httpvet

go 1.26.8

require golang.org/x/tools v0.47.0
