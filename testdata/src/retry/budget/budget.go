// Package budget holds handlers whose retries outlast the inbound request.
package budget

import (
	"context"
	"io"
	"net/http"
	"time"
)

const upstream = "https://upstream.example/quote"

var slow = &http.Client{Timeout: 10 * time.Second}

// Four attempts of up to 10s each, with 1s, 2s and 4s between them.
func quote(w http.ResponseWriter, r *http.Request) {
	for attempt := 0; attempt < 4; attempt++ { // want `^worst case 47s: 4 attempts × 10s timeout \+ 7s backoff, over the 30s budget of an inbound request: the caller has given up long before the last attempt$`
		req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, upstream, nil)
		resp, err := slow.Do(req)
		if err == nil && resp.StatusCode < 500 {
			defer resp.Body.Close()
			io.Copy(w, resp.Body)
			return
		}
		if resp != nil {
			resp.Body.Close()
		}
		if attempt < 3 {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
		}
	}
	http.Error(w, "upstream unavailable", http.StatusBadGateway)
}

// A per-attempt deadline made inside the loop, and a doubling wait.
func perAttempt(w http.ResponseWriter, r *http.Request) {
	delay := 500 * time.Millisecond
	for i := 0; i < 8; i++ { // want `^worst case 55.5s: 8 attempts × 5s timeout \+ 15.5s backoff`
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, upstream, nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil && resp.StatusCode < 500 {
			io.Copy(w, resp.Body)
			resp.Body.Close()
			cancel()
			return
		}
		if resp != nil {
			resp.Body.Close()
		}
		cancel()
		if i < 5 {
			time.Sleep(delay)
			delay = min(delay*2, 8*time.Second)
		}
	}
}

// Within budget: 2 attempts × 10s + 1s.
func quick(w http.ResponseWriter, r *http.Request) {
	for attempt := 0; attempt < 2; attempt++ {
		req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, upstream, nil)
		resp, err := slow.Do(req)
		if err == nil && resp.StatusCode < 500 {
			defer resp.Body.Close()
			io.Copy(w, resp.Body)
			return
		}
		if resp != nil {
			resp.Body.Close()
		}
		time.Sleep(time.Second)
	}
}

// A deadline over the whole loop bounds it: the budget is not computed.
func overall(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	for attempt := 0; attempt < 10; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, upstream, nil)
		resp, err := slow.Do(req)
		if err == nil && resp.StatusCode < 500 {
			defer resp.Body.Close()
			io.Copy(w, resp.Body)
			return
		}
		if resp != nil {
			resp.Body.Close()
		}
		time.Sleep(time.Second)
	}
}

// Not a handler: the budget is the caller's business.
func background(ctx context.Context) {
	for attempt := 0; attempt < 10; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, upstream, nil)
		resp, err := slow.Do(req)
		if err == nil && resp.StatusCode < 500 {
			resp.Body.Close()
			return
		}
		if resp != nil {
			resp.Body.Close()
		}
		time.Sleep(10 * time.Second)
	}
}

// A wait halved after each attempt (>>=): 16s, 8s, 4s, 2s and 1s.
func halving(w http.ResponseWriter, r *http.Request) {
	delay := 16 * time.Second
	for attempt := 0; attempt < 5; attempt++ { // want `^worst case 81s: 5 attempts × 10s timeout \+ 31s backoff`
		req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, upstream, nil)
		resp, err := slow.Do(req)
		if err == nil && resp.StatusCode < 500 {
			defer resp.Body.Close()
			io.Copy(w, resp.Body)
			return
		}
		if resp != nil {
			resp.Body.Close()
		}
		time.Sleep(delay)
		delay >>= 1
	}
}

// A wait cycled through 1s, 2s, 3s and none (%=): 1+2+3+0+1+2 seconds.
func cycling(w http.ResponseWriter, r *http.Request) {
	step := 1
	for attempt := 0; attempt < 6; attempt++ { // want `^worst case 69s: 6 attempts × 10s timeout \+ 9s backoff`
		req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, upstream, nil)
		resp, err := slow.Do(req)
		if err == nil && resp.StatusCode < 500 {
			defer resp.Body.Close()
			io.Copy(w, resp.Body)
			return
		}
		if resp != nil {
			resp.Body.Close()
		}
		time.Sleep(time.Duration(step) * time.Second)
		step++
		step %= 4
	}
}
