// Package b calls a's factories.
package b

import (
	"net/http"
	"time"

	"clientreuse/factory/a"
)

func weather(w http.ResponseWriter, r *http.Request) {
	c := a.NewHTTPClient(5 * time.Second) // want `a.NewHTTPClient builds a new http.Transport on every call; called for every request served by handler weather and then discarded, it makes each request pay new TCP and TLS handshakes \(call it once at start-up and pass the result in\)`
	if resp, err := c.Get("https://api.example.com/weather"); err == nil {
		resp.Body.Close()
	}
}

func tuple(w http.ResponseWriter, r *http.Request) {
	_, c, err := a.NewWithErr("x") // want `a.NewWithErr builds a new http.Transport on every call`
	if err != nil {
		return
	}
	if resp, err := c.Get("https://api.example.com"); err == nil {
		resp.Body.Close()
	}
}

func holder(w http.ResponseWriter, r *http.Request) {
	api := a.New() // want `a.New builds a new http.Transport`
	_ = api.Fetch("https://api.example.com")
}

func chained(urls []string) {
	for _, u := range urls {
		if resp, err := a.NewHTTPClient(time.Second).Get(u); err == nil { // want `in every iteration of a loop`
			resp.Body.Close()
		}
	}
}

func generic(w http.ResponseWriter, r *http.Request) {
	c := a.Pooled[int](1) // want `a.Pooled builds a new http.Transport`
	if resp, err := c.Get("https://example.com"); err == nil {
		resp.Body.Close()
	}
}

// A local factory called through a function value.
func newLocal() *http.Client { // want newLocal:"newtransport\\(result 0\\)"
	return &http.Client{Transport: &http.Transport{}}
}

func viaValue(urls []string) {
	mk := newLocal
	for _, u := range urls {
		c := mk() // want `newLocal builds a new http.Transport`
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}

// ---- Not reported ----

type server struct {
	client *http.Client
	api    *a.API
}

// The factory's result is kept.
func NewServer() *server { // want NewServer:"newtransport\\(result 0\\)"
	return &server{client: a.NewHTTPClient(time.Second), api: a.New()}
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if resp, err := s.client.Get("https://api.example.com"); err == nil {
		resp.Body.Close()
	}
	c := a.Shared() // built once
	d := a.Default()
	e := a.Maybe(false)
	for _, cl := range []*http.Client{c, d, e} {
		if resp, err := cl.Get("https://example.com"); err == nil {
			resp.Body.Close()
		}
	}
}

// A factory called in a plain function: reported only in handlers and loops.
func fetch(u string) error {
	c := a.NewHTTPClient(time.Second)
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// One client per upstream, built in a set-up loop and kept.
func upstreams(hosts []string) map[string]*http.Client { // want upstreams:"newtransport\\(result 0\\)"
	m := make(map[string]*http.Client, len(hosts))
	for _, h := range hosts {
		m[h] = a.NewHTTPClient(time.Second)
	}
	return m
}
