package fixtransport

import (
	"net/http"
)

func build() *http.Client { // want build:"noTimeoutClient"
	return &http.Client{Transport: &http.Transport{MaxIdleConns: 100}} // want `http.Transport has no dial or TLS handshake timeout`
}

func viaNew() *http.Client { // want viaNew:"noTimeoutClient"
	return &http.Client{Transport: new(http.Transport)} // want `http.Transport has no dial or TLS handshake timeout`
}

// The time package is shadowed where the fix applies: a fresh import name is used.
func shadow() *http.Client { // want shadow:"noTimeoutClient"
	time := "soon"
	_ = time
	return &http.Client{Transport: &http.Transport{}} // want `http.Transport has no dial or TLS handshake timeout`
}
