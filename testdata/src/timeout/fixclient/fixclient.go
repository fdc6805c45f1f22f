package fixclient

import (
	"context"
	"net/http"
	"time"
)

var shared = &http.Client{
	Transport: http.DefaultTransport,
}

func fetch() (*http.Response, error) {
	return shared.Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`
}

func fetchAgain() (*http.Response, error) {
	return shared.Get("https://api.example.com/again") // want `request sent with an http.Client that has no Timeout`
}

func local(ctx context.Context) {
	c := &http.Client{}
	req, _ := http.NewRequestWithContext(context.Background(), "GET", "https://api.example.com", nil)
	c.Do(req) // want `request sent with an http.Client that has no Timeout and its context has no deadline`
	_ = time.Second
}

func viaNew() {
	c := new(http.Client)
	c.Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`
}
