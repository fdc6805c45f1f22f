// Command server builds its clients at start-up: nothing here is reported.
package main

import (
	"context"
	"net/http"
	"time"
)

// main and init, and a helper called only from main.
func init() {
	tr := &http.Transport{}
	c := &http.Client{Transport: tr}
	if resp, err := c.Get("https://example.com/warmup"); err == nil {
		resp.Body.Close()
	}
}

func main() {
	ctx := context.Background()
	warmUp(ctx)
	go serveForever()
	for _, u := range []string{"https://a.example.com", "https://b.example.com"} {
		fetchEach(u) // called in a loop: fetchEach is not set-up code
	}
}

func warmUp(ctx context.Context) {
	c := &http.Client{Transport: &http.Transport{}}
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://example.com", nil)
	if resp, err := c.Do(req); err == nil {
		resp.Body.Close()
	}
}

func serveForever() {}

// Called from a loop in main: every call pays for a new pool.
func fetchEach(u string) {
	c := &http.Client{Transport: &http.Transport{}, Timeout: time.Second} // want `on every call of fetchEach`
	if resp, err := c.Get(u); err == nil {
		resp.Body.Close()
	}
}
