// Package fixwg is rewritten with sync.WaitGroup.Go: it does not import errgroup.
package fixwg

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
	users, err := get(ctx, "http://users/v1") // want `3 independent GET requests`
	if err != nil {
		return nil, err
	}
	orders, err := get(ctx, "http://orders/v1")
	if err != nil {
		return nil, err
	}
	inventory, err := get(ctx, "http://inventory/v1")
	if err != nil {
		return nil, err
	}
	return &Page{users, orders, inventory}, nil
}

// The error is wrapped per call, and used after the calls.
func wrapped(ctx context.Context) (n int, err error) { // want wrapped:"read"
	a, err := get(ctx, "http://a") // want `2 independent GET requests`
	if err != nil {
		return 0, fmt.Errorf("a: %w", err)
	}
	_, err = get(ctx,
		"http://b")
	if err != nil {
		return 0, fmt.Errorf("b: %w", err)
	}
	err = json.Unmarshal(a, &n)
	return n, err
}
