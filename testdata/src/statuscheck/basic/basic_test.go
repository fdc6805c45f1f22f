package basic

import (
	"io"
	"net/http"
	"testing"
)

func TestGet(t *testing.T) {
	resp, _ := http.Get("http://localhost") // test files are not reported by default
	b, _ := io.ReadAll(resp.Body)
	t.Log(string(b))
}
