// Package upstreamfake is a fake upstream for other packages' tests: it
// imports testing outside a _test.go file, so it is test code.
package upstreamfake

import (
	"net/http"
	"testing"
)

func probe() {}

var _ = http.MethodGet

// Start is called from tests with their *testing.T.
func Start(t *testing.T) {
	t.Helper()
	probe()
}
