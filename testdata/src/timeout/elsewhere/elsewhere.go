// Package elsewhere holds clients whose requests are bounded by code other
// than the client literal's Timeout field.
package elsewhere

import (
	"context"
	"net"
	"net/http"
	"time"

	"timeout/clients"
)

const feed = "https://feeds.example.net/atom"

// The Timeout is assigned after the request in the text, but the request
// runs later, in the returned function.
func poller() func() {
	c := &http.Client{}
	poll := func() { c.Get(feed) }
	c.Timeout = 20 * time.Second
	return poll
}

// The result of a constructor known to build a client without a Timeout,
// given one by the caller.
func bareThenBounded() {
	c := clients.Bare()
	c.Timeout = 5 * time.Second
	c.Get(feed)
}

// Without the assignment the constructor's client is still reported.
func bareOnly() {
	c := clients.Bare()
	c.Get(feed) // want `request sent with an http.Client that has no Timeout`
}

// A zero Timeout bounds nothing.
func zeroAssigned() {
	c := &http.Client{}
	c.Timeout = 0
	c.Get(feed) // want `request sent with an http.Client that has no Timeout`
}

// A later value of the variable does not inherit an earlier one's Timeout.
func reassigned() {
	c := &http.Client{}
	c.Timeout = time.Second
	c = &http.Client{}
	c.Get(feed) // want `request sent with an http.Client that has no Timeout`
}

type option func(*http.Client)

// Options may set the Timeout: what they do is not visible here.
func withOptions(opts ...option) {
	c := &http.Client{}
	for _, o := range opts {
		o(c)
	}
	c.Get(feed)
}

// A helper of the package that sets its parameter's Timeout.
func applyDefaults(c *http.Client) { c.Timeout = 10 * time.Second }

func configuredByHelper() {
	c := &http.Client{}
	applyDefaults(c)
	c.Get(feed)
}

// A helper that only reads the client sets nothing: still reported.
func describe(c *http.Client) bool { return c.Jar == nil }

func readByHelper() {
	c := &http.Client{}
	_ = describe(c)
	c.Get(feed) // want `request sent with an http.Client that has no Timeout`
}

// A transport bounding connect, handshake and the wait for headers.
func headerBounded() {
	tr := &http.Transport{
		DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: 10 * time.Second,
	}
	c := &http.Client{Transport: tr}
	c.Get(feed)
}

// ResponseHeaderTimeout alone leaves the dial and handshake unbounded.
func headerOnly() {
	c := &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: time.Second}} // want `http.Transport has no dial or TLS handshake timeout`
	c.Get(feed) // want `request sent with an http.Client that has no Timeout`
}

// A clone of the default transport with a header timeout set later.
func cloneHeaderBounded() {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = 10 * time.Second
	c := &http.Client{Transport: tr}
	c.Get(feed)
}

// The dialer wrapper gives every connection a deadline.
func deadlineDialer() {
	d := &net.Dialer{}
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return conn, conn.SetDeadline(time.Now().Add(time.Minute))
	}}
	c := &http.Client{Transport: tr}
	c.Get(feed)
}

// idleConn renews a read deadline before every read.
type idleConn struct {
	net.Conn
	idle time.Duration
}

func (c *idleConn) Read(p []byte) (int, error) {
	if err := c.Conn.SetReadDeadline(time.Now().Add(c.idle)); err != nil {
		return 0, err
	}
	return c.Conn.Read(p)
}

func dialIdle(ctx context.Context, network, addr string) (net.Conn, error) {
	conn, err := (&net.Dialer{}).DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &idleConn{Conn: conn, idle: 30 * time.Second}, nil
}

func wrappedConnections() {
	c := &http.Client{Transport: &http.Transport{DialContext: dialIdle}}
	c.Get(feed)
}

// A dialer that sets no deadline bounds only the connect: reported.
func plainDialer() {
	c := &http.Client{Transport: &http.Transport{DialContext: (&net.Dialer{}).DialContext}}
	c.Get(feed) // want `request sent with an http.Client that has no Timeout`
}
