package fix

import (
	"context"
	"fmt"
	"net/http"

	"github.com/hashicorp/go-retryablehttp"
)

var client = &http.Client{}

func newRequest(ctx context.Context) {
	req, err := http.NewRequest("GET", "http://x", nil) // want `http.NewRequest builds a request without a context`
	if err != nil {
		return
	}
	client.Do(req)
}

func background(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequestWithContext(context.Background(), "GET", "http://x", nil) // want `context.Background replaces r.Context\(\)`
	client.Do(req)
}

func helperGet(ctx context.Context, url string) (int, error) {
	resp, err := http.Get(url) // want `http.Get sends a request without a context`
	if err != nil {
		return 0, fmt.Errorf("fetching %s: %w", url, err)
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func clientHead(ctx context.Context, req string) (int, error) {
	resp, err := client.Head(req) // want `client.Head sends a request without a context`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// No fix: the error check is not right after the call.
func noFix(ctx context.Context) {
	resp, err := http.Get("http://x") // want `http.Get sends a request without a context`
	fmt.Println("sent")
	if err != nil {
		return
	}
	resp.Body.Close()
}

// go-retryablehttp has the same pair of constructors.
func retryable(ctx context.Context, c *retryablehttp.Client) {
	req, _ := retryablehttp.NewRequest("GET", "http://x", nil) // want `retryablehttp.NewRequest builds a request without a context`
	c.Do(req)
}
