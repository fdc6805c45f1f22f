// Package basic holds the reported forms of clientreuse, and the code that
// builds clients the right way, written the way services and SDKs write it.
package basic

import (
	"crypto/tls"
	"net/http"
	"sync"
	"time"
)

const upstream = "https://api.example.com/weather"

// ---- Reported: the five construction forms, in handlers ----

func literalPointer(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{
		Timeout:   5 * time.Second,
		Transport: &http.Transport{MaxIdleConns: 10}, // want `http.Transport built for every request served by handler literalPointer and then discarded: its connection pool goes with it, so each request pays new TCP and TLS handshakes`
	}
	resp, err := client.Get(upstream)
	if err != nil {
		return
	}
	resp.Body.Close()
}

func literalValue(w http.ResponseWriter, r *http.Request) {
	tr := http.Transport{MaxIdleConns: 10} // want `http.Transport built for every request served by handler literalValue .*\(build it once at start-up and pass it in\)`
	client := http.Client{Transport: &tr}
	resp, err := client.Get(upstream)
	if err == nil {
		resp.Body.Close()
	}
}

func newBuiltin(w http.ResponseWriter, r *http.Request) {
	tr := new(http.Transport) // want `http.Transport built for every request served by handler newBuiltin`
	tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	c := &http.Client{Transport: tr}
	if resp, err := c.Get(upstream); err == nil {
		resp.Body.Close()
	}
}

func cloneDefault(w http.ResponseWriter, r *http.Request) {
	tr := http.DefaultTransport.(*http.Transport).Clone() // want `http.Transport built for every request served by handler cloneDefault`
	c := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	if resp, err := c.Get(upstream); err == nil {
		resp.Body.Close()
	}
}

var base = &http.Transport{MaxIdleConns: 50}

func cloneShared(w http.ResponseWriter, r *http.Request) {
	tr := base.Clone() // want `http.Transport built for every request served by handler cloneShared`
	req, _ := http.NewRequestWithContext(r.Context(), "GET", upstream, nil)
	if resp, err := tr.RoundTrip(req); err == nil {
		resp.Body.Close()
	}
}

// A handler literal registered in main: its body runs per request.
func main() {
	http.HandleFunc("/inline", func(w http.ResponseWriter, r *http.Request) {
		c := &http.Client{Transport: &http.Transport{}} // want `http.Transport built for every request served by this handler`
		if resp, err := c.Get(upstream); err == nil {
			resp.Body.Close()
		}
	})
	http.ListenAndServe(":8080", nil)
}

// A ServeHTTP method, and the transport reaching the client later.
type proxy struct{ target string }

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Timeout: time.Second}
	c.Transport = &http.Transport{DisableCompression: true} // want `handler ServeHTTP`
	req, _ := http.NewRequestWithContext(r.Context(), r.Method, p.target, r.Body)
	if resp, err := c.Do(req); err == nil {
		resp.Body.Close()
	}
}

// A closure nested in a handler, started as a goroutine.
func fanOut(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	c := &http.Client{Transport: &http.Transport{}} // want `handler fanOut`
	for _, u := range []string{upstream, upstream + "/forecast"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if resp, err := c.Get(u); err == nil {
				resp.Body.Close()
			}
		}()
	}
	wg.Wait()
}

// ---- Reported: one loop iteration, one call ----

func pollAll(urls []string) {
	for _, u := range urls {
		c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}} // want `http.Transport built in every iteration of a loop and then discarded: its connection pool goes with it, so each iteration pays`
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}

func pollGoroutines(urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Go(func() {
			c := &http.Client{Transport: &http.Transport{}} // want `in every iteration of a loop`
			if resp, err := c.Get(u); err == nil {
				resp.Body.Close()
			}
		})
	}
	wg.Wait()
}

// The construct, use, discard helper: every call pays for a pool.
func fetchOnce(u string) error {
	tr := &http.Transport{IdleConnTimeout: time.Second} // want `http.Transport built on every call of fetchOnce and then discarded: its connection pool goes with it, so each call pays new TCP and TLS handshakes`
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A transport depending on a parameter: no fix, the message says what to do.
func fetchInsecure(u string, insecure bool) error {
	c := &http.Client{Transport: &http.Transport{ // want `on every call of fetchInsecure .*\(build it once at start-up and pass it in\)`
		TLSClientConfig: &tls.Config{InsecureSkipVerify: insecure},
	}}
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A method value keeps its receiver: calling it sends.
func methodValue(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: &http.Transport{}} // want `handler methodValue`
	get := c.Get
	if resp, err := get(upstream); err == nil {
		resp.Body.Close()
	}
}

// Generic code.
func decodeAll[T any](urls []string, decode func(*http.Response) (T, error)) []T {
	var out []T
	for _, u := range urls {
		c := &http.Client{Transport: new(http.Transport)} // want `in every iteration of a loop`
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		if v, err := decode(resp); err == nil {
			out = append(out, v)
		}
		resp.Body.Close()
	}
	return out
}

// A suppressed finding.
func suppressed(w http.ResponseWriter, r *http.Request) {
	//httpvet:ignore clientreuse the health check must open a fresh connection each time
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	if resp, err := c.Get(upstream); err == nil {
		resp.Body.Close()
	}
}

// probeTwice sends two requests one after the other, outside any loop: the
// Transport is still built for every call and thrown away.
func probeTwice(u string) bool {
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 2}} // want `http.Transport built on every call of probeTwice and then discarded`
	for i := 0; i < len(u) && u[i] == ' '; i++ { // a loop that sends nothing does not count
		u = u[1:]
	}
	a, err := client.Head(u)
	if err != nil {
		return false
	}
	a.Body.Close()
	b, err := client.Get(u)
	if err != nil {
		return false
	}
	b.Body.Close()
	return true
}

// fetchRetry repeats one request up to three times: a retry helper is a
// per-request one, so its fresh Transport is reported.
func fetchRetry(u string) error {
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 1}} // want `http.Transport built on every call of fetchRetry and then discarded`
	var err error
	for i := 0; i < 3; i++ {
		var resp *http.Response
		if resp, err = client.Get(u); err == nil {
			return resp.Body.Close()
		}
	}
	return err
}

// rebuiltEachPage builds the Transport anew for every page, keeping only
// the last one in a variable outside the loop.
func rebuiltEachPage(pages []string) {
	var client *http.Client
	for _, p := range pages {
		client = &http.Client{Transport: &http.Transport{}} // want `http.Transport built`
		if resp, err := client.Get(p); err == nil {
			resp.Body.Close()
		}
	}
}
