// Package mocks stands in for a mocks directory: code that serves tests,
// whatever it imports. Nothing is reported here without -report-tests.
package mocks

import "net/http"

func probe() {}

var _ = http.MethodGet

func Serve() {
	probe()
}
