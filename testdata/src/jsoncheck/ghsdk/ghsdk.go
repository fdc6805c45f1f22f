// Package ghsdk is a small SDK written the way go-github is: services whose
// methods build a request, send it through Client.Do, which decodes the
// response into the value it is given, and return structs whose optional
// fields are pointers with nil-safe GetX accessors.
package ghsdk

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
)

type Client struct {
	client *http.Client
	base   string
	Users  *UsersService
	Repos  *ReposService
}

type service struct{ client *Client }

type UsersService service

type ReposService service

// Response embeds the standard response.
type Response struct {
	*http.Response
	NextPage int
}

type User struct {
	Login *string `json:"login,omitempty"`
	Name  *string `json:"name,omitempty"`
	Plan  *Plan   `json:"plan,omitempty"`
	ID    *int64  `json:"id,omitempty"`
}

type Plan struct {
	Name  *string `json:"name,omitempty"`
	Seats *int    `json:"seats,omitempty"`
}

// GetName returns the Name field if it's non-nil, zero value otherwise.
func (u *User) GetName() string {
	if u == nil || u.Name == nil {
		return ""
	}
	return *u.Name
}

// GetPlan returns the Plan field.
func (u *User) GetPlan() *Plan {
	if u == nil {
		return nil
	}
	return u.Plan
}

type Repository struct {
	Name  *string `json:"name,omitempty"`
	Owner *User   `json:"owner,omitempty"`
}

func (r *Repository) GetName() string {
	if r == nil || r.Name == nil {
		return ""
	}
	return *r.Name
}

func (c *Client) NewRequest(method, path string) (*http.Request, error) {
	return http.NewRequest(method, c.base+path, nil)
}

// BareDo sends the request and returns the response undecoded.
func (c *Client) BareDo(ctx context.Context, req *http.Request) (*Response, error) {
	resp, err := c.client.Do(req.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	return &Response{Response: resp}, nil
}

// Do sends the request and decodes the body into v, or copies it to v when
// v is an io.Writer.
func (c *Client) Do(ctx context.Context, req *http.Request, v any) (*Response, error) { // want Do:`into\(resp->2\)`
	resp, err := c.BareDo(ctx, req)
	if err != nil {
		return resp, err
	}
	defer resp.Body.Close()
	switch v := v.(type) {
	case nil:
	case io.Writer:
		_, err = io.Copy(v, resp.Body)
	default:
		decErr := json.NewDecoder(resp.Body).Decode(v)
		if decErr == io.EOF {
			decErr = nil
		}
		if decErr != nil {
			err = decErr
		}
	}
	return resp, err
}

// Get fetches a user.
func (s *UsersService) Get(ctx context.Context, user string) (*User, *Response, error) { // want Get:`returns\(resp->\*0\)`
	req, err := s.client.NewRequest("GET", "users/"+user)
	if err != nil {
		return nil, nil, err
	}
	u := new(User)
	resp, err := s.client.Do(ctx, req, u)
	if err != nil {
		return nil, resp, err
	}
	return u, resp, nil
}

// List lists repositories.
func (s *ReposService) List(ctx context.Context, user string) ([]*Repository, *Response, error) { // want List:`returns\(resp->0\)`
	req, err := s.client.NewRequest("GET", "users/"+user+"/repos")
	if err != nil {
		return nil, nil, err
	}
	var repos []*Repository
	resp, err := s.client.Do(ctx, req, &repos)
	if err != nil {
		return nil, resp, err
	}
	return repos, resp, nil
}

// Stringify is not a decoder: it only formats.
func Stringify(v any) string { return "" }
