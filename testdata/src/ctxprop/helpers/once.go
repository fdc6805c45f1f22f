package helpers

import (
	"context"
	"net/http"
)

// loadIndex takes no context and sends without one. Every caller with a
// context drops it the same way, and the fix is one: give loadIndex a
// context parameter. So the first call that drops one is reported, and
// the others are not told the same thing again.
func loadIndex(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// warm is called only with context.Background(): nothing to drop there,
// so it does not use up the one finding.
func warm(ctx context.Context) { loadIndex("https://index.example.com/warm") }

func startUp() { warm(context.Background()) }

func Search(w http.ResponseWriter, r *http.Request) {
	loadIndex("https://index.example.com/search") // want `loadIndex sends a request without a context, dropping r.Context\(\).*give loadIndex a context parameter`
}

func Browse(w http.ResponseWriter, r *http.Request) {
	loadIndex("https://index.example.com/browse")
}

func Refresh(ctx context.Context, url string) {
	loadIndex(url)
}
