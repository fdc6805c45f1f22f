// Package goroutines holds functions that start background work which
// sends requests: the work outlives the caller, so the caller's context is
// not dropped by starting it.
package goroutines

import (
	"context"
	"net/http"
)

type cache struct {
	client *http.Client
	feed   string
}

// refresh has no context to pass on: nothing reported inside.
func (c *cache) refresh() {
	resp, err := c.client.Get(c.feed)
	if err == nil {
		resp.Body.Close()
	}
}

// kick only starts the refresh: it is not a sender for its callers.
func (c *cache) kick() { go c.refresh() }

// kickLiteral starts a literal that sends.
func (c *cache) kickLiteral(url string) {
	go func() {
		http.Get(url)
	}()
}

// refreshNow sends before it starts the background work: a sender.
func (c *cache) refreshNow() error {
	c.refresh()
	go c.refresh()
	return nil
}

func count(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func publish(int) {}

func (c *cache) handler(w http.ResponseWriter, r *http.Request) {
	go c.refresh() // background on purpose: not given r's context
	c.kick()
	c.kickLiteral(c.feed)
	if err := c.refreshNow(); err != nil { // want `refreshNow sends a request without a context, dropping r.Context\(\): the request runs on after the caller has given up; give refreshNow a context parameter`
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
	go publish(count("x")) // want `count sends a request without a context, dropping r.Context\(\)`
}

func (c *cache) warm(ctx context.Context) {
	go c.kick()
	c.kick()
	c.kickLiteral("http://warm.internal")
}
