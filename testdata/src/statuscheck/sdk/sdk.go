// Package sdk is written like go-github: an SDK Response embeds
// *http.Response, CheckResponse examines the status, and Client.Do checks it
// before returning.
package sdk

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

type Client struct {
	client *http.Client
}

// Response wraps the standard response, the way SDKs do.
type Response struct {
	*http.Response
	NextPage int
}

type ErrorResponse struct {
	Response *http.Response
	Message  string `json:"message"`
}

func (r *ErrorResponse) Error() string {
	return fmt.Sprintf("%v: %s", r.Response.StatusCode, r.Message)
}

// CheckResponse returns an error for any status outside 2xx, with the body's message.
func CheckResponse(r *http.Response) error { // want CheckResponse:"checks param0"
	if c := r.StatusCode; 200 <= c && c <= 299 {
		return nil
	}
	e := &ErrorResponse{Response: r}
	data, err := io.ReadAll(r.Body)
	if err == nil && data != nil {
		json.Unmarshal(data, e)
	}
	return e
}

// checkVia examines the status only through CheckResponse: the fact follows calls.
func checkVia(r *http.Response) error { // want checkVia:"checks param0"
	return CheckResponse(r)
}

// Ignore takes a response and does not look at its status.
func Ignore(r *http.Response) {
	r.Body.Close()
}

// BareDo sends req and checks the status before returning the response.
func (c *Client) BareDo(ctx context.Context, req *http.Request) (*Response, error) { // want BareDo:"checks result"
	resp, err := c.client.Do(req.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	response := &Response{Response: resp}
	if err := checkVia(resp); err != nil {
		resp.Body.Close()
		return response, err
	}
	return response, nil
}

// Raw sends req and returns the response unexamined: the caller must check it.
func (c *Client) Raw(ctx context.Context, req *http.Request) (*http.Response, error) {
	return c.client.Do(req.WithContext(ctx))
}

// Get sends a GET through BareDo.
func (c *Client) Get(ctx context.Context, url string) (*Response, error) { // want Get:"checks result"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return c.BareDo(ctx, req)
}
