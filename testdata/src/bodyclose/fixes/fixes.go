// Package fixes holds the bodyclose findings that carry a fix, and some
// that must not.
package fixes

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

type Item struct{ ID string }

// Never closed: defer the close after the error check.
func addDefer(c *http.Client, req *http.Request) (Item, error) {
	var it Item
	resp, err := c.Do(req) // want `is not closed on every path`
	if err != nil {
		return it, err
	}
	err = json.NewDecoder(resp.Body).Decode(&it)
	return it, err
}

// An early return on a failing status: close before it.
func closeBeforeReturn(u string) ([]byte, error) {
	resp, err := http.Get(u) // want `not closed on every path`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("get %s: %s", u, resp.Status)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// Two early returns in a switch.
func closeBeforeEach(u string) error {
	resp, err := http.Get(u) // want `not closed on every path`
	if err != nil {
		return err
	}
	switch resp.StatusCode {
	case http.StatusNotFound:
		return errors.New("not found")
	case http.StatusForbidden:
		return errors.New("forbidden")
	}
	resp.Body.Close()
	return nil
}

// Discarded: bind and close.
func bindAndClose(c *http.Client, req *http.Request) error {
	_, err := c.Do(req) // want `is discarded`
	if err != nil {
		return err
	}
	return nil
}

// Discarded, with resp already used in the function: a fresh name.
func bindFreshName(c *http.Client, req *http.Request, resp string) error {
	_, err := c.Do(req) // want `is discarded`
	if err != nil {
		return fmt.Errorf("%s: %w", resp, err)
	}
	return nil
}

// Deferred in a loop: close at the end of the iteration.
func loopClose(c *http.Client, urls []string) error {
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			return err
		}
		defer resp.Body.Close() // want `deferred inside a loop`
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			fmt.Println(err)
		}
		for i := 0; i < 3; i++ {
			if i == 1 {
				break // the inner loop's: the iteration still ends below
			}
		}
	}
	return nil
}
