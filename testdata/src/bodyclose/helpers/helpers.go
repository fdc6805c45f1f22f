// Package helpers is a small SDK: helpers that close or read the bodies
// they are given, and request wrappers that return live responses or close
// them themselves.
package helpers

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
)

// DrainAndClose reads what is left of the body and closes it.
func DrainAndClose(resp *http.Response) { // want DrainAndClose:"owns param0"
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// CloseBody closes a body, logging the error.
func CloseBody(body io.Closer) { // want CloseBody:"owns param0"
	if err := body.Close(); err != nil {
		log.Print(err)
	}
}

// Status only reads the response.
func Status(resp *http.Response) string { // want Status:"borrows param0"
	return fmt.Sprintf("%d %s", resp.StatusCode, resp.Header.Get("X-Request-Id"))
}

// ReadJSON decodes a body without closing it.
func ReadJSON(body io.Reader, v any) error { // want ReadJSON:"borrows param0"
	return json.NewDecoder(body).Decode(v)
}

// APIError keeps the response it describes.
type APIError struct {
	Response *http.Response
	Message  string
}

func (e *APIError) Error() string { return e.Message }

// ErrorFrom maps a failing response to an error that keeps it: the error
// owns the response.
func ErrorFrom(resp *http.Response) error { // want ErrorFrom:"owns param0"
	return &APIError{Response: resp, Message: resp.Status}
}

// Last is an accessor: it returns a stored response, not a live one.
func (e *APIError) Last() *http.Response { return e.Response }

// Client is a REST client.
type Client struct {
	hc   *http.Client
	base string
}

// Get returns the live response: the caller closes it.
func (c *Client) Get(ctx context.Context, path string) (*http.Response, error) { // want Get:"live result0"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 500 {
		resp.Body.Close()
		return nil, fmt.Errorf("server error %d", resp.StatusCode)
	}
	return resp, nil
}

// Fetch returns what Get returns: live too.
func (c *Client) Fetch(path string) (*http.Response, error) { // want Fetch:"live result0"
	return c.Get(context.Background(), path)
}

// Do decodes into v and closes the body when v is given: whether it
// closes depends on an argument, so its response is not live.
func (c *Client) Do(req *http.Request, v any) (*http.Response, error) {
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	if v != nil {
		defer resp.Body.Close()
		return resp, json.NewDecoder(resp.Body).Decode(v)
	}
	return resp, nil
}

// DoNoBody closes unless told the caller wants the body.
func (c *Client) DoNoBody(req *http.Request, keep bool) (*http.Response, error) {
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() {
		if !keep {
			resp.Body.Close()
		}
	}()
	return resp, nil
}

// Send is generic: its response is live whatever T is.
func Send[T any](hc *http.Client, req *http.Request, tag T) (*http.Response, error) { // want Send:"live result0"
	log.Print(tag)
	return hc.Do(req)
}

// OnResponse is a response hook: it sends nothing and closes nothing.
func OnResponse(resp *http.Response) { // want OnResponse:"borrows param0"
	log.Println(resp.Status)
}

// Keep stores a response: it owns it.
func Keep(all map[string]*http.Response, key string, resp *http.Response) { // want Keep:"owns param2"
	all[key] = resp
}

// StatusError is a failing status with the error body's text.
type StatusError struct {
	Code int
	Body string
}

func (e StatusError) Error() string { return fmt.Sprintf("%d: %s", e.Code, e.Body) }

// newStatusError reads and closes the body: it always returns an error.
func newStatusError(resp *http.Response) error { // want newStatusError:"owns param0 closes-on-error param0 error-non-nil"
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return StatusError{Code: resp.StatusCode, Body: string(data)}
}

// requireCodes closes the body only when the status is not allowed, and
// then returns an error.
func requireCodes(resp *http.Response, codes ...int) error { // want requireCodes:"owns param0 closes-on-error param0"
	for _, code := range codes {
		if resp.StatusCode == code {
			return nil
		}
	}
	return newStatusError(resp)
}

// RequireOK is requireCodes for 200.
func RequireOK(resp *http.Response) error { // want RequireOK:"owns param0 closes-on-error param0"
	return requireCodes(resp, http.StatusOK)
}

// CheckResponse is the SDK helper: on an error status it reads the error
// body, closes it and returns an error.
func CheckResponse(resp *http.Response) error { // want CheckResponse:"owns param0 closes-on-error param0"
	if resp.StatusCode < 300 {
		return nil
	}
	defer func() {}()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
	return fmt.Errorf("%s: %s", resp.Status, msg)
}

// MaybeClose closes on some paths that return nil: not an on-error closer.
func MaybeClose(resp *http.Response, done bool) error { // want MaybeClose:"owns param0"
	if done {
		resp.Body.Close()
	}
	return nil
}

// BareDo checks the status with CheckResponse and returns the response
// open on success: live.
func (c *Client) BareDo(req *http.Request) (*http.Response, error) { // want BareDo:"live result0"
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	if err := CheckResponse(resp); err != nil {
		return nil, err
	}
	return resp, nil
}
