package errgroupmod

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

func get(ctx context.Context, url string) (json.RawMessage, error) { // want get:"read"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var raw json.RawMessage
	err = json.NewDecoder(resp.Body).Decode(&raw)
	return raw, err
}

type Page struct{ Users, Orders, Inventory json.RawMessage }

func dashboard(ctx context.Context) (*Page, error) { // want dashboard:"read"
	// The three sections.
	users, err := get(ctx, "http://users/v1") // want `3 independent GET requests`
	if err != nil {
		return nil, err
	}
	orders, err := get(ctx, "http://orders/v1")
	if err != nil {
		return nil, fmt.Errorf("orders: %w", err)
	}
	inventory, err := get(ctx, "http://inventory/v1")
	if err != nil {
		return nil, err
	}
	return &Page{users, orders, inventory}, nil
}

// The requests carry their context inside: no context argument to hand the
// group's, so the fix falls back to sync.WaitGroup.Go (the module is Go 1.25).
func direct(ctx context.Context) (*http.Response, *http.Response, error) { // want direct:"read"
	r1, err := http.NewRequestWithContext(ctx, "GET", "http://a", nil)
	if err != nil {
		return nil, nil, err
	}
	r2, err := http.NewRequestWithContext(ctx, "GET", "http://b", nil)
	if err != nil {
		return nil, nil, err
	}
	a, err := http.DefaultClient.Do(r1) // want `2 independent GET requests`
	if err != nil {
		return nil, nil, err
	}
	b, err := http.DefaultClient.Do(r2)
	if err != nil {
		return nil, nil, err
	}
	return a, b, nil
}
