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
