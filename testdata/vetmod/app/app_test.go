package app

import (
	"net/http"
	"testing"
)

func TestFetch(t *testing.T) { http.Get("http://127.0.0.1:1/") } //httpvet:ignore bodyclose port 1 refuses the connection: there is no response to close
