package basic

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"
)

// Responses read before their error is looked at: the error is checked,
// but only after the nil response has been dereferenced.

// enableFeature reads the status first and returns the error last: a
// refused connection panics on resp.StatusCode.
func enableFeature(c *http.Client, url string) error {
	resp, err := c.Post(url, "text/plain", strings.NewReader("on")) // want `resp is used before the error returned by \(\*http\.Client\)\.Post is checked: when the request fails \(connection refused, timeout\) resp is nil and reading resp\.StatusCode panics`
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return fmt.Errorf("enable: %s", resp.Status)
	}
	resp.Body.Close()
	return err
}

// closeFirst defers the close before the check (go vet's httpresponse
// shape): the defer evaluates resp.Body at once.
func closeFirst(url string) ([]byte, error) {
	resp, err := http.Get(url) // want `resp is used before the error returned by http\.Get is checked`
	defer resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch: %s", resp.Status)
	}
	return io.ReadAll(resp.Body)
}

// afterLogging: a statement that mentions neither comes between.
func afterLogging(c *http.Client, req *http.Request) (int, error) {
	resp, err := c.Do(req) // want `resp is used before the error returned by \(\*http\.Client\)\.Do is checked`
	log.Printf("sent %s", req.URL)
	code := resp.StatusCode
	resp.Body.Close()
	return code, err
}

// toggle is the project's own wrapper: it returns the response of the
// request it sends, nil when that fails.
func toggle(c *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPut, url, nil)
	if err != nil {
		return nil, err
	}
	return c.Do(req)
}

func toggleAndCheck(c *http.Client, url string) error {
	resp, err := toggle(c, url) // want `resp is used before the error returned by basic\.toggle is checked`
	if resp.StatusCode == http.StatusConflict {
		return nil
	}
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Not reported: the error is tested first, together, or the response is
// compared with nil; a closure that runs later; nothing read before a
// return.

func checkedTogether(url string) error {
	resp, err := http.Get(url)
	if err != nil || resp.StatusCode != http.StatusOK {
		return fmt.Errorf("probe failed: %v", err)
	}
	return resp.Body.Close()
}

func nilGuarded(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if resp != nil && resp.StatusCode == http.StatusNotFound {
		return nil
	}
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func closeInClosure(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	defer func() {
		if resp != nil {
			resp.Body.Close()
		}
	}()
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func returnedAtOnce(c *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := c.Do(req)
	return resp, err
}

func loggedThenChecked(url string) (int, error) {
	resp, err := http.Get(url)
	log.Print("fetched")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

type page struct {
	Next string
}

type pagedResponse struct {
	*http.Response
	Next string
}

// decodeInto is the project's wrapper: it sends, and decodes the body into
// v only when the request succeeded.
func decodeInto(c *http.Client, req *http.Request, v *page) (*pagedResponse, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return &pagedResponse{Response: resp}, nil
}

// copyLinks fills the response from the decoded value only when the value
// was filled, which happens only when the request succeeded: not reported.
func copyLinks(c *http.Client, req *http.Request) (*pagedResponse, error) {
	var p page
	resp, err := decodeInto(c, req, &p)
	if next := p.Next; next != "" {
		resp.Next = next
	}
	return resp, err
}
