package app

import (
	"net/http"
	"testing"
)

func TestFetch(t *testing.T) { http.Get("http://127.0.0.1:1/") }
