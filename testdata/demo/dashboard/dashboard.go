// Package dashboard assembles a page from three internal services, one
// after another: the page takes the sum of their latencies.
package dashboard

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 5 * time.Second}

// Page is the dashboard's data.
type Page struct {
	Users, Orders, Inventory json.RawMessage
}

func get(ctx context.Context, url string) (json.RawMessage, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	}
	var raw json.RawMessage
	err = json.NewDecoder(resp.Body).Decode(&raw)
	return raw, err
}

// Load fetches the three sections in sequence, although none depends on another.
func Load(ctx context.Context) (*Page, error) {
	users, err := get(ctx, "http://users.internal/v1/users")
	if err != nil {
		return nil, err
	}
	orders, err := get(ctx, "http://orders.internal/v1/orders")
	if err != nil {
		return nil, err
	}
	inventory, err := get(ctx, "http://inventory.internal/v1/stock")
	if err != nil {
		return nil, err
	}
	return &Page{Users: users, Orders: orders, Inventory: inventory}, nil
}
