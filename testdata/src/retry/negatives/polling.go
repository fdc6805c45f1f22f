package negatives

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"
)

// Probes that wait for an endpoint to answer 2xx. Every other answer means
// "not yet" (an ingress answers 404 before its route exists), so retrying a
// 4xx is the point, not blanket: the status is tested only against one 2xx
// status or the 2xx range, and the response is used for nothing else.

// Equality with 200, leaving the loop by break.
func waitUp(ctx context.Context, c *http.Client, target string, attempts int, interval time.Duration) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return err
	}
	up := false
	for i := 0; i < attempts; i++ {
		res, err := c.Do(req)
		if res != nil {
			res.Body.Close()
		}
		if err == nil && res.StatusCode == http.StatusOK {
			up = true
			break
		}
		time.Sleep(interval)
	}
	if !up {
		return errors.New("service did not come up")
	}
	return nil
}

// != 200 and continue; the body drained and closed.
func awaitService(target string) bool {
	for n := 0; n < 30; n++ {
		res, err := client.Get(target)
		if err != nil {
			time.Sleep(500 * time.Millisecond)
			continue
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			time.Sleep(500 * time.Millisecond)
			continue
		}
		return true
	}
	return false
}

// A 2xx range used only to leave on success; HEAD, response declared
// before the loop.
func probeRange(target string) error {
	var res *http.Response
	var err error
	for range 10 {
		res, err = client.Head(target)
		if err == nil {
			res.Body.Close()
			if res.StatusCode >= 200 && res.StatusCode < 300 {
				return nil
			}
		}
		time.Sleep(time.Second)
	}
	return errors.New("timed out")
}

// The 2xx class by division, through a status variable.
func probeClass(ctx context.Context, target string) error {
	for i := 0; i < 20; i++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		res, err := client.Do(req)
		if err == nil {
			code := res.StatusCode
			res.Body.Close()
			if code/100 == 2 {
				return nil
			}
		}
		time.Sleep(time.Second)
	}
	return errors.New("timed out")
}

// A loop that names a permanent 4xx has decided about it: waiting for a
// resource to appear.
func waitCreated(target string) (*http.Response, error) {
	for i := 0; i < 10; i++ {
		res, err := client.Get(target)
		if err != nil {
			return nil, err
		}
		if res.StatusCode == http.StatusNotFound || res.StatusCode >= 500 {
			res.Body.Close()
			time.Sleep(time.Second)
			continue
		}
		return res, nil
	}
	return nil, errors.New("not created")
}
