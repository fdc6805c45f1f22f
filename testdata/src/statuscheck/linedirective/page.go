// Package linedirective renumbers its own lines with //line directives, as
// generators that keep the file name do. Fixes must edit the file's real
// lines. (A directive naming another file, a template, gets no fix.)
package linedirective

import (
	"io"
	"net/http"
)

//line page.go:105
func renderFeed(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body) // want `body of the response from \(\*http\.Client\)\.Do is read`
}

//line page.go:3
func renderBadge(url string) (int, error) {
	resp, _ := http.Get(url) // want `error returned by http.Get is not checked`
	defer resp.Body.Close()
	return resp.StatusCode, nil
}
