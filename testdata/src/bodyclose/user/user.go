// Package user calls the helpers SDK: facts carry what its functions do
// with responses across the package boundary.
package user

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"

	"bodyclose/helpers"
	"bodyclose/websocket"
)

type Item struct{ ID string }

// --- closed by a helper of another package: negatives ---

func closedByHelper(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer helpers.DrainAndClose(resp)
	return nil
}

func bodyClosedByHelper(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer helpers.CloseBody(resp.Body)
	var it Item
	return helpers.ReadJSON(resp.Body, &it)
}

func errorOwnsResponse(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return helpers.ErrorFrom(resp)
	}
	helpers.DrainAndClose(resp)
	return nil
}

func stored(all map[string]*http.Response, u string) {
	resp, err := http.Get(u)
	if err != nil {
		return
	}
	helpers.Keep(all, u, resp)
}

// --- read by helpers that do not close: positives ---

func onlyBorrowed(u string) string {
	resp, err := http.Get(u) // want `resp.Body \(the response from http.Get\) is not closed on every path`
	if err != nil {
		return ""
	}
	helpers.OnResponse(resp)
	return helpers.Status(resp)
}

func decodedNotClosed(u string) (Item, error) {
	var it Item
	resp, err := http.Get(u) // want `is not closed on every path`
	if err != nil {
		return it, err
	}
	err = helpers.ReadJSON(resp.Body, &it)
	return it, err
}

// --- live responses from the SDK ---

func fromWrapper(c *helpers.Client) (int, error) {
	resp, err := c.Get(context.Background(), "/items") // want `the response from \(\*helpers.Client\).Get\) is not closed on every path`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func fromWrapperOfWrapper(c *helpers.Client) error {
	resp, err := c.Fetch("/items") // want `not closed on every path`
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusNotFound {
		return errors.New("no items")
	}
	defer resp.Body.Close()
	return nil
}

func fromGeneric(hc *http.Client, req *http.Request) {
	resp, err := helpers.Send(hc, req, "tag") // want `is not closed on every path`
	if err != nil {
		return
	}
	fmt.Println(resp.Status)
}

func discardedFromSDK(c *helpers.Client) error {
	_, err := c.Get(context.Background(), "/ping") // want `the response from \(\*helpers.Client\).Get is discarded`
	return err
}

func discardedFetch(c *helpers.Client) {
	c.Fetch("/ping") // want `the response from \(\*helpers.Client\).Fetch is discarded`
}

// The wrapper closes when given a value: its response is not live.
func restWrapper(c *helpers.Client, req *http.Request) error {
	var it Item
	_, err := c.Do(req, &it)
	return err
}

func restWrapperNoBody(c *helpers.Client, req *http.Request) error {
	_, err := c.DoNoBody(req, false)
	return err
}

// An accessor's response is the error's, not a new one.
func accessor(e *helpers.APIError) int {
	resp := e.Last()
	return resp.StatusCode
}

// A function that returns the SDK's live response hands the duty on; its
// callers are checked in turn.
func passOn(c *helpers.Client) (*http.Response, error) { // want passOn:"live result0"
	return c.Get(context.Background(), "/x")
}

func callerOfPassOn(c *helpers.Client) bool {
	resp, err := passOn(c) // want `the response from user.passOn\) is not closed on every path`
	if err != nil {
		return false
	}
	return resp.StatusCode == http.StatusOK
}

// --- websocket handshakes and in-memory responses: negatives ---

func dialRaw(d *websocket.Dialer) error {
	conn, resp, err := d.Dial("example.com:80", nil)
	if err != nil {
		return err
	}
	fmt.Println(conn, resp.Status)
	return nil
}

func dialClient(hc *http.Client) error {
	_, _, err := websocket.Dial(context.Background(), "ws://example.com/", hc)
	return err
}

func readBuffered(raw []byte) (int, error) {
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(raw)), nil)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// --- helpers that close only on error ---

func checkedThenLeft(u string) error {
	resp, err := http.Get(u) // want `is not closed on every path`
	if err != nil {
		return err
	}
	if err := helpers.CheckResponse(resp); err != nil {
		return err
	}
	return nil
}

func checkedThenClosed(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	if err := helpers.CheckResponse(resp); err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

func requireOKThenDrained(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	err = helpers.RequireOK(resp)
	if err != nil {
		return err
	}
	helpers.DrainAndClose(resp)
	return nil
}

func requireOKThenLeft(u string) error {
	resp, err := http.Get(u) // want `is not closed on every path`
	if err != nil {
		return err
	}
	if err = helpers.RequireOK(resp); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return nil
}

// The helper's error is returned: the caller's caller tests it.
func requireOKReturned(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	err = helpers.RequireOK(resp)
	return err
}

func maybeClosed(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	return helpers.MaybeClose(resp, true)
}

func bareDoLeft(c *helpers.Client, req *http.Request) (int64, error) {
	resp, err := c.BareDo(req) // want `the response from \(\*helpers.Client\).BareDo\) is not closed on every path`
	if err != nil {
		return 0, err
	}
	return resp.ContentLength, nil
}

func bareDoClosed(c *helpers.Client, req *http.Request) error {
	resp, err := c.BareDo(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
