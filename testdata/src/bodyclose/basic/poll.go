package basic

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"time"
)

type status struct{ Ready bool }

// pollReady asks a starting server until it answers. After the deferred
// close, every way round the loop is an error branch: a body read to its
// end has already given its connection back, and one whose read failed has
// lost it. The iteration that gets an answer returns.
func pollReady(ctx context.Context, c *http.Client, u string) (*status, error) {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-tick.C:
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
			if err != nil {
				return nil, err
			}
			resp, err := c.Do(req)
			if err != nil {
				continue // not listening yet
			}
			defer resp.Body.Close() // the next iteration comes only after an error: not reported
			if resp.StatusCode == http.StatusNotFound {
				return nil, errNotFound
			}
			data, err := io.ReadAll(resp.Body)
			if err != nil {
				continue
			}
			var st status
			if err := json.Unmarshal(data, &st); err != nil {
				continue
			} else if !st.Ready {
				return nil, errNotReady
			}
			return &st, nil
		}
	}
}

// pollUntilReady goes round again on an answer that says "not yet": that
// iteration's connection is held until the function returns.
func pollUntilReady(c *http.Client, u string) error {
	for {
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close() // want `resp.Body.Close is deferred inside a loop`
		if resp.StatusCode == http.StatusServiceUnavailable {
			time.Sleep(time.Second)
			continue
		}
		return nil
	}
}

type pollError string

func (e pollError) Error() string { return string(e) }

const (
	errNotFound = pollError("not found")
	errNotReady = pollError("not ready")
)
