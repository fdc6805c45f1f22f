package app

import (
	"context"
	"net/http"
	"time"

	"httpmodel/sdk"
)

var pkgClient = &http.Client{Timeout: 10 * time.Second}

func uses(ctx context.Context, gh *sdk.Client) { // want `fact sends\(method=\? ctx=unknown\)`
	gh.Users.Get(ctx, "octocat")                                       // want `request via=fact method=GET ctx=param client=unknown`
	gh.Users.Edit(context.Background(), "octocat")                     // want `request via=fact method=PATCH ctx=background client=unknown`
	sdk.Ping("http://example.com")                                     // want `request via=fact method=HEAD ctx=none client=unknown`
	sdk.Fetch(ctx, pkgClient, "DELETE", "http://example.com")          // want `request via=fact method=DELETE ctx=param client=unknown`
	sdk.Generic[int](context.TODO(), "http://example.com", new(int))   // want `request via=fact method=GET ctx=background client=unknown`
	sdk.Noop(ctx, nil)
	dctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, _ := gh.NewRequest("PUT", "x", nil)
	gh.BareDo(dctx, req) // want `request via=fact method=PUT ctx=deadline client=unknown`
}

func direct(ctx context.Context) { // want `fact sends\(method=\? ctx=unknown\)`
	http.Get("http://example.com")       // want `request via=nethttp method=GET ctx=none client=default`
	http.DefaultClient.Head("http://x")  // want `request via=nethttp method=HEAD ctx=none client=default`
	pkgClient.Post("http://x", "", nil) // want `request via=nethttp method=POST ctx=none client=packagevar timeout=yes`
	c := &http.Client{}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://x", nil)
	c.Do(req) // want `request via=nethttp method=GET ctx=param client=literal timeout=no`
	var zero http.Client
	zero.Do(req.WithContext(context.Background())) // want `request via=nethttp method=GET ctx=background client=literal timeout=no`
	later := new(http.Client)
	later.Timeout = time.Second
	later.Do(req) // want `request via=nethttp method=GET ctx=param client=literal timeout=yes`
	vctx := context.WithValue(context.Background(), "k", "v")
	req2, _ := http.NewRequestWithContext(vctx, "", "http://x", nil)
	c.Do(req2) // want `request via=nethttp method=GET ctx=background client=literal timeout=no`
	detached, _ := http.NewRequestWithContext(context.WithoutCancel(ctx), "POST", "http://x", nil)
	c.Do(detached) // want `request via=nethttp method=POST ctx=detached client=literal timeout=no`
}

type server struct{ client *http.Client }

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want `fact sends\(method=GET ctx=inbound\)` `handler`
	req, _ := http.NewRequestWithContext(r.Context(), "GET", "http://x", nil)
	s.client.Do(req) // want `request via=nethttp method=GET ctx=inbound client=field`
}

// The goroutine's GET is not register's: only the OPTIONS is.
func register(mux *http.ServeMux, rt http.RoundTripper) { // want `fact sends\(method=OPTIONS ctx=none\)`
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { // want `handler`
		go func() {
			http.Get("http://x") // want `request via=nethttp method=GET ctx=none client=default go`
		}()
	})
	req, _ := http.NewRequest(http.MethodOptions, "http://x", nil)
	rt.RoundTrip(req) // want `request via=nethttp method=OPTIONS ctx=none client=transport`
}
