// Package sdk is written the way hand-made API SDKs are: a builder of
// requests with the method as a parameter, a sender that attaches the
// caller's context, and services whose methods combine the two.
package sdk

import (
	"context"
	"net/http"
	"strings"
)

type Client struct {
	client  *http.Client
	BaseURL string
	Users   *UsersService
}

type UsersService struct{ client *Client }

type User struct{ Name *string }

func (c *Client) NewRequest(method, path string, body any) (*http.Request, error) { // want `fact builds#0\(method=param0 ctx=none\)`
	req, err := http.NewRequest(method, c.BaseURL+path, strings.NewReader(""))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	return req, nil
}

func withContext(ctx context.Context, req *http.Request) *http.Request { // want `fact builds#0\(method=fromparam1 ctx=param0\)`
	return req.WithContext(ctx)
}

func (c *Client) BareDo(ctx context.Context, req *http.Request) (*http.Response, error) { // want `fact sends\(method=fromparam1 ctx=param0\)`
	req = withContext(ctx, req)
	return c.client.Do(req) // want `request via=nethttp method=\? ctx=param client=field`
}

func (c *Client) Do(ctx context.Context, req *http.Request, v any) (*http.Response, error) { // want `fact sends\(method=fromparam1 ctx=param0\)`
	resp, err := c.BareDo(ctx, req) // want `request via=fact method=\? ctx=param client=unknown`
	if err != nil {
		return resp, err
	}
	return resp, nil
}

func (s *UsersService) Get(ctx context.Context, user string) (*User, error) { // want `fact sends\(method=GET ctx=param0\)`
	req, err := s.client.NewRequest("GET", "users/"+user, nil)
	if err != nil {
		return nil, err
	}
	u := new(User)
	_, err = s.client.Do(ctx, req, u) // want `request via=fact method=GET ctx=param client=unknown`
	return u, err
}

func (s *UsersService) Edit(ctx context.Context, user string) error { // want `fact sends\(method=PATCH ctx=param0\)`
	req, err := s.client.NewRequest(http.MethodPatch, "users/"+user, nil)
	if err != nil {
		return err
	}
	_, err = s.client.Do(ctx, req, nil) // want `request via=fact method=PATCH ctx=param client=unknown`
	return err
}

// Ping sends without any context.
func Ping(url string) error { // want `fact sends\(method=HEAD ctx=none\)`
	resp, err := http.Head(url) // want `request via=nethttp method=HEAD ctx=none client=default`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Fetch takes the method from its caller.
func Fetch(ctx context.Context, c *http.Client, method, url string) (*http.Response, error) { // want `fact sends\(method=param2 ctx=param0\)`
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return nil, err
	}
	return c.Do(req) // want `request via=nethttp method=\? ctx=param client=param`
}

// Generic sends through a type parameter's constraint-free helper.
func Generic[T any](ctx context.Context, url string, out *T) error { // want `fact sends\(method=GET ctx=param0\)`
	_, err := Fetch(ctx, http.DefaultClient, http.MethodGet, url) // want `request via=fact method=GET ctx=param client=unknown`
	return err
}

// Noop has the shape of a sender but sends nothing.
func Noop(ctx context.Context, req *http.Request) error { return nil }

type ctxKey struct{}

// bareDo retries itself once, with a context derived from the request's:
// the method still comes from the request parameter (a go-github regression).
func (c *Client) bareDo(ctx context.Context, caller *http.Client, req *http.Request) (*http.Response, error) { // want `fact sends\(method=fromparam2 ctx=param0\)`
	req = withContext(ctx, req)
	resp, err := caller.Do(req) // want `request via=nethttp method=\? ctx=param client=param`
	if err != nil && req.Context().Value(ctxKey{}) == nil {
		return c.bareDo(context.WithValue(req.Context(), ctxKey{}, true), caller, req) // want `request via=fact method=\? ctx=param client=unknown`
	}
	return resp, err
}
