// Package basic holds requests sent one after another, and the cases where
// the order is needed or cannot be judged.
package basic

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

var client = &http.Client{Timeout: 5 * time.Second}

func get(ctx context.Context, url string) (json.RawMessage, error) { // want get:"read"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var raw json.RawMessage
	err = json.NewDecoder(resp.Body).Decode(&raw)
	return raw, err
}

func post(ctx context.Context, url string) error { // want post:"read"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

type Page struct{ Users, Orders, Inventory json.RawMessage }

// The dashboard: three sections that need nothing from each other.
func dashboard(ctx context.Context) (*Page, error) { // want dashboard:"read"
	users, err := get(ctx, "http://users/v1") // want `3 independent GET requests run one after another: run them concurrently to wait for the slowest instead of the sum`
	if err != nil {
		return nil, err
	}
	orders, err := get(ctx, "http://orders/v1")
	if err != nil {
		return nil, err
	}
	inventory, err := get(ctx, "http://inventory/v1")
	if err != nil {
		return nil, err
	}
	return &Page{users, orders, inventory}, nil
}

// Built requests sent with client.Do, the second built between the calls.
func direct(ctx context.Context) error { // want direct:"read"
	req1, err := http.NewRequestWithContext(ctx, "GET", "http://a", nil)
	if err != nil {
		return err
	}
	resp1, err := client.Do(req1) // want `2 independent GET requests`
	if err != nil {
		return err
	}
	defer resp1.Body.Close()
	req2, err := http.NewRequestWithContext(ctx, "GET", "http://b", nil)
	if err != nil {
		return err
	}
	req2.Header.Set("Accept", "application/json")
	resp2, err := client.Do(req2)
	if err != nil {
		return err
	}
	return resp2.Body.Close()
}

// HEAD and GET mix; the helpers without a context count too.
func probes() error { // want probes:"read"
	resp, err := http.Head("http://a") // want `2 independent GET and HEAD requests`
	if err != nil {
		return err
	}
	resp.Body.Close()
	resp, err = http.Get("http://b")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A branch between the calls that does not leave ends the path: silent.
func probesBranch() { // want probesBranch:"read"
	resp, err := http.Head("http://a")
	if err == nil {
		resp.Body.Close()
	}
	resp, err = http.Get("http://b")
	if err == nil {
		resp.Body.Close()
	}
}

// Calls in one expression are evaluated one after another as well.
func oneStatement(ctx context.Context) (int, error) { // want oneStatement:"read"
	a, _ := get(ctx, "http://a") // want `2 independent GET requests`
	b, _ := get(ctx, "http://b")
	return len(a) + len(b), nil
}

// --- dependencies: not reported ---

type User struct {
	ID    string
	Token string
}

// The second URL is built from the first response.
func throughVariables(ctx context.Context) error { // want throughVariables:"read"
	raw, err := get(ctx, "http://users/me")
	if err != nil {
		return err
	}
	var u User
	if err := json.Unmarshal(raw, &u); err != nil {
		return err
	}
	id := u.ID
	url := "http://orders/" + id
	_, err = get(ctx, url)
	return err
}

// The context of the second call comes from the first result.
func throughContext(ctx context.Context) error { // want throughContext:"read"
	raw, err := get(ctx, "http://token")
	if err != nil {
		return err
	}
	ctx2 := context.WithValue(ctx, "token", string(raw))
	_, err = get(ctx2, "http://orders")
	return err
}

type API struct {
	base string
	hc   *http.Client
}

func (a *API) Get(ctx context.Context, path string) (*http.Response, error) { // want Get:"read"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.base+path, nil)
	if err != nil {
		return nil, err
	}
	return a.hc.Do(req)
}

func newAPI(resp *http.Response) *API { return &API{base: resp.Header.Get("Location"), hc: client} }

// The receiver of the second call comes from the first.
func throughReceiver(ctx context.Context, a *API) error { // want throughReceiver:"read"
	resp, err := a.Get(ctx, "/discover")
	if err != nil {
		return err
	}
	next := newAPI(resp)
	resp2, err := next.Get(ctx, "/items")
	if err != nil {
		return err
	}
	return resp2.Body.Close()
}

// A decoder fills a variable through a pointer; the second call reads it.
func throughDecode(ctx context.Context, a *API) error { // want throughDecode:"read"
	resp, err := a.Get(ctx, "/me")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var u User
	json.NewDecoder(resp.Body).Decode(&u)
	resp2, err := a.Get(ctx, "/users/"+u.ID)
	if err != nil {
		return err
	}
	return resp2.Body.Close()
}

// The request variable is reused: the second call's request is written
// over the one the first call read.
func reusedRequest(ctx context.Context) error { // want reusedRequest:"read"
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://a", nil)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	req, _ = http.NewRequestWithContext(ctx, "GET", "http://b", nil)
	resp, err = client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A call between them may change the client the calls go through.
func sharedState(ctx context.Context, a *API) error { // want sharedState:"read"
	if _, err := a.Get(ctx, "/a"); err != nil {
		return err
	}
	a.base = "http://elsewhere"
	_, err := a.Get(ctx, "/b")
	return err
}

func (a *API) login(token string) { a.base += "?token=" + token } // want login:"writes"

func sharedStateCall(ctx context.Context, a *API) error { // want sharedStateCall:"read"
	if _, err := a.Get(ctx, "/a"); err != nil {
		return err
	}
	a.login("x")
	_, err := a.Get(ctx, "/b")
	return err
}

// --- writes, unknown methods, branches, pacing: not reported ---

func withWrite(ctx context.Context) error { // want withWrite:"read"
	if _, err := get(ctx, "http://a"); err != nil {
		return err
	}
	if err := post(ctx, "http://b/refresh"); err != nil {
		return err
	}
	_, err := get(ctx, "http://c")
	return err
}

func unknownMethod(ctx context.Context, method string) error { // want unknownMethod:"read"
	req, _ := http.NewRequestWithContext(ctx, method, "http://a", nil)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	req2, _ := http.NewRequestWithContext(ctx, method, "http://b", nil)
	resp2, err := client.Do(req2)
	if err != nil {
		return err
	}
	return resp2.Body.Close()
}

func branches(ctx context.Context, admin bool) error {
	if admin {
		_, err := get(ctx, "http://admin")
		return err
	} else {
		_, err := get(ctx, "http://user")
		return err
	}
}

func conditional(ctx context.Context, cached json.RawMessage) error {
	if cached == nil {
		var err error
		cached, err = get(ctx, "http://a")
		if err != nil {
			return err
		}
	}
	_, err := get(ctx, "http://b")
	return err
}

func shortCircuit(ctx context.Context) bool { // want shortCircuit:"read"
	_, errA := get(ctx, "http://a")
	return errA == nil && probe(ctx, "http://b")
}

func probe(ctx context.Context, url string) bool { // want probe:"read"
	_, err := get(ctx, url)
	return err == nil
}

func paced(ctx context.Context) error { // want paced:"read"
	if _, err := get(ctx, "http://a"); err != nil {
		return err
	}
	time.Sleep(time.Second) // the upstream allows one call per second
	_, err := get(ctx, "http://b")
	return err
}

func nested(ctx context.Context) error { // want nested:"read"
	raw, err := get(ctx, "http://a")
	if err != nil {
		return err
	}
	_, err = get(ctx, string(mustGet(ctx, string(raw))))
	return err
}

func mustGet(ctx context.Context, url string) json.RawMessage { // want mustGet:"read"
	raw, _ := get(ctx, url)
	return raw
}

// In a loop (reported only with -loops, and not this one: it stops early).
func inLoop(ctx context.Context, urls []string) error {
	for _, u := range urls {
		a, err := get(ctx, u+"/a")
		if err != nil {
			return err
		}
		b, err := get(ctx, u+"/b")
		if err != nil {
			return err
		}
		if len(a) == len(b) {
			return nil
		}
	}
	return nil
}

// --- already concurrent: not reported ---

func inGoroutines(ctx context.Context) error {
	var wg sync.WaitGroup
	var a, b json.RawMessage
	var errA, errB error
	wg.Add(1)
	go func() {
		defer wg.Done()
		a, errA = get(ctx, "http://a")
		b, errB = get(ctx, "http://b")
	}()
	wg.Wait()
	_, _ = a, b
	return errors.Join(errA, errB)
}

func inWaitGroupGo(ctx context.Context) error {
	var wg sync.WaitGroup
	var errA, errB error
	wg.Go(func() {
		_, errA = get(ctx, "http://a")
		_, errB = get(ctx, "http://b")
	})
	wg.Wait()
	return errors.Join(errA, errB)
}

func doneClosure(ctx context.Context, wg *sync.WaitGroup) {
	work := func() {
		defer wg.Done()
		get(ctx, "http://a")
		get(ctx, "http://b")
	}
	go work()
}

// A closure run in place is a function of its own: its calls are sequential.
func closure(ctx context.Context) {
	func() {
		get(ctx, "http://a") // want `2 independent GET requests`
		get(ctx, "http://b")
	}()
}

// Suppressed with a reason.
func suppressed(ctx context.Context) { // want suppressed:"read"
	//httpvet:ignore sequential the second endpoint rejects concurrent sessions
	get(ctx, "http://a")
	get(ctx, "http://b")
}

// Reading the first body before the second call is no dependency.
func readBody(ctx context.Context, a *API) (string, error) { // want readBody:"read"
	r1, err := a.Get(ctx, "/a") // want `2 independent GET requests`
	if err != nil {
		return "", err
	}
	defer r1.Body.Close()
	b1, err := io.ReadAll(r1.Body)
	if err != nil {
		return "", err
	}
	r2, err := a.Get(ctx, "/b")
	if err != nil {
		return "", err
	}
	defer r2.Body.Close()
	if r2.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %s", r2.Status)
	}
	return string(b1), nil
}
