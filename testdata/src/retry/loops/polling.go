package loops

import (
	"bytes"
	"errors"
	"io"
	"log"
	"net/http"
	"time"
)

// A probe waiting for 200 is not blanket. Its bodies are closed on no path
// at all, the successful one included: that is one root cause, reported once
// by bodyclose's unclosed, so leaked-body stays silent here.
func waitLeaks(c *http.Client, req *http.Request, attempts int, interval time.Duration) bool {
	ready := false
	for i := 0; i < attempts; i++ {
		res, err := c.Do(req)
		if err == nil && res.StatusCode == http.StatusOK {
			ready = true
			break
		}
		time.Sleep(interval)
	}
	return ready
}

// The loop tells 5xx apart: that is a policy, and blanket stays silent
// even though a 404 goes round with them (precision first: the loop may
// mean it).
func knowsButRetries(target string) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		res, err := client.Get(target)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if res.StatusCode == http.StatusOK {
			return res, nil
		}
		if res.StatusCode >= 500 {
			log.Printf("server error %d", res.StatusCode)
		}
		res.Body.Close()
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}

// Status-only like a probe, and >= 500 and 429 are told apart: a policy
// either way, not reported.
func probeKnowsStatuses(target string) bool {
	for i := 0; i < 5; i++ {
		res, err := client.Get(target)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		res.Body.Close()
		if res.StatusCode == http.StatusOK {
			return true
		}
		if res.StatusCode == http.StatusTooManyRequests || res.StatusCode >= 500 {
			time.Sleep(5 * time.Second)
			continue
		}
		time.Sleep(time.Second)
	}
	return false
}

// Status-only, but a POST with a body: a delivery, not a probe.
func deliver(target string, payload []byte) error {
	for i := 0; i < 5; i++ { // want `retry loop retries every failing status, 4xx included`
		res, err := client.Post(target, "application/json", bytes.NewReader(payload))
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(time.Second)
	}
	return errors.New("not delivered")
}

// Equality with 200 but the body is read: a fetch, for which 404 is an answer.
func fetchBody(target string) ([]byte, error) {
	for i := 0; i < 5; i++ { // want `retry loop retries every failing status, 4xx included`
		res, err := client.Get(target)
		if err == nil && res.StatusCode == http.StatusOK {
			defer res.Body.Close()
			return io.ReadAll(res.Body)
		}
		if res != nil {
			res.Body.Close()
		}
		time.Sleep(time.Second)
	}
	return nil, errors.New("gave up")
}
