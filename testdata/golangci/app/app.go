// Package app calls an upstream API in the ways httpvet reports.
package app

import (
	"fmt"
	"io"
	"net/http"
)

const upstream = "https://api.example.com/v1/items"

// Fetch sends a request that no timeout bounds.
func Fetch() ([]byte, error) {
	resp, err := http.Get(upstream)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("upstream: %s", resp.Status)
	}
	return io.ReadAll(resp.Body)
}

// FetchFresh builds a new transport, and so a new connection pool, per call.
func FetchFresh() (int, error) {
	client := &http.Client{Transport: &http.Transport{}}
	resp, err := client.Get(upstream)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// Body reads the body without looking at the status.
func Body(c *http.Client) ([]byte, error) {
	resp, err := c.Get(upstream)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// Forward drops the inbound request's context on the way out.
func Forward(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequest(http.MethodGet, upstream, nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

// Healthz is silenced for golangci-lint with nolint.
func Healthz() error {
	resp, err := http.Get("http://localhost:8080/healthz") //nolint:httpvet // the sidecar answers at once
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Ready is silenced with httpvet's own directive.
func Ready() error {
	//httpvet:ignore timeout the sidecar answers at once
	resp, err := http.Get("http://localhost:8080/ready")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
