// Package fixerror exercises the "Check the request error" fix: zero values
// for every kind of result, named results, type parameters, and the choice
// of the error's name.
package fixerror

import (
	"io"
	"net/http"
	"net/url"
	"time"
)

type Invoice struct {
	ID     string
	Amount int64
}

type Cents int64

type Status string

type Decoder interface{ Decode(any) error }

func structResult(url string) (Invoice, error) {
	resp, _ := http.Get(url) // want `error returned by http.Get is not checked`
	defer resp.Body.Close()
	return Invoice{ID: resp.Status}, nil
}

func manyResults(c *http.Client, req *http.Request) (*Invoice, []byte, map[string]int, Decoder, [2]int, Cents, Status, bool, time.Duration, error) {
	resp, _ := c.Do(req) // want `error returned by \(\*http\.Client\)\.Do is not checked`
	defer resp.Body.Close()
	return nil, nil, nil, nil, [2]int{resp.StatusCode}, 0, "", false, 0, nil
}

func namedResults(url string) (inv Invoice, raw []byte, err error) {
	resp, _ := http.Get(url) // want `error returned by http.Get is not checked`
	defer resp.Body.Close()
	raw, err = io.ReadAll(resp.Body) // want `body of the response from http.Get is read`
	return
}

func typeParam[T any](c *http.Client, req *http.Request, decode func(io.Reader) (T, error)) (T, error) {
	resp, _ := c.Do(req) // want `error returned by \(\*http\.Client\)\.Do is not checked`
	defer resp.Body.Close()
	return decode(resp.Body)
}

func errUsedLater(url string, audit func() error) error {
	err := audit()
	resp, _ := http.Get(url) // want `error returned by http.Get is not checked`
	resp.Body.Close()
	return err
}

func assignExisting(rawURL string) (int, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return 0, err
	}
	var resp *http.Response
	resp, _ = http.Get(u.String()) // want `error returned by http.Get is not checked`
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func overwritten(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req) // want `error returned by \(\*http\.Client\)\.Do is not checked`
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body) // want `body of the response from \(\*http\.Client\)\.Do is read`
	return body, err
}

func literal(c *http.Client) func(*http.Request) (string, error) {
	return func(req *http.Request) (string, error) {
		resp, _ := c.Do(req) // want `error returned by \(\*http\.Client\)\.Do is not checked`
		resp.Body.Close()
		return resp.Status, nil
	}
}

func noErrorResult(url string) int {
	resp, _ := http.Get(url) // want `error returned by http.Get is not checked`
	resp.Body.Close()
	return resp.StatusCode
}

func assignOuterReadLater(url string, retry bool) (int, error) {
	var err error
	var resp *http.Response
	if retry {
		resp, _ = http.Get(url) // want `error returned by http.Get is not checked`
		resp.Body.Close()
	}
	return 0, err // reusing err would change what is returned here: no fix
}
