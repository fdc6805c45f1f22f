// Package cleanhttp is a test stub of github.com/hashicorp/go-cleanhttp's
// exported API, written for httpvet's tests.
package cleanhttp

import (
	"net/http"
	"time"
)

// DefaultPooledTransport returns a new Transport with a connection pool.
func DefaultPooledTransport() *http.Transport {
	t := &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		MaxIdleConns:        100,
		IdleConnTimeout:     90 * time.Second,
		MaxIdleConnsPerHost: 8,
	}
	return t
}

// DefaultPooledClient returns a new Client with a pooled Transport.
func DefaultPooledClient() *http.Client {
	return &http.Client{Transport: DefaultPooledTransport()}
}
