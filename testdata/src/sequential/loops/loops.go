// Package loops is checked with -loops: one independent GET per element.
package loops

import (
	"context"
	"net/http"
	"time"
)

type Item struct{ ID string }

func get(ctx context.Context, url string) (*Item, error) { // want get:"read"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return &Item{}, nil
}

func fanOut(ctx context.Context, ids []string) ([]*Item, error) {
	var items []*Item
	for _, id := range ids {
		it, err := get(ctx, "http://items/"+id) // want `one GET request per element is sent one after another: run them concurrently, with a limit, to wait for the slowest instead of the sum`
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, nil
}

func overMap(ctx context.Context, urls map[string]string) map[string]*Item {
	out := make(map[string]*Item)
	for k, u := range urls {
		it, _ := get(ctx, u) // want `one GET request per element`
		out[k] = it
	}
	return out
}

// --- not reported ---

// The cursor is carried from one iteration to the next.
func cursor(ctx context.Context, n int) error {
	next := "http://items?page=1"
	for range n {
		it, err := get(ctx, next)
		if err != nil {
			return err
		}
		next = "http://items?after=" + it.ID
	}
	return nil
}

// Stops at the first match: the order saves requests.
func find(ctx context.Context, ids []string) *Item {
	for _, id := range ids {
		it, err := get(ctx, "http://items/"+id)
		if err == nil && it.ID == "x" {
			return it
		}
	}
	return nil
}

func firstFound(ctx context.Context, ids []string) (found *Item) {
	for _, id := range ids {
		it, err := get(ctx, "http://items/"+id)
		if err != nil {
			continue
		}
		found = it
		break
	}
	return found
}

// Rate limited on purpose.
func paced(ctx context.Context, ids []string) {
	for _, id := range ids {
		get(ctx, "http://items/"+id)
		time.Sleep(100 * time.Millisecond)
	}
}

// Already concurrent.
func spawned(ctx context.Context, ids []string) {
	for _, id := range ids {
		go get(ctx, "http://items/"+id)
	}
}

// A channel yields as it goes.
func fromChannel(ctx context.Context, ids <-chan string) {
	for id := range ids {
		get(ctx, "http://items/"+id)
	}
}

// Two requests per element, one depending on the other.
func twoPerElement(ctx context.Context, ids []string) {
	for _, id := range ids {
		it, err := get(ctx, "http://items/"+id)
		if err != nil {
			continue
		}
		get(ctx, "http://owners/"+it.ID)
	}
}

// Conditional request.
func conditional(ctx context.Context, ids []string, cache map[string]*Item) {
	for _, id := range ids {
		if cache[id] == nil {
			cache[id], _ = get(ctx, "http://items/"+id)
		}
	}
}
