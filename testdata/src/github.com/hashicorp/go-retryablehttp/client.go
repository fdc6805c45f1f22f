// Package retryablehttp is a test stub of github.com/hashicorp/go-retryablehttp's
// exported API, written for httpvet's tests.
package retryablehttp

import (
	"context"
	"net/http"
	"time"

	cleanhttp "github.com/hashicorp/go-cleanhttp"
)

// Request wraps an *http.Request.
type Request struct {
	*http.Request
}

// NewRequest returns a request without a context.
func NewRequest(method, url string, body interface{}) (*Request, error) {
	return NewRequestWithContext(context.Background(), method, url, body)
}

// NewRequestWithContext returns a request with ctx.
func NewRequestWithContext(ctx context.Context, method, url string, body interface{}) (*Request, error) {
	r, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return nil, err
	}
	return &Request{r}, nil
}

// Client retries requests.
type Client struct {
	HTTPClient   *http.Client
	RetryWaitMin time.Duration
	RetryMax     int
	RetryWaitMax time.Duration
	CheckRetry   CheckRetry
	Backoff      Backoff
}

// CheckRetry decides whether a request is retried after an attempt.
type CheckRetry func(ctx context.Context, resp *http.Response, err error) (bool, error)

// Backoff computes the wait before the next attempt.
type Backoff func(min, max time.Duration, attemptNum int, resp *http.Response) time.Duration

// DefaultRetryPolicy retries connection errors, 429 and 5xx except 501.
func DefaultRetryPolicy(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	return err != nil || resp.StatusCode == 0 || resp.StatusCode == 429 || resp.StatusCode >= 500, nil
}

// ErrorPropagatedRetryPolicy is DefaultRetryPolicy that also reports the status as an error.
func ErrorPropagatedRetryPolicy(ctx context.Context, resp *http.Response, err error) (bool, error) {
	return DefaultRetryPolicy(ctx, resp, err)
}

// DefaultBackoff waits exponentially longer, honouring Retry-After.
func DefaultBackoff(min, max time.Duration, attemptNum int, resp *http.Response) time.Duration {
	return min << attemptNum
}

// NewClient returns a Client with its own pooled transport.
func NewClient() *Client {
	return &Client{
		HTTPClient:   cleanhttp.DefaultPooledClient(),
		RetryWaitMin: time.Second,
		RetryMax:     4,
	}
}

// Do sends req, retrying.
func (c *Client) Do(req *Request) (*http.Response, error) {
	return c.HTTPClient.Do(req.Request)
}

// Get sends a GET request.
func (c *Client) Get(url string) (*http.Response, error) {
	req, err := NewRequest("GET", url, nil)
	if err != nil {
		return nil, err
	}
	return c.Do(req)
}

// Post sends a POST request.
func (c *Client) Post(url, bodyType string, body interface{}) (*http.Response, error) {
	req, err := NewRequest("POST", url, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", bodyType)
	return c.Do(req)
}

// StandardClient returns an *http.Client that sends through c.
func (c *Client) StandardClient() *http.Client {
	return &http.Client{Transport: &RoundTripper{Client: c}}
}

// RoundTripper sends through a Client.
type RoundTripper struct {
	Client *Client
}

// RoundTrip implements http.RoundTripper.
func (rt *RoundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	return rt.Client.Do(&Request{req})
}
