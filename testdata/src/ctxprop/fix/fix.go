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

// A helper's context parameter given context.Background().
func withContext(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}

func backgroundToHelper(ctx context.Context, urls []string) {
	for _, u := range urls {
		withContext(context.Background(), u) // want `context.Background replaces ctx`
	}
}

// A wrapper rebuilding its caller's request.
func rebuild(in *http.Request) (*http.Response, error) {
	out, err := http.NewRequest(in.Method, in.URL.String(), in.Body) // want `http.NewRequest builds a request without a context, dropping in.Context\(\)`
	if err != nil {
		return nil, err
	}
	return client.Do(out)
}

// A helper of this package with a context-taking sibling.
func lookup(name string) (int, error) { return lookupCtx(context.TODO(), name) }

func lookupCtx(ctx context.Context, name string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://dns.internal/"+name, nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, resp.Body.Close()
}

func resolve(ctx context.Context) (int, error) {
	return lookup("db") // want `lookup sends a request without a context, dropping ctx: the request runs on after the caller has given up; call lookupCtx instead`
}
