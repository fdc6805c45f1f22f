package fixtransport

import (
	"net/http"
)

func build() {
	c := &http.Client{Transport: &http.Transport{MaxIdleConns: 100}} // want `http.Transport has no dial or TLS handshake timeout`
	c.Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`
}

func viaNew() {
	c := &http.Client{Transport: new(http.Transport)} // want `http.Transport has no dial or TLS handshake timeout`
	c.Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`
}

// The time package is shadowed where the fix applies: a fresh import name is used.
func shadow() {
	time := "soon"
	_ = time
	c := &http.Client{Transport: &http.Transport{}} // want `http.Transport has no dial or TLS handshake timeout`
	c.Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`
}
