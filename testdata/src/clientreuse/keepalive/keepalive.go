// Package keepalive holds per-call Transports whose connections are never
// pooled (not reported: hoisting them would save no handshake), the ones
// that only look like it (reported), and dialers that open real
// connections through a local (reported) or none at all (not reported).
package keepalive

import (
	"bytes"
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/url"
	"time"
)

// ---- Not reported: keep-alives disabled on the literal ----

// fetchVia builds a transport per call for the proxy the caller picks; with
// keep-alives off nothing would be pooled anyway.
func fetchVia(ctx context.Context, proxy *url.URL, target string) (*http.Response, error) {
	tr := &http.Transport{Proxy: http.ProxyURL(proxy), DisableKeepAlives: true}
	c := &http.Client{Transport: tr, Timeout: 20 * time.Second}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, err
	}
	return c.Do(req)
}

const noReuse = true

func probe(w http.ResponseWriter, r *http.Request) {
	c := http.Client{Transport: &http.Transport{DisableKeepAlives: noReuse, TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	if resp, err := c.Get("https://device.local/health"); err == nil {
		resp.Body.Close()
	}
}

// A loop calling a function that builds such a transport: no factory.
func newOneShot() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

func sweep(hosts []string) {
	for _, h := range hosts {
		if resp, err := newOneShot().Get("https://" + h); err == nil {
			resp.Body.Close()
		}
	}
}

// ---- Not reported: every request sent through it asks to close ----

func scrape(ctx context.Context, target string, insecure bool) ([]byte, error) {
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: insecure}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, err
	}
	req.Close = true
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(resp.Body)
	return b.Bytes(), err
}

func forward(w http.ResponseWriter, r *http.Request) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	out := r.Clone(r.Context())
	out.Header.Set("CONNECTION", "Close")
	resp, err := tr.RoundTrip(out)
	if err != nil {
		return
	}
	resp.Body.Close()
}

func pingAll(ctx context.Context, targets []string) {
	for _, t := range targets {
		c := &http.Client{Transport: &http.Transport{MaxIdleConns: 1}}
		req, err := http.NewRequestWithContext(ctx, http.MethodHead, t, nil)
		if err != nil {
			continue
		}
		req.Header.Add("Connection", "close")
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
		}
	}
}

func literalRequest(u *url.URL) {
	tr := &http.Transport{ResponseHeaderTimeout: time.Second}
	req := &http.Request{Method: http.MethodGet, URL: u, Header: http.Header{}, Close: true}
	if resp, err := tr.RoundTrip(req); err == nil {
		resp.Body.Close()
	}
}

// ---- Reported: keep-alives on, or some request that does not close ----

func notConstant(off bool, target string) {
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: off}} // want `http.Transport built on every call of notConstant`
	if resp, err := c.Get(target); err == nil {
		resp.Body.Close()
	}
}

func explicitlyOn(target string) {
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: false}} // want `http.Transport built on every call of explicitlyOn`
	if resp, err := c.Get(target); err == nil {
		resp.Body.Close()
	}
}

// The helper builds its own request, which keeps its connection.
func helperSend(ctx context.Context, target string) {
	c := &http.Client{Transport: &http.Transport{MaxIdleConns: 1}} // want `http.Transport built on every call of helperSend`
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	req.Close = true
	if resp, err := c.Do(req); err == nil {
		resp.Body.Close()
	}
	if resp, err := c.Get(target); err == nil {
		resp.Body.Close()
	}
}

// Closed only on one branch.
func sometimes(ctx context.Context, target string, once bool) {
	tr := &http.Transport{} // want `http.Transport built on every call of sometimes`
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if once {
		req.Close = true
	}
	if resp, err := tr.RoundTrip(req); err == nil {
		resp.Body.Close()
	}
}

// Marked after the request has been sent.
func tooLate(ctx context.Context, target string) {
	tr := &http.Transport{} // want `http.Transport built on every call of tooLate`
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	resp, err := tr.RoundTrip(req)
	req.Close = true
	if err == nil {
		resp.Body.Close()
	}
}

// Another header, or another value.
func keepAliveHeader(ctx context.Context, target string) {
	tr := &http.Transport{} // want `http.Transport built on every call of keepAliveHeader`
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	req.Header.Set("Connection", "keep-alive")
	req.Header.Set("X-Close", "close")
	if resp, err := tr.RoundTrip(req); err == nil {
		resp.Body.Close()
	}
}

// The variable is given a fresh request after the mark.
func reassigned(ctx context.Context, target string) {
	tr := &http.Transport{} // want `http.Transport built on every call of reassigned`
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	req.Close = true
	req, _ = http.NewRequestWithContext(ctx, http.MethodPost, target, nil)
	if resp, err := tr.RoundTrip(req); err == nil {
		resp.Body.Close()
	}
}

// Keep-alives disabled only by a later assignment: not the literal rule.
func disabledLater(target string) {
	tr := &http.Transport{} // want `http.Transport built on every call of disabledLater`
	tr.DisableKeepAlives = true
	if resp, err := (&http.Client{Transport: tr}).Get(target); err == nil {
		resp.Body.Close()
	}
}

// ---- Dialers ----

// A unix socket whose path is a local: every call opens real connections.
func dockerPing(ctx context.Context, sock string) error {
	tr := &http.Transport{ // want `http.Transport built on every call of dockerPing .*\(build it once at start-up and pass it in\)`
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", sock)
		},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://docker/_ping", nil)
	if err != nil {
		return err
	}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func pinnedAddr(w http.ResponseWriter, r *http.Request) {
	addr := r.URL.Query().Get("backend")
	c := &http.Client{Transport: &http.Transport{ // want `http.Transport built for every request served by handler pinnedAddr`
		Dial: func(network, _ string) (net.Conn, error) { return net.DialTimeout(network, addr, time.Second) },
	}}
	if resp, err := c.Get("http://backend/"); err == nil {
		resp.Body.Close()
	}
}

func tlsPinned(ctx context.Context, cfg *tls.Config, addr string) {
	tr := &http.Transport{ // want `http.Transport built on every call of tlsPinned`
		DialTLSContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			d := &tls.Dialer{Config: cfg}
			return d.DialContext(ctx, network, addr)
		},
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://pinned/", nil)
	if resp, err := tr.RoundTrip(req); err == nil {
		resp.Body.Close()
	}
}

// An in-memory connection, as httputil.DumpRequestOut makes: not reported.
func dumpOut(req *http.Request) ([]byte, error) {
	var buf bytes.Buffer
	cli, srv := net.Pipe()
	defer srv.Close()
	go func() { buf.ReadFrom(srv) }()
	tr := &http.Transport{
		DialContext: func(context.Context, string, string) (net.Conn, error) { return cli, nil },
	}
	resp, err := tr.RoundTrip(req)
	if err == nil {
		resp.Body.Close()
	}
	return buf.Bytes(), err
}

// A factory called in a loop, whose every request asks to close: not
// reported; the same factory with a pooled request is.
func newPinned() *http.Client { // want newPinned:"newtransport\\(result 0\\)"
	return &http.Client{Transport: &http.Transport{MaxConnsPerHost: 1}}
}

func pollClosing(ctx context.Context, targets []string) {
	for _, t := range targets {
		c := newPinned()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, t, nil)
		if err != nil {
			continue
		}
		req.Close = true
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
		}
	}
}

func pollPooled(ctx context.Context, targets []string) {
	for _, t := range targets {
		c := newPinned() // want `newPinned builds a new http.Transport on every call; called in every iteration of a loop`
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, t, nil)
		if err != nil {
			continue
		}
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
		}
	}
}
