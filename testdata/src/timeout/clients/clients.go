// Package clients builds clients for other packages: the timeout analyzer
// exports a fact for the function that returns one without a Timeout.
package clients

import (
	"net/http"
	"time"
)

// Bare returns a client that has no Timeout.
func Bare() *http.Client { return &http.Client{} } // want Bare:"noTimeoutClient"

// Wrapped returns Bare's client: the fact follows the chain.
func Wrapped() *http.Client { return Bare() } // want Wrapped:"noTimeoutClient"

// Bounded returns a client with a Timeout.
func Bounded() *http.Client { return &http.Client{Timeout: 5 * time.Second} }

// FromConfig returns a client the analyzer cannot see into.
func FromConfig(c *http.Client) *http.Client {
	if c == nil {
		return http.DefaultClient
	}
	return c
}
