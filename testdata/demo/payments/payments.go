// Package payments asks the payment provider whether a payment went
// through. It checks the status code, and throws the request error away.
package payments

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 10 * time.Second}

// Status is the provider's view of a payment.
type Status struct {
	ID    string `json:"id"`
	State string `json:"state"`
}

// Check returns the payment's state. When the provider is unreachable, resp
// is nil and resp.StatusCode panics.
func Check(ctx context.Context, id string) (*Status, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://pay.example.com/v1/payments/"+id, nil)
	if err != nil {
		return nil, err
	}
	resp, _ := client.Do(req)
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("payment %s: %s", id, resp.Status)
	}
	var s Status
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Receipt fetches a payment's receipt. It checks the request error, and
// decodes whatever body comes back: a 503 page from the load balancer
// becomes an empty receipt.
func Receipt(ctx context.Context, id string) (*Status, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://pay.example.com/v1/receipts/"+id, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var s Status
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		return nil, err
	}
	return &s, nil
}
