package app

import (
	"context"
	"net/http"
)

// A function that only starts a goroutine which sends is not a sender
// for its caller: the work is meant to outlive the call.

type poller struct {
	c   *http.Client
	url string
}

func (p *poller) poll() { // want `fact sends\(method=GET ctx=none\)`
	resp, err := p.c.Get(p.url) // want `request via=nethttp method=GET ctx=none client=field`
	if err == nil {
		resp.Body.Close()
	}
}

// Start kicks off the poller and returns: no fact.
func (p *poller) Start() {
	go p.poll() // want `request via=fact method=GET ctx=none client=unknown go`
}

// A literal run by a go statement, and a literal called inside it.
func warm(urls []string) {
	go func() {
		for _, u := range urls {
			http.Head(u) // want `request via=nethttp method=HEAD ctx=none client=default go`
		}
	}()
	go func() {
		ping := func(u string) {
			http.Get(u) // want `request via=nethttp method=GET ctx=none client=default go`
		}
		ping(urls[0])
	}()
}

func status(url string) int { // want `fact sends\(method=GET ctx=none\)`
	resp, err := http.Get(url) // want `request via=nethttp method=GET ctx=none client=default`
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func record(int) {}

// The arguments of a go statement's call are evaluated before the
// goroutine starts, by the function itself: it is the sender.
func statusNow(url string) { // want `fact sends\(method=GET ctx=none\)`
	go record(status(url)) // want `request via=fact method=GET ctx=none client=unknown`
}

// A synchronous send beside background work: the fact is the synchronous one's.
func publish(ctx context.Context, p *poller, url string) { // want `fact sends\(method=POST ctx=param0\)`
	go p.poll() // want `request via=fact method=GET ctx=none client=unknown go`
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	http.DefaultClient.Do(req) // want `request via=nethttp method=POST ctx=param client=default`
}

// A goroutine the caller waits for is still started by a go statement:
// the model cannot see the wait, and says go.
func waited(url string) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		http.Get(url) // want `request via=nethttp method=GET ctx=none client=default go`
	}()
	<-done
}
