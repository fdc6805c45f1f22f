// Package restlib is a small REST helper of the kind that returns the
// response together with an error when the status is not 2xx, so that its
// callers can look at the status themselves.
package restlib

import (
	"fmt"
	"net/http"
)

// Fetch sends a GET and returns the response; for an error status it also
// returns an error describing it.
func Fetch(url string) (*http.Response, error) { // want Fetch:"checks result"
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		return resp, fmt.Errorf("restlib: %s", resp.Status)
	}
	return resp, nil
}
