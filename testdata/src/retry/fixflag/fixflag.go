package fixflag

import (
	"net/http"
	"time"

	retrygo "github.com/avast/retry-go/v4"
)

var client = &http.Client{Timeout: 10 * time.Second}

func get(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func fix(url string) error {
	return retrygo.Do(func() error { return get(url) }, retrygo.Attempts(0)) // want `retrygo.Attempts\(0\) retries until success`
}
