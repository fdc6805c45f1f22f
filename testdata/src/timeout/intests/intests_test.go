package intests

import (
	"net/http"
	"testing"
)

// Tests call http.Get on httptest servers all the time: not reported unless
// the suite-wide -report-tests flag is set.
func TestProbe(t *testing.T) {
	http.Get("http://127.0.0.1:1/") // want `http.Get has no timeout`
}
