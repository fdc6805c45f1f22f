// Package fetch calls http.Get, which uses http.DefaultClient and so has
// no timeout, and reads the body whatever the status.
package fetch

import (
	"io"
	"net/http"
)

// Status returns an upstream's status page.
func Status(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}
