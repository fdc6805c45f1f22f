// Package recorder is production code that runs a handler in-process and
// records its answer with httptest: that alone does not make it test code.
package recorder

import (
	"net/http"
	"net/http/httptest"
)

func probe() {}

// Render runs h and returns what it wrote.
func Render(h http.Handler) []byte {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	probe() // want `probe called`
	return rec.Body.Bytes()
}
