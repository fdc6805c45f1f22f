// Package errbody: decodes of an error response's body whose error is
// ignored on purpose, to add the API's message to the error returned.
package errbody

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

type Widget struct {
	Name string `json:"name"`
}

// ---- deliberate: not reported ----

// enrich decodes the error body where the status is known to be >= 400.
func enrich(c *http.Client, url string) (*Widget, error) { // want enrich:`returns\(resp->\*0\)`
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 400 {
		var e apiError
		_ = json.Unmarshal(body, &e) // best effort: the status already says it failed
		return nil, fmt.Errorf("widget: %d %s", resp.StatusCode, e.Message)
	}
	var w Widget
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, err
	}
	return &w, nil
}

// notOK: the else branch of a success test.
func notOK(c *http.Client, url string) (*Widget, error) { // want notOK:`returns\(resp->\*0\)`
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		var w Widget
		if err := json.NewDecoder(resp.Body).Decode(&w); err != nil {
			return nil, err
		}
		return &w, nil
	} else {
		var e apiError
		json.NewDecoder(resp.Body).Decode(&e)
		return nil, &e
	}
}

// afterSuccessReturn: the success path returned before.
func afterSuccessReturn(resp *http.Response) (*Widget, error) { // want afterSuccessReturn:`returns\(resp->\*0\)`
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		var w Widget
		if err := json.NewDecoder(resp.Body).Decode(&w); err != nil {
			return nil, err
		}
		return &w, nil
	}
	var e apiError
	json.NewDecoder(resp.Body).Decode(&e)
	return nil, fmt.Errorf("widget: %s (%s)", resp.Status, e.Message)
}

// errorSwitch: a clause for error statuses.
func errorSwitch(resp *http.Response) (*Widget, error) { // want errorSwitch:`returns\(resp->\*0\)`
	switch {
	case resp.StatusCode >= 500:
		return nil, fmt.Errorf("server error %d", resp.StatusCode)
	case resp.StatusCode >= 400:
		var e apiError
		json.NewDecoder(resp.Body).Decode(&e)
		return nil, fmt.Errorf("client error %d: %s", resp.StatusCode, e.Message)
	}
	var w Widget
	if err := json.NewDecoder(resp.Body).Decode(&w); err != nil {
		return nil, err
	}
	return &w, nil
}

// parseError is only an error builder: every return after the decode
// returns a non-nil error, whatever the decode did.
func parseError(resp *http.Response) error {
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	var e apiError
	json.Unmarshal(b, &e)
	if e.Message == "" {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return &e
}

// ---- still reported ----

// success decodes the success body with the error dropped.
func success(resp *http.Response) (*Widget, error) { // want success:`returns\(resp->\*0\)`
	if resp.StatusCode >= 400 {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	var w Widget
	json.NewDecoder(resp.Body).Decode(&w) // want `error returned by \(\*json\.Decoder\)\.Decode is not checked`
	return &w, nil
}

// faultValue is an error type used by value: a value of it is never a nil
// error.
type faultValue struct {
	Status  int
	Message string `json:"message"`
}

func (f faultValue) Error() string { return f.Message }

// branchBuildsError decodes the error body inside a branch that returns
// the error it builds; the returns after the branch (a nil error with the
// data) are not reached from the decode. The guard is looser than >= 300:
// what matters is that the branch only builds an error.
func branchBuildsError(c *http.Client, req *http.Request, out any) (*string, error) { // want branchBuildsError:`into\(resp->2\)`
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode > http.StatusPartialContent {
		f := faultValue{}
		_ = json.NewDecoder(resp.Body).Decode(&f)
		f.Status = resp.StatusCode
		return nil, f
	}
	if out != nil {
		return nil, json.NewDecoder(resp.Body).Decode(out)
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	text := string(data)
	return &text, nil
}

// partialKnowledge: only 404 is known here, so a 200 may come through:
// the condition is not an error test.
func partialKnowledge(resp *http.Response) (*Widget, error) { // want partialKnowledge:`returns\(resp->\*0\)`
	if resp.StatusCode != http.StatusNotFound {
		var w Widget
		json.NewDecoder(resp.Body).Decode(&w) // want `error returned by \(\*json\.Decoder\)\.Decode is not checked`
		return &w, nil
	}
	return nil, fmt.Errorf("no widget")
}

// mayReturnNil: the function can return a nil error after the decode, so
// it is not an error builder.
func mayReturnNil(resp *http.Response) (*Widget, error) { // want mayReturnNil:`returns\(resp->\*0\)`
	var w Widget
	json.NewDecoder(resp.Body).Decode(&w) // want `error returned by \(\*json\.Decoder\)\.Decode is not checked`
	if w.Name == "" {
		return nil, fmt.Errorf("no name")
	}
	return &w, nil
}
