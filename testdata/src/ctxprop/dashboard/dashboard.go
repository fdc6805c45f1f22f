// Package dashboard refreshes panels through an interface, from a ticker
// that only ever has context.Background(): no context given to update can
// end, so the panels that drop it lose nothing. A container panel passes
// its own context on to its children, which makes the calls a cycle.
package dashboard

import (
	"context"
	"net/http"
	"sync"
	"time"
)

type panel interface {
	update(ctx context.Context)
	stale(now time.Time) bool
}

type weather struct{ summary string }

func (w *weather) stale(time.Time) bool { return true }

// update drops ctx, which nothing can cancel: not reported.
func (w *weather) update(ctx context.Context) {
	resp, err := http.Get("https://weather.example.com/today")
	if err != nil {
		return
	}
	defer resp.Body.Close()
	w.summary = resp.Status
}

// column holds panels and updates them with its own context.
type column struct{ panels []panel }

func (c *column) stale(time.Time) bool { return true }

func (c *column) update(ctx context.Context) {
	var wg sync.WaitGroup
	for _, p := range c.panels {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.update(ctx)
		}()
	}
	wg.Wait()
}

type board struct{ panels []panel }

// refresh is what the ticker runs: the only context is Background.
func (b *board) refresh() {
	now := time.Now()
	ctx := context.Background()
	for _, p := range b.panels {
		if p.stale(now) {
			p.update(ctx)
		}
	}
}

func (b *board) run() {
	for range time.Tick(time.Minute) {
		b.refresh()
	}
}

// feed is a second board kind whose panels are also refreshed on demand,
// with the visitor's request context: that context can end, so the drop
// counts there.
type feedPanel interface {
	refreshFeed(ctx context.Context)
}

type news struct{ headline string }

func (n *news) refreshFeed(ctx context.Context) {
	resp, err := http.Get("https://news.example.com/top") // want `http.Get sends a request without a context, dropping ctx`
	if err != nil {
		return
	}
	defer resp.Body.Close()
	n.headline = resp.Status
}

func refreshAll(panels []feedPanel) {
	for _, p := range panels {
		p.refreshFeed(context.Background())
	}
}

func serveRefresh(panels []feedPanel) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for _, p := range panels {
			p.refreshFeed(r.Context())
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

// crawl recurses with the context it was given; one of its entries is a
// handler's request context, so the cycle is not calm.
func crawl(ctx context.Context, depth int) {
	if depth > 0 {
		crawl(ctx, depth-1)
	}
	resp, err := http.Get("https://links.example.com/next") // want `http.Get sends a request without a context, dropping ctx`
	if err != nil {
		return
	}
	resp.Body.Close()
}

func nightly() { crawl(context.Background(), 3) }

func serveCrawl(w http.ResponseWriter, r *http.Request) {
	crawl(r.Context(), 1)
	w.WriteHeader(http.StatusAccepted)
}
