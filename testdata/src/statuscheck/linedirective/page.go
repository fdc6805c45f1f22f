// Package linedirective is shaped like the output of a template compiler:
// //line directives map its lines to the template's. Fixes must edit this
// file's own lines.
package linedirective

import (
	"io"
	"net/http"
)

//line page.tmpl:105
func renderFeed(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body) // want `body of the response from \(\*http\.Client\)\.Do is read`
}

//line page.tmpl:3
func renderBadge(url string) (int, error) {
	resp, _ := http.Get(url) // want `error returned by http.Get is not checked`
	defer resp.Body.Close()
	return resp.StatusCode, nil
}
