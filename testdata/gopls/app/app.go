// Package app sends a request with a client built in another package: the
// finding needs the fact httpvet exported for clients.New.
package app

import "example.com/goplsfixture/clients"

// Ping sends a HEAD request.
func Ping(url string) error {
	c := clients.New()
	resp, err := c.Head(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
