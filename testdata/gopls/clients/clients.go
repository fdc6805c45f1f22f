// Package clients builds the HTTP client the app uses. Its fact, "this
// function returns a client without a Timeout", crosses into package app.
package clients

import "net/http"

// New returns a client with no Timeout.
func New() *http.Client {
	return &http.Client{Transport: http.DefaultTransport}
}
