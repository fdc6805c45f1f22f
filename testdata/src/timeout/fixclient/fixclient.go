package fixclient

import (
	"context"
	"io"
	"net/http"
	"time"
)

var shared = &http.Client{
	Transport: http.DefaultTransport,
}

// Every request of the shared client reads its body here: a Timeout
// cannot cut a download short.
func fetch() ([]byte, error) {
	resp, err := shared.Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func fetchAgain() (int, error) {
	resp, err := shared.Get("https://api.example.com/again") // want `request sent with an http.Client that has no Timeout`
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func local() {
	c := &http.Client{}
	req, _ := http.NewRequestWithContext(context.Background(), "GET", "https://api.example.com", nil)
	c.Do(req) // want `request sent with an http.Client that has no Timeout and its context has no deadline`
	_ = time.Second
}

func viaNew() {
	c := new(http.Client)
	c.Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`
}
