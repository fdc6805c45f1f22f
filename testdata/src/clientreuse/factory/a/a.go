// Package a builds HTTP clients for its callers.
package a

import (
	"net/http"
	"time"
)

// NewHTTPClient builds a client with its own transport on every call.
func NewHTTPClient(timeout time.Duration) *http.Client { // want NewHTTPClient:"newtransport\\(result 0\\)"
	return &http.Client{
		Timeout:   timeout,
		Transport: newTransport(),
	}
}

func newTransport() *http.Transport { // want newTransport:"newtransport\\(result 0\\)"
	return &http.Transport{MaxIdleConns: 20, IdleConnTimeout: 30 * time.Second}
}

// NewWithErr returns the client second, after a name, and may fail.
func NewWithErr(name string) (string, *http.Client, error) { // want NewWithErr:"newtransport\\(result 1\\)"
	if name == "" {
		return "", nil, http.ErrNoLocation
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 4
	return name, &http.Client{Transport: tr}, nil
}

// API holds a client.
type API struct {
	hc *http.Client
}

// New returns an API holding a fresh client.
func New() *API { // want New:"newtransport\\(result 0\\)"
	return &API{hc: NewHTTPClient(5 * time.Second)}
}

// Fetch sends a request with the API's client.
func (a *API) Fetch(url string) error {
	resp, err := a.hc.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

var cached *http.Client

// Shared returns a client built once: not a factory.
func Shared() *http.Client {
	if cached == nil {
		cached = &http.Client{Transport: &http.Transport{}}
	}
	return cached
}

// Default returns the default client: not a factory.
func Default() *http.Client { return http.DefaultClient }

// Maybe builds a fresh client only sometimes: not a factory.
func Maybe(insecure bool) *http.Client {
	if insecure {
		return &http.Client{Transport: &http.Transport{}}
	}
	return http.DefaultClient
}

// Pooled is a generic factory.
func Pooled[T any](cfg T) *http.Client { // want Pooled:"newtransport\\(result 0\\)"
	return &http.Client{Transport: &http.Transport{MaxIdleConns: 4}}
}
