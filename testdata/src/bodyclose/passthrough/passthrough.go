// Package passthrough is an API client whose request method hands the
// response through a checking helper that returns it, keeping a copy for
// debugging: the response its wrappers return is live, and their callers
// must close it.
package passthrough

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
)

// ServerError is the error a failing status turns into (a struct, so that
// the error interface holding it is never nil).
type ServerError struct {
	Code int
	Text string
}

func (e ServerError) Error() string { return fmt.Sprintf("%d: %s", e.Code, e.Text) }

// Client talks to the API.
type Client struct {
	hc     *http.Client
	base   string
	last   atomic.Value
	recent *http.Response
	debug  bool
}

// readError reads the error body and closes it.
func readError(resp *http.Response) ServerError { // want readError:"owns param0"
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return ServerError{Code: resp.StatusCode, Text: string(b)}
}

// check hands back the response it is given; on a failing status it
// closes the body and says why.
func (c *Client) check(resp *http.Response, err error) (*http.Response, error) { // want check:"owns param0 passes param0"
	if err != nil {
		return resp, fmt.Errorf("calling the API: %w", err)
	}
	if resp.StatusCode >= 300 {
		return resp, readError(resp)
	}
	return resp, nil
}

// send keeps the last response for debugging, in a deferred function
// defined before the request is sent, and returns it through check.
func (c *Client) send(ctx context.Context, method, path string) (*http.Response, error) { // want send:"live result0 method param1"
	var resp *http.Response
	if c.debug {
		defer func() { c.last.Store(resp) }()
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err = c.hc.Do(req)
	return c.check(resp, err)
}

// fetch keeps a reference in a field and returns the checked response.
func (c *Client) fetch(ctx context.Context, path string) (*http.Response, error) { // want fetch:"live result0"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.check(c.hc.Do(req))
	c.recent = resp
	return resp, err
}

func (c *Client) get(ctx context.Context, path string) (*http.Response, error) { // want get:"live result0 method GET"
	return c.send(ctx, http.MethodGet, path)
}

func (c *Client) post(ctx context.Context, path string) (*http.Response, error) { // want post:"live result0 method POST"
	return c.send(ctx, http.MethodPost, path)
}

func (c *Client) remove(ctx context.Context, path string) (*http.Response, error) { // want remove:"live result0 method DELETE"
	return c.send(ctx, http.MethodDelete, path)
}

// decode reads the body into v and closes it.
func decode(resp *http.Response, v any) error { // want decode:"owns param0"
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

// Item is what the API serves.
type Item struct{ ID string }

// Item decodes the response: closed.
func (c *Client) Item(ctx context.Context, id string) (*Item, error) {
	resp, err := c.get(ctx, "/items/"+id)
	if err != nil {
		return nil, err
	}
	var it Item
	return &it, decode(resp, &it)
}

// Created returns on an unexpected success status before decoding.
func (c *Client) Created(ctx context.Context) (*Item, error) {
	resp, err := c.post(ctx, "/items") // want `resp.Body \(the response from \(\*passthrough.Client\).post\) is not closed on every path`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusCreated {
		return nil, fmt.Errorf("unexpected status %d", resp.StatusCode)
	}
	var it Item
	return &it, decode(resp, &it)
}

// Touch throws the response away: its body stays open.
func (c *Client) Touch(ctx context.Context, id string) error {
	_, err := c.post(ctx, "/items/"+id+"/touch") // want `the response from \(\*passthrough.Client\).post is discarded`
	return err
}

// Recent throws away the response of fetch.
func (c *Client) Recent(ctx context.Context) error {
	_, err := c.fetch(ctx, "/recent") // want `the response from \(\*passthrough.Client\).fetch is discarded`
	return err
}

// Remove throws away the response of a DELETE: APIs answer 204 No
// Content, and whether a body comes is the server's choice.
func (c *Client) Remove(ctx context.Context, id string) error {
	_, err := c.remove(ctx, "/items/"+id)
	return err
}

// Checked checks its own response through check, then closes it.
func (c *Client) Checked(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/ping", nil)
	if err != nil {
		return err
	}
	resp, err := c.check(c.hc.Do(req))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

// CheckedAfterClose closes the body first, then runs check only for its
// error: the response check returns is the closed one.
func (c *Client) CheckedAfterClose(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/ping", nil)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = c.check(resp, nil)
	return err
}

// Unchecked forgets to close the checked response.
func (c *Client) Unchecked(ctx context.Context) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/ping", nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.check(c.hc.Do(req)) // want `resp.Body \(the response from \(\*passthrough.Client\).check\) is not closed on every path`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// replace reads the body, closes it and puts a copy in its place: the
// response it returns holds no connection, so it passes nothing live.
func replace(resp *http.Response) (*http.Response, error) { // want replace:"owns param0"
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytesReader(b))
	return resp, nil
}

func bytesReader(b []byte) io.Reader { return nil }

// Buffered discards the response of replace: nothing is held.
func (c *Client) Buffered(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/ping", nil)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	_, err = replace(resp)
	return err
}

// Doer is the seam in front of the client.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// viaDoer returns the response of whatever Doer it is given.
func viaDoer(d Doer, req *http.Request) (*http.Response, error) { // want viaDoer:"live result0"
	return d.Do(req)
}

// PingDoer never closes what the Doer returns.
func PingDoer(d Doer, req *http.Request) (int, error) {
	resp, err := d.Do(req) // want `resp.Body \(the response from passthrough.Doer.Do\) is not closed on every path`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
