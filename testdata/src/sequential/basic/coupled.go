package basic

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"time"
)

// --- couplings the absence of data flow does not show: not reported ---

// A client with a cookie jar: the first answer may set the session cookie
// the second request sends.
func withJar(ctx context.Context) error {
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, Timeout: time.Second}
	r1, err := hc.Get("http://portal/login-page")
	if err != nil {
		return err
	}
	r1.Body.Close()
	r2, err := hc.Get("http://portal/inbox")
	if err != nil {
		return err
	}
	return r2.Body.Close()
}

// A session that remembers what the last answer said.
type Session struct {
	hc    *http.Client
	etag  string
	calls int
}

func NewSession() *Session { return &Session{hc: &http.Client{Timeout: time.Second}} }

func (s *Session) Get(ctx context.Context, url string) (*http.Response, error) { // want Get:"writes"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("If-None-Match", s.etag)
	resp, err := s.hc.Do(req)
	if err != nil {
		return nil, err
	}
	s.etag = resp.Header.Get("ETag")
	return resp, nil
}

func sessionReads(ctx context.Context, s *Session) error {
	if _, err := s.Get(ctx, "http://a"); err != nil {
		return err
	}
	_, err := s.Get(ctx, "http://b")
	return err
}

// A package-level counter the sender updates.
var sent int

func counted(ctx context.Context, url string) error { // want counted:"writes"
	sent++
	_, err := get(ctx, url)
	return err
}

func countedTwice(ctx context.Context) error { // want countedTwice:"writes"
	if err := counted(ctx, "http://a"); err != nil {
		return err
	}
	return counted(ctx, "http://b")
}

// A client the caller supplies: it may carry a jar or a token cache.
type Remote struct{ hc *http.Client }

func NewRemote(hc *http.Client) *Remote { return &Remote{hc: hc} }

func (r *Remote) Get(url string) (*http.Response, error) { return r.hc.Get(url) }

func remoteReads(r *Remote) {
	a, _ := r.Get("http://a")
	b, _ := r.Get("http://b")
	_, _ = a, b
}

// A sender whose only sending path the argument excludes: offline calls
// send nothing.
func fetchUnless(ctx context.Context, url string, offline bool) ([]byte, error) {
	if offline {
		return nil, nil
	}
	return get(ctx, url)
}

func offlinePair(ctx context.Context) {
	a, _ := fetchUnless(ctx, "http://a", true)
	b, _ := fetchUnless(ctx, "http://b", true)
	_, _ = a, b
}

// The second request is only sent when the first did not answer it.
func cachedFirst(ctx context.Context) ([]byte, error) { // want cachedFirst:"read"
	local, err := get(ctx, "http://cache/item")
	if err != nil {
		return nil, err
	}
	if len(local) > 0 {
		return local, nil
	}
	return get(ctx, "http://origin/item")
}

// Requests to this machine are not worth overlapping.
func localAgent(ctx context.Context, port int) { // want localAgent:"read"
	a, _ := get(ctx, "http://localhost:8500/v1/health")
	b, _ := get(ctx, "http://127.0.0.1:8500/v1/peers")
	c, _ := get(ctx, fmt.Sprintf("http://localhost:%d/v1/status", port))
	_, _, _ = a, b, c
}

// --- with evidence: reported ---

// A failing exit on the first result still leaves the second independent.
func errorExit(ctx context.Context) ([]byte, []byte, error) { // want errorExit:"read"
	a, err := get(ctx, "http://a") // want `2 independent GET requests`
	if err != nil {
		return nil, nil, err
	}
	if len(a) == 0 {
		return nil, nil, errors.New("empty answer")
	}
	b, err := get(ctx, "http://b")
	if err != nil {
		return nil, nil, err
	}
	return a, b, nil
}

// A client of the type's own making, set in its constructor.
type Catalog struct{ hc *http.Client }

func NewCatalog() *Catalog { return &Catalog{hc: &http.Client{Timeout: time.Second}} }

func (c *Catalog) Item(ctx context.Context, id string) (*http.Response, error) { // want Item:"read"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://catalog/items/"+id, nil)
	if err != nil {
		return nil, err
	}
	return c.hc.Do(req)
}

func twoItems(ctx context.Context, c *Catalog) error { // want twoItems:"read"
	a, err := c.Item(ctx, "a") // want `2 independent GET requests`
	if err != nil {
		return err
	}
	defer a.Body.Close()
	b, err := c.Item(ctx, "b")
	if err != nil {
		return err
	}
	return b.Body.Close()
}
