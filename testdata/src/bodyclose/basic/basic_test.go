package basic

import (
	"net/http"
	"testing"
)

// Test files are not reported.
func TestGet(t *testing.T) {
	resp, err := http.Get("http://127.0.0.1/")
	if err != nil {
		t.Fatal(err)
	}
	t.Log(resp.Status)
}
