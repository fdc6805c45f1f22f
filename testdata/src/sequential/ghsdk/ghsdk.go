// Package ghsdk is a small SDK in the shape of go-github: services whose
// methods build a request with NewRequest and send it with Do. Its facts
// tell callers in other packages which methods send GETs.
package ghsdk

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

type Client struct {
	client  *http.Client
	BaseURL string

	Users        *UsersService
	Repositories *RepositoriesService
}

// NewClient returns a client of its own making: it keeps no cookies, so
// its GETs are independent reads.
func NewClient(base string) *Client {
	c := &Client{client: &http.Client{Timeout: 10 * time.Second}, BaseURL: base}
	c.Users = &UsersService{client: c}
	c.Repositories = &RepositoriesService{client: c}
	return c
}

type Response struct {
	*http.Response
	NextPage int
}

type UsersService struct{ client *Client }
type RepositoriesService struct{ client *Client }

type User struct {
	Login *string
	ID    *int64
}

func (u *User) GetLogin() string {
	if u == nil || u.Login == nil {
		return ""
	}
	return *u.Login
}

type Repository struct{ Name *string }

type ListOptions struct{ Page, PerPage int }

func (c *Client) NewRequest(method, urlStr string, body any) (*http.Request, error) {
	req, err := http.NewRequest(method, c.BaseURL+urlStr, strings.NewReader(""))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/vnd.github+json")
	return req, nil
}

func (c *Client) Do(ctx context.Context, req *http.Request, v any) (*Response, error) {
	req = req.WithContext(ctx)
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	response := &Response{Response: resp}
	if v != nil {
		err = json.NewDecoder(resp.Body).Decode(v)
	}
	return response, err
}

func (s *UsersService) Get(ctx context.Context, user string) (*User, *Response, error) {
	req, err := s.client.NewRequest("GET", "users/"+user, nil)
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

func (s *UsersService) Edit(ctx context.Context, user *User) (*User, *Response, error) {
	req, err := s.client.NewRequest("PATCH", "user", user)
	if err != nil {
		return nil, nil, err
	}
	u := new(User)
	resp, err := s.client.Do(ctx, req, u)
	return u, resp, err
}

func (s *RepositoriesService) List(ctx context.Context, user string, opts *ListOptions) ([]*Repository, *Response, error) {
	req, err := s.client.NewRequest(http.MethodGet, "users/"+user+"/repos", nil)
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

func (s *RepositoriesService) Delete(ctx context.Context, owner, repo string) (*Response, error) {
	req, err := s.client.NewRequest(http.MethodDelete, "repos/"+owner+"/"+repo, nil)
	if err != nil {
		return nil, err
	}
	return s.client.Do(ctx, req, nil)
}
