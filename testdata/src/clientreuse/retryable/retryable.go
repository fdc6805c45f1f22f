// Package retryable uses go-retryablehttp.
package retryable

import (
	"net/http"

	retryablehttp "github.com/hashicorp/go-retryablehttp"
)

func syncAll(urls []string) {
	for _, u := range urls {
		rc := retryablehttp.NewClient() // want `retryablehttp.NewClient builds a new http.Transport on every call; called in every iteration of a loop`
		rc.RetryMax = 2
		if resp, err := rc.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}

func standard(w http.ResponseWriter, r *http.Request) {
	hc := retryablehttp.NewClient().StandardClient() // want `retryablehttp.NewClient builds a new http.Transport`
	if resp, err := hc.Get("https://example.com"); err == nil {
		resp.Body.Close()
	}
}

// Kept: built once in a constructor.
type Poller struct{ rc *retryablehttp.Client }

func NewPoller() *Poller { // want NewPoller:"newtransport\\(result 0\\)"
	rc := retryablehttp.NewClient()
	rc.RetryMax = 10
	return &Poller{rc: rc}
}

func (p *Poller) Poll(urls []string) {
	for _, u := range urls {
		if resp, err := p.rc.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}

func runOnce() {
	rc := retryablehttp.NewClient()
	for _, u := range []string{"https://a.example.com", "https://b.example.com"} {
		if resp, err := rc.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}
