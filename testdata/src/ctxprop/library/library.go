// Package library is imported by code this analysis has not seen yet: its
// exported functions may be given any context.
package library

import (
	"context"
	"net/http"
)

// Refresh may be called with a cancellable context by an importer.
func Refresh(ctx context.Context, url string) {
	http.Get(url) // want `http.Get sends a request without a context, dropping ctx`
}

// RefreshAll gives its unexported helper context.Background(), the only
// call of the helper: the helper's drop changes nothing.
func RefreshAll(urls []string) {
	for _, u := range urls {
		refreshOne(context.Background(), u)
	}
}

func refreshOne(ctx context.Context, url string) {
	http.Get(url)
}

// A helper that nothing calls: not known to be calm.
func unused(ctx context.Context, url string) {
	http.Get(url) // want `http.Get sends a request without a context, dropping ctx`
}
