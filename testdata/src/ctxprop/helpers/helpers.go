// Package helpers has request helpers that take no context: the context is
// dropped by whoever calls them with one available.
package helpers

import (
	"context"
	"net/http"
)

// FetchStatus sends without a context; it has none to pass on, so nothing
// is reported here.
func FetchStatus(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// Wrap calls FetchStatus: still no context here, still nothing to report.
func Wrap(url string) (int, error) { return FetchStatus(url) }

// WithContext takes the caller's context and passes it on.
func WithContext(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}
