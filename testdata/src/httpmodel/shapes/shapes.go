// Package shapes holds calls the model cannot resolve: it must say
// "unknown" or nothing, and never crash.
package shapes

import (
	"context"
	"net/http"
)

type doer interface {
	Do(*http.Request) (*http.Response, error)
}

type Box[T any] struct{ v T }

func (b *Box[T]) Send(c *http.Client, req *http.Request) { // want `fact sends\(method=fromparam1 ctx=unknown\(fromparam1\)\)`
	c.Do(req) // want `request via=nethttp method=\? ctx=unknown client=param`
}

func unresolved(ctx context.Context, d doer, c *http.Client, fns []func(*http.Request) (*http.Response, error)) { // want `fact sends\(method=\? ctx=unknown\)`
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://x", nil)
	d.Do(req) // interface method of an unknown type: not a request
	do := c.Do
	do(req) // method value: unknown
	fns[0](req)
	var b Box[string]
	b.Send(c, req) // want `request via=fact method=GET ctx=param client=unknown`
	func() {
		c.Get("http://x") // want `request via=nethttp method=GET ctx=none client=param`
	}()
	for _, r := range []*http.Request{req} {
		c.Do(r) // want `request via=nethttp method=\? ctx=unknown client=param`
	}
	_ = (&http.Client{}).Do
}

var atPackageLevel, _ = http.Get("http://x") // want `request via=nethttp method=GET ctx=none client=default`
