// Package basic holds the positives and deliberate negatives of both
// categories, written the way service code calls HTTP APIs.
package basic

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/ioutil"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
)

type Payment struct {
	ID     string `json:"id"`
	Status string `json:"status"`
}

// ignored-error

func discardedError(url string) (*Payment, error) {
	resp, _ := http.Get(url) // want `error returned by http.Get is not checked: when the request fails \(connection refused, timeout\) resp is nil and using it panics`
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %s", resp.Status)
	}
	var p Payment
	return &p, json.NewDecoder(resp.Body).Decode(&p)
}

func overwrittenError(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req) // want `error returned by \(\*http\.Client\)\.Do is not checked`
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return nil, errors.New(resp.Status)
	}
	return body, err
}

func neverRead(c *http.Client, req *http.Request) (int, error) {
	body, err := req.GetBody()
	if err != nil {
		return 0, err
	}
	req.Body = body
	var resp *http.Response
	resp, err = c.Do(req) // want `error returned by \(\*http\.Client\)\.Do is not checked`
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func varDecl(url string) string {
	var resp, _ = http.Head(url) // want `error returned by http.Head is not checked`
	return resp.Status
}

func roundTrip(rt http.RoundTripper, req *http.Request) int {
	resp, _ := rt.RoundTrip(req) // want `error returned by http.RoundTripper.RoundTrip is not checked`
	resp.Body.Close()
	return resp.StatusCode
}

// Negatives for ignored-error.

func errChecked(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func responseDropped(url string) {
	_, _ = http.Get(url) // the response is not used: a leak, not this analyzer's finding
}

func nilChecked(url string) int {
	resp, _ := http.Get(url) // the failure is handled through the nil response
	if resp == nil {
		return 0
	}
	defer resp.Body.Close()
	return resp.StatusCode
}

func errLogged(c *http.Client, req *http.Request) {
	resp, err := c.Do(req)
	if err != nil {
		log.Print(err)
		return
	}
	resp.Body.Close()
}

func errReadInLoop(c *http.Client, req *http.Request) int {
	var err error
	var resp *http.Response
	for i := 0; i < 3; i++ {
		if err != nil {
			log.Print(err)
		}
		resp, err = c.Do(req) // read by the next iteration
	}
	return resp.StatusCode
}

func errCaptured(c *http.Client, req *http.Request) (n int) {
	var err error
	defer func() {
		if err != nil {
			n = -1
		}
	}()
	resp, err := c.Do(req)
	return resp.StatusCode
}

func errOverwrittenInBranch(c *http.Client, req *http.Request, retry bool) (int, error) {
	resp, err := c.Do(req)
	if retry {
		resp, err = c.Do(req) // not on every path: the first error may be read below
	}
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func namedResultErr(c *http.Client, req *http.Request) (code int, err error) {
	resp, err := c.Do(req) // the named result is returned
	if resp != nil {
		code = resp.StatusCode
	}
	return
}

// unchecked-status

func readAll(ctx context.Context, c *http.Client, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body) // want `body of the response from \(\*http\.Client\)\.Do is read without checking resp\.StatusCode: an error status \(404, 503\) comes with a nil error, and its error page is taken for data`
}

func decodeJSON(url string) (*Payment, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var p Payment
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil { // want `body of the response from http.Get is read without checking resp.StatusCode`
		return nil, err
	}
	return &p, nil
}

func decodeXML(url string) (p Payment, err error) {
	r, err := http.Get(url)
	if err != nil {
		return p, err
	}
	defer r.Body.Close()
	err = xml.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&p) // want `body of the response from http.Get is read without checking r.StatusCode`
	return p, err
}

func legacyReadAll(url string) ([]byte, error) {
	resp, err := http.Post(url, "application/json", nil)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return ioutil.ReadAll(resp.Body) // want `body of the response from http.Post is read`
}

func copyReturned(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, resp.Body); err != nil { // want `body of the response from http.Get is read`
		return nil, err
	}
	return buf.Bytes(), nil
}

func bodyReturned(url string) (io.ReadCloser, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil // want `resp.Body from http.Get is returned without checking resp.StatusCode`
}

func inClosure(c *http.Client, reqs []*http.Request) {
	for _, req := range reqs {
		func() {
			resp, err := c.Do(req)
			if err != nil {
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body) // want `body of the response from \(\*http\.Client\)\.Do is read`
			os.Stdout.Write(b)
		}()
	}
}

// Negatives for unchecked-status.

func statusCompared(url string) (*Payment, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("payments: %s", resp.Status)
	}
	var p Payment
	return &p, json.NewDecoder(resp.Body).Decode(&p)
}

func statusSwitch(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotFound:
		return nil, nil
	default:
		return nil, errors.New(resp.Status)
	}
	return io.ReadAll(resp.Body)
}

func errorBranchRead(url string) (*Payment, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512)) // read only to build the error message
		return nil, fmt.Errorf("payments: %s: %s", resp.Status, msg)
	}
	var p Payment
	return &p, json.NewDecoder(resp.Body).Decode(&p)
}

func readThenCheck(url string) (*Payment, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body) // buffered first, status checked before the data is used
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if code := resp.StatusCode; code < 200 || code > 299 {
		return nil, fmt.Errorf("payments: %d: %s", code, body)
	}
	var p Payment
	return &p, json.Unmarshal(body, &p)
}

func onlyClosed(url string) error {
	resp, err := http.Post(url, "text/plain", nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func drained(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func streamedToStdout(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(os.Stdout, resp.Body)
	return err
}

func handedToUnknown(url string, handle func(*http.Response) error) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := handle(resp); err != nil { // cannot see into handle: unknown means checked
		return err
	}
	_, err = io.ReadAll(resp.Body)
	return err
}

type responseHandler interface {
	Handle(*http.Response) error
}

func handedToInterface(url string, h responseHandler) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if err := h.Handle(resp); err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

func streamWhole(url string, sink func(*http.Response)) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	sink(resp) // a streaming response handed over whole
	return nil
}

func returnedWhole(url string) (*http.Response, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return resp, nil // the caller checks
}

func recorder(h http.Handler) ([]byte, error) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	resp := rec.Result()
	return io.ReadAll(resp.Body) // a recorded response, not a request: not reported
}

func checkedLocally(resp *http.Response) error { // want checkedLocally:"checks param0"
	if resp.StatusCode >= 400 {
		return errors.New(resp.Status)
	}
	return nil
}

func localHelper(url string) (*Payment, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if err := checkedLocally(resp); err != nil {
		return nil, err
	}
	var p Payment
	return &p, json.NewDecoder(resp.Body).Decode(&p)
}

func ignored(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	//httpvet:ignore statuscheck the endpoint answers 200 or closes the connection
	return io.ReadAll(resp.Body)
}

func reassigned(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	resp, err = http.Get(url + "?again")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, errors.New(resp.Status)
	}
	return io.ReadAll(resp.Body)
}

// loggingTransport reads the body for logging and hands the response back:
// the caller checks the status (seen in slack-go's examples).
type loggingTransport struct{ next http.RoundTripper }

func (t loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	log.Printf("%s: %s", req.URL, body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}
