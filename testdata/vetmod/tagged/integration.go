//go:build integration

package tagged

import "net/http"

// Ping reaches the service under test.
func Ping(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
