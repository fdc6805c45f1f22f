// Package feeds stands for a dependency's API client: some of its calls
// can take a context, some cannot.
package feeds

import (
	"context"
	"net/http"
)

// Client talks to a feed service.
type Client struct {
	HC   *http.Client
	Base string
}

// Status has no context-taking variant.
func (c *Client) Status(id string) (int, error) {
	req, err := http.NewRequest(http.MethodGet, c.Base+"/status/"+id, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.HC.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, resp.Body.Close()
}

// Fetch is FetchWithContext with context.Background().
func (c *Client) Fetch(id string) (*http.Response, error) {
	return c.FetchWithContext(context.Background(), id)
}

// FetchWithContext sends with the caller's context.
func (c *Client) FetchWithContext(ctx context.Context, id string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+"/feeds/"+id, nil)
	if err != nil {
		return nil, err
	}
	return c.HC.Do(req)
}

// Ping has a context-taking variant with another parameter list.
func Ping(url string) error { return PingCtx(context.Background(), url, 1) }

// PingCtx pings up to tries times.
func PingCtx(ctx context.Context, url string, tries int) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Lookup's variant takes a context and ignores it: no better.
func Lookup(name string) (*http.Response, error) { return http.Get("http://names/" + name) }

// LookupContext ignores ctx.
func LookupContext(ctx context.Context, name string) (*http.Response, error) {
	return http.Get("http://names/" + name)
}
