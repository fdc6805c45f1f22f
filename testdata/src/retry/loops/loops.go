// Package loops holds hand-written retry loops with the defects the retry
// analyzer reports.
package loops

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 10 * time.Second}

// The demo's shape: every failure, 401 and 404 included, retried forever.
func getForever(ctx context.Context, url string) (*http.Response, error) {
	for { // want `retry loop never gives up on an error or a failing status` `retry loop retries every failing status, 4xx included`
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req)
		if err != nil {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			time.Sleep(100 * time.Millisecond)
			continue
		}
		return resp, nil
	}
}

// No wait, no bound, background context: three findings on one loop.
func hammer(url string) *http.Response {
	for { // want `retry loop never gives up on an error or a failing status` `retry loop sends the next attempt at once` `retry loop retries every failing status`
		resp, err := client.Get(url)
		if err == nil && resp.StatusCode == 200 {
			return resp
		}
		if resp != nil {
			resp.Body.Close()
		}
	}
}

// Counted, but no wait and blanket: the combined condition.
func counted(url string) (*http.Response, error) {
	var lastErr error
	for i := 0; i < 5; i++ { // want `retry loop sends the next attempt at once` `retry loop retries every failing status`
		resp, err := client.Get(url)
		if err != nil || resp.StatusCode != http.StatusOK {
			if resp != nil {
				resp.Body.Close()
			}
			lastErr = err
			continue
		}
		return resp, nil
	}
	return nil, lastErr
}

// Retries transport errors only, but without waiting.
func errorsOnly(ctx context.Context, req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for attempt := 0; attempt < 3; attempt++ { // want `retry loop sends the next attempt at once`
		resp, err = client.Do(req.WithContext(ctx))
		if err == nil {
			break
		}
	}
	return resp, err
}

// Range over an int bounds the loop; the range form also hits blanket.
func ranged(url string) (*http.Response, error) {
	for range 3 { // want `retry loop retries every failing status`
		resp, err := client.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 400 {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// The error path returns, but a 503 is retried forever under a context
// that never ends.
func statusForever(url string) (*http.Response, error) {
	for { // want `retry loop never gives up on a failing status`
		resp, err := client.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			resp.Body.Close()
			time.Sleep(2 * time.Second)
			continue
		}
		return resp, nil
	}
}

// A context.Background() check never fires: still unbounded.
func backgroundCheck(url string) (*http.Response, error) {
	ctx := context.Background()
	for { // want `retry loop never gives up on an error`
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
		resp, err := client.Do(req)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
}

// After the caller's context ends, every attempt fails at once and spins.
func spinsAfterCancel(ctx context.Context, url string) (*http.Response, error) {
	for { // want `retry loop never gives up on an error: .* \(once its context ends, every attempt fails at once and the loop never leaves\)`
		req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
		resp, err := client.Do(req)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
}

// The failed attempt's body is never closed.
func leaks(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req) // want `response body of a failed attempt is not closed before the next attempt`
		if err != nil {
			time.Sleep(time.Second << attempt)
			continue
		}
		if resp.StatusCode >= 500 {
			time.Sleep(time.Second << attempt)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// The request and its body are built once, before the loop.
func resends(ctx context.Context, url string, payload []byte) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := client.Do(req) // want `request body is read by the first attempt and the same request is sent again`
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// A status switch whose only case is success is still blanket.
func switched(url string) (*http.Response, error) {
	for i := 0; i < 3; i++ { // want `retry loop retries every failing status`
		resp, err := client.Get(url)
		if err != nil {
			return nil, err
		}
		switch resp.StatusCode {
		case http.StatusOK, http.StatusCreated:
			return resp, nil
		}
		resp.Body.Close()
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}
