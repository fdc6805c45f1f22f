// Package basic holds the bodyclose cases that stay inside one function.
package basic

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"time"
)

type Item struct{ ID string }

// --- unclosed: positives ---

func neverClosed(c *http.Client, req *http.Request) (int, error) {
	resp, err := c.Do(req) // want `resp.Body \(the response from \(\*http.Client\).Do\) is not closed on every path out of the function: its connection stays busy and cannot be reused`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func earlyReturnOnStatus(u string) (*Item, error) {
	resp, err := http.Get(u) // want `resp.Body \(the response from http.Get\) is not closed on every path`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("get %s: %s", u, resp.Status)
	}
	defer resp.Body.Close()
	var it Item
	err = json.NewDecoder(resp.Body).Decode(&it)
	return &it, err
}

func switchOnStatus(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req) // want `is not closed on every path`
	if err != nil {
		return err
	}
	switch resp.StatusCode {
	case http.StatusNotFound:
		return errors.New("not found")
	case http.StatusOK:
		defer resp.Body.Close()
		_, err = io.Copy(os.Stdout, resp.Body)
		return err
	default:
		resp.Body.Close()
		return fmt.Errorf("status %d", resp.StatusCode)
	}
}

// A body read to its end releases the connection, even when the read
// fails (the transport closes it then): nothing is held.
func readToEOF(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return data, nil
}

// The error is discarded: when the request succeeds, nothing closes the body.
func errorDiscarded(u string) string {
	resp, _ := http.Get(u) // want `is not closed on every path`
	return resp.Status
}

// A decoder kept in a variable still only reads the body.
func decoderVar(u string) (Item, error) {
	var it Item
	resp, err := http.Get(u) // want `is not closed on every path`
	if err != nil {
		return it, err
	}
	dec := json.NewDecoder(resp.Body)
	err = dec.Decode(&it)
	return it, err
}

func inClosure(urls []string) {
	fetch := func(u string) int {
		resp, err := http.Get(u) // want `is not closed on every path`
		if err != nil {
			return 0
		}
		return resp.StatusCode
	}
	for _, u := range urls {
		fmt.Println(fetch(u))
	}
}

// Generic code is followed like any other.
func decodeGeneric[T any](c *http.Client, u string) (T, error) {
	var v T
	resp, err := c.Get(u) // want `not closed on every path`
	if err != nil {
		return v, err
	}
	if resp.StatusCode >= 400 {
		return v, fmt.Errorf("status %d", resp.StatusCode)
	}
	defer resp.Body.Close()
	return v, json.NewDecoder(resp.Body).Decode(&v)
}

// A loop over pages that never closes: the exit leaks the last response,
// and each round leaks one (the round itself is left to retry's leaked-body).
func pagesNoClose(c *http.Client, urls []string) {
	for _, u := range urls {
		resp, err := c.Get(u) // want `is not closed on every path`
		if err != nil {
			continue
		}
		fmt.Println(resp.Status)
	}
}

// --- unclosed: negatives ---

func deferred(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return nil
}

func deferredLiteral(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := resp.Body.Close(); cerr != nil {
			log.Print(cerr)
		}
	}()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func closedOnEveryPath(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return errors.New(resp.Status)
	}
	io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

// The error path: resp is nil there.
func errorPathOnly(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil || resp == nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

func errEqualsNil(u string) {
	resp, err := http.Get(u)
	if err == nil {
		resp.Body.Close()
	}
}

func nilCheckedResponse(u string) {
	resp, _ := http.Get(u)
	if resp != nil {
		defer resp.Body.Close()
	}
}

type holder struct {
	resp *http.Response
	ch   chan *http.Response
}

func returned(u string) (*http.Response, error) { // want returned:"live result0"
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func storedInField(h *holder, u string) {
	resp, err := http.Get(u)
	if err != nil {
		return
	}
	h.resp = resp
}

func storedDirectly(h *holder, u string) error {
	var err error
	h.resp, err = http.Get(u)
	return err
}

func sentOnChannel(h *holder, u string) {
	resp, err := http.Get(u)
	if err != nil {
		return
	}
	h.ch <- resp
}

func appended(list []*http.Response, u string) []*http.Response {
	resp, err := http.Get(u)
	if err != nil {
		return list
	}
	return append(list, resp)
}

func inMap(m map[string]*http.Response, u string) {
	resp, err := http.Get(u)
	if err == nil {
		m[u] = resp
	}
}

// A closure captures the response: it is handed on.
func closedByGoroutine(u string) {
	resp, err := http.Get(u)
	if err != nil {
		return
	}
	go func() {
		defer resp.Body.Close()
		io.Copy(io.Discard, resp.Body)
	}()
}

// The body is wrapped in a reader that is returned: the caller closes it.
func bodyReturned(u string) (io.ReadCloser, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

func wrappedBodyReturned(u string) (io.Reader, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	return io.LimitReader(resp.Body, 1<<20), nil
}

// A function value the analyzer cannot see may close it.
func handedToFuncValue(u string, consume func(*http.Response)) {
	resp, err := http.Get(u)
	if err != nil {
		return
	}
	consume(resp)
}

// The process exits: nothing is leaked.
func fatal(u string) {
	resp, err := http.Get(u)
	if err != nil {
		log.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		log.Fatalf("status %s", resp.Status)
	}
	defer resp.Body.Close()
}

// An error test the analyzer cannot read is not followed.
func opaqueErrorTest(u string) error {
	resp, err := http.Get(u)
	if isFatal(err) {
		return err
	}
	defer resp.Body.Close()
	return nil
}

func isFatal(err error) bool { return err != nil }

// Responses that do not come from a request.
func recorder(h http.Handler, req *http.Request) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := rec.Result()
	return resp.StatusCode
}

func controller(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	_ = rc.Flush()
}

// Retry loop: the failed attempt's body is retry's leaked-body, not ours.
func retryLoop(c *http.Client, req *http.Request) error {
	for i := 0; i < 3; i++ {
		resp, err := c.Do(req)
		if err != nil {
			continue
		}
		if resp.StatusCode >= 500 {
			continue
		}
		defer resp.Body.Close()
		return nil
	}
	return errors.New("giving up")
}

// A HEAD response has no body.
func head(u string) (int, error) {
	resp, err := http.Head(u)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// 204, 205 and 304 responses have no content: nothing to close.
func noContent(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusNoContent {
		return nil
	}
	defer resp.Body.Close()
	return nil
}

func notModified(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	switch resp.StatusCode {
	case http.StatusNotModified, http.StatusResetContent:
		return nil, nil
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// Only 204 is expected: any other status leaves with a body open.
func webhook(u string) error {
	res, err := http.Post(u, "application/json", nil) // want `res.Body \(the response from http.Post\) is not closed on every path`
	if err == nil && res.StatusCode != http.StatusNoContent {
		err = fmt.Errorf("status %s", res.Status)
	}
	return err
}

// --- discarded ---

func discardedBlank(c *http.Client, req *http.Request) error {
	_, err := c.Do(req) // want `the response from \(\*http.Client\).Do is discarded: its body can never be closed`
	return err
}

func discardedAssign(u string) error {
	var err error
	_, err = http.Post(u, "text/plain", nil) // want `the response from http.Post is discarded`
	return err
}

func discardedStatement(u string) {
	http.Get(u) // want `the response from http.Get is discarded`
}

func discardedGo(u string) {
	go http.Get(u) // want `the response from http.Get is discarded`
}

// --- defer-in-loop ---

func deferInLoop(c *http.Client, urls []string) error {
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			return err
		}
		defer resp.Body.Close() // want `resp.Body.Close is deferred inside a loop: every iteration's connection stays open until the function returns`
		fmt.Println(resp.Status)
	}
	return nil
}

// A function literal per iteration: the defer runs at the end of each.
func deferInLiteral(c *http.Client, urls []string) {
	for _, u := range urls {
		func() {
			resp, err := c.Get(u)
			if err != nil {
				return
			}
			defer resp.Body.Close()
			fmt.Println(resp.Status)
		}()
	}
}

// --- hand-offs are followed per path ---

type RetrieveError struct {
	Response *http.Response
	Body     []byte
}

func (e *RetrieveError) Error() string { return "retrieve failed" }

// The error keeps the failing response; the successful one is never closed.
func storedOnErrorOnly(c *http.Client, req *http.Request) ([]byte, error) {
	r, err := c.Do(req) // want `r.Body \(the response from \(\*http.Client\).Do\) is not closed on every path`
	if err != nil {
		return nil, err
	}
	if r.StatusCode != http.StatusOK {
		return nil, &RetrieveError{Response: r}
	}
	var body []byte
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		return nil, err
	}
	return body, nil
}

// A deferred function registered before the request closes whatever it sends.
func closedByEarlierDefer(c *http.Client, req *http.Request) error {
	var resp *http.Response
	defer func() {
		if resp != nil {
			resp.Body.Close()
		}
	}()
	var err error
	resp, err = c.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return nil
}

// Retrier reads an error body through a hook: a plain reader handed to a
// function value that returns a string cannot be closed by it.
type Retrier struct {
	Details func(status int, body io.Reader) string
}

func (r *Retrier) Check(status int, body io.Reader) (bool, error) { // want Check:"borrows param1"
	if status/100 == 2 {
		return false, nil
	}
	return status >= 500, errors.New(r.Details(status, body))
}

func checkedNotClosed(c *http.Client, req *http.Request, r *Retrier) error {
	resp, err := c.Do(req) // want `is not closed on every path`
	if err != nil {
		return err
	}
	_, err = r.Check(resp.StatusCode, resp.Body)
	return err
}

// A body given as an io.ReadCloser to a function value may be closed by it.
func handedAsReadCloser(c *http.Client, req *http.Request, consume func(io.ReadCloser) error) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return consume(resp.Body)
}

// A client's response always has a body: a nil test of it guards nothing.
func bodyNilGuard(u string) (string, error) {
	res, err := http.Get(u)
	if err != nil {
		return "", err
	}
	if res.Body == nil {
		return "", errors.New("unexpected empty body")
	}
	defer res.Body.Close()
	return res.Status, nil
}

func bodyNotNilDefer(u string) error {
	res, err := http.Get(u)
	if err != nil {
		return err
	}
	if res.Body != nil {
		defer res.Body.Close()
	}
	if res.StatusCode != http.StatusOK {
		return errors.New(res.Status)
	}
	return nil
}

// A readiness probe that never closes any attempt's body: retry's
// leaked-body leaves this to bodyclose, which reports it once.
func probeNeverCloses(c *http.Client, req *http.Request, tries int) bool {
	for i := 0; i < tries; i++ {
		res, err := c.Do(req) // want `is not closed on every path`
		if err == nil && res.StatusCode == http.StatusOK {
			return true
		}
		time.Sleep(time.Second)
	}
	return false
}
