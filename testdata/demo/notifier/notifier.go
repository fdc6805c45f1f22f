// Package notifier posts alerts to webhooks. Its requests are bounded and
// checked, but it leaves response bodies open: each one keeps its
// connection busy, so every alert dials again and a burst of alerts runs the
// process out of connections.
package notifier

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 10 * time.Second}

// Alert is what the webhooks receive.
type Alert struct {
	Name     string `json:"name"`
	Severity string `json:"severity"`
}

// Broadcast posts the alert to every webhook. The deferred close runs only
// when Broadcast returns: until then each webhook's connection stays open.
func Broadcast(ctx context.Context, hooks []string, a Alert) error {
	payload, err := json.Marshal(a)
	if err != nil {
		return err
	}
	var failed []string
	for _, hook := range hooks {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, hook, bytes.NewReader(payload))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode >= 300 {
			failed = append(failed, hook+": "+resp.Status)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("webhooks failed: %v", failed)
	}
	return nil
}

// Acknowledge tells the alert manager that the alert was handled. A
// rejection returns before the close.
func Acknowledge(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("acknowledge: %s", resp.Status)
	}
	defer resp.Body.Close()
	return nil
}

// Ping checks that the alert manager answers; the response is thrown away
// with its body.
func Ping(url string) error {
	_, err := client.Get(url)
	if err != nil {
		return fmt.Errorf("ping: %w", err)
	}
	return nil
}
