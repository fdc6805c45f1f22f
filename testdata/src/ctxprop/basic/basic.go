package basic

import (
	"context"
	"net/http"
	"time"

	"ctxprop/helpers"

	"github.com/hashicorp/go-retryablehttp"
)

var client = &http.Client{Timeout: 10 * time.Second}

func handler(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest(http.MethodGet, "http://accounts.internal/v1", nil) // want `http.NewRequest builds a request without a context, dropping r.Context\(\): the request runs on after the caller has given up`
	client.Do(req)

	client.Get("http://accounts.internal/v2") // want `client.Get sends a request without a context, dropping r.Context\(\)`

	bg, _ := http.NewRequestWithContext(context.Background(), "GET", "http://accounts.internal/v3", nil) // want `context.Background replaces r.Context\(\) for this request`
	client.Do(bg)

	helpers.Wrap("http://accounts.internal/v4") // want `Wrap sends a request without a context, dropping r.Context\(\): the request runs on after the caller has given up; give Wrap a context parameter`

	helpers.WithContext(r.Context(), "http://accounts.internal/v5")
}

type server struct{}

func (s *server) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	tctx, cancel := context.WithTimeout(context.TODO(), time.Second) // want `context.TODO replaces req.Context\(\) for this request`
	defer cancel()
	out, _ := http.NewRequestWithContext(tctx, "GET", "http://x", nil)
	client.Do(out)
}

// Any name for the context parameter.
func fetch(c context.Context, url string) error {
	resp, err := http.Get(url) // want `http.Get sends a request without a context, dropping c:`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A shadowed context parameter: reported, but the fix cannot name it.
func shadowed(ctx context.Context) {
	{
		ctx := context.Background() // want `context.Background replaces ctx for this request`
		req, _ := http.NewRequestWithContext(ctx, "GET", "http://x", nil)
		client.Do(req)
	}
}

func closures(mux *http.ServeMux) {
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) {
		run := func() {
			http.Head("http://x") // want `http.Head sends a request without a context, dropping r.Context\(\)`
		}
		run()
	})
}

// Deliberate negatives.

func detached(ctx context.Context) {
	req, _ := http.NewRequestWithContext(context.WithoutCancel(ctx), "POST", "http://audit.internal", nil)
	client.Do(req) // deliberate: the audit record must be written even if the caller goes away
}

func background(w http.ResponseWriter, r *http.Request) {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "POST", "http://reindex.internal", nil)
		client.Do(req) // background work outlives the handler on purpose
	}()
	go func() { http.Get("http://warmup.internal") }()
}

// No context available: nothing to pass on.
func noContext() {
	http.Get("http://x")
	helpers.FetchStatus("http://x")
}

// The caller's context passed on: fine.
func passes(ctx context.Context, r *http.Request) {
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://x", nil)
	client.Do(req)
	helpers.WithContext(ctx, "http://x")
}

// A blank context parameter is an explicit choice not to use it.
func blank(_ context.Context) { http.Get("http://x") }

// A request built with NewRequest and given its context later is fine.
func later(ctx context.Context) {
	req, _ := http.NewRequest("GET", "http://x", nil)
	client.Do(req.WithContext(ctx))
}

// A regression from hashicorp/vault's API client: the wrapped request gets
// the context through its embedded field.
func retryableWithContext(ctx context.Context, c *retryablehttp.Client) {
	req, _ := retryablehttp.NewRequest("GET", "http://x", nil)
	req.Request = req.Request.WithContext(ctx)
	c.Do(req)
}

// Without it, the context is dropped.
func retryableWithout(ctx context.Context, c *retryablehttp.Client) {
	req, _ := retryablehttp.NewRequest("GET", "http://x", nil) // want `retryablehttp.NewRequest builds a request without a context, dropping ctx`
	c.Do(req)
}

// context.Background() given to a helper's context parameter, in a
// function that has a context of its own: dropped as surely as at
// http.NewRequestWithContext.
func syncAll(ctx context.Context, urls []string) {
	for _, u := range urls {
		helpers.WithContext(context.Background(), u) // want `context.Background replaces ctx for this request: it runs on after the caller has given up`
	}
	helpers.WithContext(ctx, urls[0])
	helpers.WithContext(context.WithoutCancel(ctx), urls[0]) // deliberate detachment
}

// No context to give: the helper's Background is all there is.
func syncNoContext(urls []string) {
	helpers.WithContext(context.Background(), urls[0])
}

// A wrapper that rebuilds its caller's request without a context drops
// in.Context() for every caller.
type retrying struct{ hc *http.Client }

func (t *retrying) Do(in *http.Request) (*http.Response, error) {
	out, err := http.NewRequest(in.Method, in.URL.String(), in.Body) // want `http.NewRequest builds a request without a context, dropping in.Context\(\)`
	if err != nil {
		return nil, err
	}
	out.Header = in.Header
	return t.hc.Do(out)
}

// Rebuilt and then given the caller's context: fine.
func (t *retrying) DoKeep(in *http.Request) (*http.Response, error) {
	out, err := http.NewRequest(in.Method, in.URL.String(), in.Body)
	if err != nil {
		return nil, err
	}
	out = out.WithContext(in.Context())
	return t.hc.Do(out)
}

// A request built from other values than the parameter (a token fetched
// on the side, perhaps shared by many callers): not reported.
type tokenSource struct {
	hc       *http.Client
	tokenURL string
}

func (s *tokenSource) RoundTrip(in *http.Request) (*http.Response, error) {
	tok, err := http.NewRequest(http.MethodPost, s.tokenURL, nil)
	if err != nil {
		return nil, err
	}
	if _, err := s.hc.Do(tok); err != nil {
		return nil, err
	}
	return http.DefaultTransport.RoundTrip(in)
}

// A nil context gets a default: the caller's context is passed on whenever
// it is given, so nothing is dropped.
func withDefault(ctx context.Context, u string) {
	if ctx == nil {
		ctx = context.Background()
	}
	bounded, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	helpers.WithContext(bounded, u)
}

// Replacing the caller's context outright still drops it.
func replaced(ctx context.Context, u string) {
	if ctx != nil {
		ctx = context.Background() // want `context.Background replaces ctx for this request`
	}
	helpers.WithContext(ctx, u)
}
