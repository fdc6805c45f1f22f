// Package negatives holds loops that send requests and must not be
// reported: pagination, polling, failover, and retries written the way
// careful SDKs write them.
package negatives

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"strconv"
	"time"
)

var client = &http.Client{Timeout: 10 * time.Second}

type page struct {
	Items []string `json:"items"`
	Next  string   `json:"next"`
}

// Pagination: goes round on success while a cursor is set; fails out.
func listAll(ctx context.Context, url string) ([]string, error) {
	var all []string
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			return nil, fmt.Errorf("list: %s", resp.Status)
		}
		var p page
		err = json.NewDecoder(resp.Body).Decode(&p)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		all = append(all, p.Items...)
		if p.Next == "" {
			break
		}
		url = p.Next
	}
	return all, nil
}

// Pagination through a Link header, with a counter-free for condition.
func listLinks(url string) (n int, err error) {
	for url != "" {
		resp, err := client.Get(url)
		if err != nil {
			return n, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		n++
		url = resp.Header.Get("Link")
	}
	return n, nil
}

type job struct {
	State string `json:"state"`
}

// Polling: goes round on success until the body says done.
func waitJob(ctx context.Context, url string) error {
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		var j job
		err = json.NewDecoder(resp.Body).Decode(&j)
		resp.Body.Close()
		if err != nil {
			return err
		}
		if j.State == "done" {
			return nil
		}
		time.Sleep(2 * time.Second)
	}
}

// Polling that tolerates errors: it still goes round on success.
func waitTolerant(ctx context.Context, url string) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := client.Do(req)
		if err != nil {
			continue
		}
		var j job
		json.NewDecoder(resp.Body).Decode(&j)
		resp.Body.Close()
		if j.State == "done" {
			return nil
		}
	}
}

// Polling until 202 Accepted turns into 200: 202 is not a failure.
func waitAccepted(ctx context.Context, url string) (*http.Response, error) {
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusAccepted {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
}

// Failover across hosts: a range over a slice is not a retry loop.
func failover(hosts []string, path string) (*http.Response, error) {
	for _, h := range hosts {
		resp, err := client.Get(h + path)
		if err != nil {
			continue
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
	return nil, errors.New("no host answered")
}

// The SDK shape: bounded, backs off with jitter, retries 429 and 5xx only,
// honours Retry-After, closes the failed body.
func sdkRetry(ctx context.Context, newReq func() (*http.Request, error)) (*http.Response, error) {
	const maxRetries = 3
	for attempt := 0; ; attempt++ {
		req, err := newReq()
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req.WithContext(ctx))
		if !shouldRetry(resp, err) || attempt >= maxRetries {
			return resp, err
		}
		wait := backoffFor(attempt, resp)
		if resp != nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
	}
}

func shouldRetry(resp *http.Response, err error) bool {
	if err != nil {
		return true
	}
	return resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
}

func backoffFor(attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
			return time.Duration(s) * time.Second
		}
	}
	d := time.Duration(1<<attempt) * 100 * time.Millisecond
	return d + time.Duration(rand.Int63n(int64(d)))
}

// Bounded by elapsed time, sleeping through a helper.
func untilDeadline(url string) (*http.Response, error) {
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := client.Get(url)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if resp != nil {
			resp.Body.Close()
		}
		if time.Now().After(deadline) {
			return nil, errors.New("deadline passed")
		}
		pause(time.Second)
	}
}

func pause(d time.Duration) { time.Sleep(d) }

// The caller's context ends the loop: the error path returns, and a
// transport error is what an ended context produces.
func callerBounded(ctx context.Context, url string) (*http.Response, error) {
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
}

// A checked context parameter bounds the loop.
func ctxChecked(ctx context.Context, url string) (*http.Response, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := client.Do(req)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
}

// The body is rebuilt from GetBody on each attempt.
func rewinds(ctx context.Context, url string, payload []byte) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	for attempt := 0; attempt < 3; attempt++ {
		if attempt > 0 {
			req.Body, _ = req.GetBody()
		}
		resp, err := client.Do(req)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// The request is built inside the loop, body included.
func rebuilds(ctx context.Context, url string, payload []byte) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payload))
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode >= 500 {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// A body-less request built once may be sent again.
func noBody(ctx context.Context, url string) (*http.Response, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	for attempt := 0; attempt < 3; attempt++ {
		resp, err := client.Do(req)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if resp != nil {
			resp.Body.Close()
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

// Token refresh on 401, once: the status is singled out and the
// transport error returns.
func reauth(url string, refresh func() error) (*http.Response, error) {
	for i := 0; i < 2; i++ {
		resp, err := client.Get(url)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized && i == 0 {
			resp.Body.Close()
			if err := refresh(); err != nil {
				return nil, err
			}
			continue
		}
		return resp, nil
	}
	return nil, errors.New("unauthorized")
}

// The status is judged by a helper the analyzer cannot see into.
func judged(url string, retryable func(int) bool) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		resp, err := client.Get(url)
		if err != nil {
			return nil, err
		}
		if retryable(resp.StatusCode) {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// A status variable tested for 5xx and 429: selective.
func statusVar(url string) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		resp, err := client.Get(url)
		if err != nil {
			return nil, err
		}
		code := resp.StatusCode
		if code == http.StatusTooManyRequests || code/100 == 5 {
			resp.Body.Close()
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// The response is closed by a deferred call: not reported as a leak.
func deferred(url string) error {
	for i := 0; i < 3; i++ {
		resp, err := client.Get(url)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode >= 500 {
			time.Sleep(time.Second)
			continue
		}
		return nil
	}
	return errors.New("gave up")
}

// Decode errors are retried too: the success path may go round, so the
// analyzer cannot tell this from polling and stays silent.
func decodeRetry(url string, v any) error {
	for {
		resp, err := client.Get(url)
		if err != nil {
			continue
		}
		err2 := json.NewDecoder(resp.Body).Decode(v)
		resp.Body.Close()
		if err2 != nil {
			continue
		}
		return nil
	}
}
