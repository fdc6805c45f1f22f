// Package fixstatus exercises the "Check the response status" fix.
package fixstatus

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

type Payment struct {
	ID     string `json:"id"`
	Status string `json:"status"`
}

// PaymentStatus is the demo's payment-status client, in Go.
func PaymentStatus(ctx context.Context, c *http.Client, id string) (Payment, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.payments.example/v1/transactions/"+id, nil)
	if err != nil {
		return Payment{}, fmt.Errorf("payment %s: %w", id, err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return Payment{}, err
	}
	defer resp.Body.Close()
	var p Payment
	err = json.NewDecoder(resp.Body).Decode(&p) // want `body of the response from \(\*http\.Client\)\.Do is read without checking resp\.StatusCode`
	return p, err
}

func withoutDefer(url string) ([]byte, error) {
	r, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(r.Body) // want `body of the response from http.Get is read`
	r.Body.Close()
	return b, err
}

func namedResults(url string) (p *Payment, n int, err error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	p = new(Payment)
	err = json.NewDecoder(resp.Body).Decode(p) // want `body of the response from http.Get is read`
	return p, 1, err
}

func typeParam[T any](c *http.Client, req *http.Request) (T, error) {
	var v T
	resp, err := c.Do(req)
	if err != nil {
		return v, err
	}
	defer resp.Body.Close()
	return v, json.NewDecoder(resp.Body).Decode(&v) // want `body of the response from \(\*http\.Client\)\.Do is read`
}

func onlyError(c *http.Client, req *http.Request, v any) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()                     // trailing comment stays
	return json.NewDecoder(resp.Body).Decode(v) // want `body of the response from \(\*http\.Client\)\.Do is read`
}

func noErrorCheck(url string) ([]byte, error) {
	resp, err := http.Get(url) // want `resp is used before the error returned by http.Get is checked`
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body) // want `body of the response from http.Get is read`
	return b, err
}

func noErrorResult(url string) []byte {
	resp, err := http.Get(url)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body) // want `body of the response from http.Get is read`
	return b
}
