// Package testhook builds transports only while a test has installed a
// hook: production code never sets the hook, so nothing is built per call
// there. Hooks that production code can set are still judged.
package testhook

import (
	"context"
	"net"
	"net/http"
	"os"
	"time"
)

// dialOverride lets tests point every request at a local server. Nothing
// in this package's non-test files sets it.
var dialOverride func(ctx context.Context, network, addr string) (net.Conn, error)

// useFakeRegistry is a boolean hook of the same kind.
var useFakeRegistry bool

var shared = &http.Client{Timeout: 30 * time.Second}

// fetch gets its own transport only in tests.
func fetch(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	c := shared
	if dialOverride != nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.DialContext = dialOverride
		c = &http.Client{Transport: tr, Timeout: 30 * time.Second}
	}
	return c.Do(req)
}

// probe uses a boolean hook, joined with another condition.
func probe(ctx context.Context, url string) error {
	c := shared
	if useFakeRegistry && url != "" {
		c = &http.Client{Transport: &http.Transport{}, Timeout: time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// ProxyDial is exported: any importer may set it in production.
var ProxyDial func(ctx context.Context, network, addr string) (net.Conn, error)

func viaProxy(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	c := shared
	if ProxyDial != nil {
		c = &http.Client{Transport: &http.Transport{DialContext: ProxyDial}, Timeout: 30 * time.Second} // want `http.Transport built on every call of viaProxy`
	}
	return c.Do(req)
}

// socksDial is set from the environment at start-up: a production setting.
var socksDial func(ctx context.Context, network, addr string) (net.Conn, error)

func init() {
	if os.Getenv("SOCKS_ADDR") != "" {
		socksDial = (&net.Dialer{}).DialContext
	}
}

func viaSocks(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	c := shared
	if socksDial != nil {
		c = &http.Client{Transport: &http.Transport{DialContext: socksDial}, Timeout: 30 * time.Second} // want `http.Transport built on every call of viaSocks`
	}
	return c.Do(req)
}

// The else branch runs in production: it is judged.
func unlessHooked(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	var c *http.Client
	if dialOverride != nil {
		c = shared
	} else {
		c = &http.Client{Transport: &http.Transport{}, Timeout: 30 * time.Second} // want `http.Transport built on every call of unlessHooked`
	}
	return c.Do(req)
}
