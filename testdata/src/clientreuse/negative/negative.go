// Package negative builds clients the way services and SDKs do it right:
// nothing here is reported.
package negative

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"time"
)

// Package-level variables.
var (
	sharedTransport = &http.Transport{MaxIdleConns: 100, IdleConnTimeout: 90 * time.Second}
	sharedClient    = &http.Client{Transport: sharedTransport, Timeout: 10 * time.Second}
)

// An SDK constructor: the client it builds is kept in the returned value.
type Client struct {
	hc      *http.Client
	baseURL string
}

func NewClient(baseURL string) *Client { // want NewClient:"newtransport\\(result 0\\)"
	return &Client{
		hc:      &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}},
		baseURL: baseURL,
	}
}

// A constructor that stores its transport in a field of the receiver.
type Service struct {
	client *http.Client
}

func (s *Service) Init() {
	s.client = &http.Client{Transport: &http.Transport{}}
}

// Lazy initialisation under sync.Once.
var (
	once       sync.Once
	lazyClient *http.Client
)

func getClient() *http.Client {
	once.Do(func() {
		lazyClient = &http.Client{Transport: &http.Transport{MaxIdleConns: 10}}
	})
	return lazyClient
}

// A per-host cache filled in a handler.
type hostCache struct {
	mu      sync.Mutex
	clients map[string]*http.Client
}

func (h *hostCache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	h.mu.Lock()
	c, ok := h.clients[host]
	if !ok {
		c = &http.Client{Transport: &http.Transport{MaxConnsPerHost: 4}}
		h.clients[host] = c
	}
	h.mu.Unlock()
	if resp, err := c.Get("https://" + host + "/status"); err == nil {
		resp.Body.Close()
	}
}

// A per-tenant cache in a sync.Map.
var tenants sync.Map

func tenantHandler(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: &http.Transport{}}
	actual, _ := tenants.LoadOrStore(r.Header.Get("Tenant"), c)
	if resp, err := actual.(*http.Client).Get("https://tenant.example.com"); err == nil {
		resp.Body.Close()
	}
}

// One client per upstream, built in a set-up loop and kept in a map.
func buildUpstreams(hosts []string) map[string]*http.Client { // want buildUpstreams:"newtransport\\(result 0\\)"
	m := make(map[string]*http.Client)
	for _, h := range hosts {
		m[h] = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	}
	return m
}

// Clients with a nil or shared Transport: cheap, they share the pool.
func cheapClients(w http.ResponseWriter, r *http.Request) {
	c1 := &http.Client{Timeout: 3 * time.Second}
	c2 := &http.Client{Transport: sharedTransport}
	c3 := &http.Client{Transport: http.DefaultTransport, Timeout: time.Second}
	var c4 http.Client
	for _, c := range []*http.Client{c1, c2, c3, &c4} {
		if resp, err := c.Get("https://example.com"); err == nil {
			resp.Body.Close()
		}
	}
	_ = sharedClient
}

// An httptest server's client.
func checkServer(h http.Handler) {
	for i := 0; i < 3; i++ {
		srv := httptest.NewServer(h)
		c := srv.Client()
		if resp, err := c.Get(srv.URL); err == nil {
			resp.Body.Close()
		}
		srv.Close()
	}
}

// A handler factory: the transport is built once, captured by the handler it returns.
func makeHandler(target string) http.HandlerFunc { // want makeHandler:"newtransport\\(result 0\\)"
	c := &http.Client{Transport: &http.Transport{}}
	return func(w http.ResponseWriter, r *http.Request) {
		if resp, err := c.Get(target); err == nil {
			resp.Body.Close()
		}
	}
}

// A transport built and handed to something that keeps it.
type registry struct{ byName map[string]http.RoundTripper }

func (reg *registry) register(name string, rt http.RoundTripper) { reg.byName[name] = rt }

func setUp(reg *registry, proxy *url.URL) {
	for _, name := range []string{"a", "b"} {
		tr := &http.Transport{Proxy: http.ProxyURL(proxy)}
		reg.register(name, tr)
	}
}

// A transport built per call but never used to send.
func describe() string {
	tr := &http.Transport{}
	if tr.DisableKeepAlives {
		return "no keep-alive"
	}
	return "keep-alive"
}

// A factory whose result is kept in a field.
type api struct{ c *Client }

func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if a.c == nil {
		a.c = NewClient("https://api.example.com")
	}
}

// A transport dialing an in-memory connection, as httputil.DumpRequestOut
// does: it opens no network connection and cannot be shared.
func dumpRequest(req *http.Request) ([]byte, error) {
	var buf bytes.Buffer
	client, server := net.Pipe()
	defer server.Close()
	go func() { buf.ReadFrom(server) }()
	t := &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return client, nil
		},
	}
	resp, err := t.RoundTrip(req)
	if err == nil {
		resp.Body.Close()
	}
	return buf.Bytes(), err
}
