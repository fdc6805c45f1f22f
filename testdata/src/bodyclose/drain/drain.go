// Package drain holds the cases of bodyclose's opt-in undrained category.
package drain

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"time"
)

var shared = &http.Client{Timeout: 10 * time.Second}

// Status-only probes over a shared client: every close before the end of
// the body makes the transport drop the connection.
func probeAll(urls []string) int {
	up := 0
	for _, u := range urls {
		resp, err := shared.Get(u)
		if err != nil {
			continue
		}
		if resp.StatusCode == http.StatusOK {
			up++
		}
		resp.Body.Close() // want `resp.Body is closed without being read, in a loop: the transport drops the connection instead of reusing it, so every round dials again`
	}
	return up
}

// The same poll, waiting between rounds.
func pollUntilReady(u string) {
	for {
		resp, err := http.Get(u)
		if err == nil {
			ready := resp.StatusCode == http.StatusOK
			resp.Body.Close() // want `resp.Body is closed without being read, in a loop`
			if ready {
				return
			}
		}
		time.Sleep(time.Second)
	}
}

// Deliberate negatives.

// Outside a loop, even through a shared client: measured on real code,
// these are rare requests (a webhook, a logout call) whose reuse hardly
// matters.
func probeOnce(u string) bool {
	resp, err := shared.Get(u)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// Writes in a loop: often answered with no body (201, 204, an object
// store's PUT of a part), which the transport reuses unread.
func uploadParts(u string, parts [][]byte) error {
	for _, p := range parts {
		resp, err := shared.Post(u, "application/octet-stream", bytes.NewReader(p))
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("part: %s", resp.Status)
		}
	}
	return nil
}

// Drained before the close: the connection goes back to the pool.
func probeDrained(urls []string) {
	for _, u := range urls {
		resp, err := shared.Get(u)
		if err != nil {
			continue
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// Decoded: the decoder reads the body.
func fetchAll(urls []string) []map[string]any {
	var out []map[string]any
	for _, u := range urls {
		resp, err := shared.Get(u)
		if err != nil {
			continue
		}
		var v map[string]any
		json.NewDecoder(resp.Body).Decode(&v)
		resp.Body.Close()
		out = append(out, v)
	}
	return out
}

// A client built per round has no pool to keep (clientreuse's finding).
func probeFresh(urls []string) {
	for _, u := range urls {
		c := &http.Client{Timeout: time.Second}
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}

// Keep-alives are off: no connection is ever reused.
var oneShot = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: time.Second}

func probeNoKeepAlive(urls []string) {
	for _, u := range urls {
		resp, err := oneShot.Get(u)
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}

// The request asks for its connection to be closed.
func probeClosing(urls []string) {
	for _, u := range urls {
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			continue
		}
		req.Close = true
		resp, err := shared.Do(req)
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}

// HEAD answers carry no body.
func probeHead(urls []string) {
	for _, u := range urls {
		resp, err := shared.Head(u)
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}

// The close is deferred inside the loop: defer-in-loop's finding, not this one.
func probeDeferred(urls []string) {
	for _, u := range urls {
		resp, err := shared.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close() // want `resp.Body.Close is deferred inside a loop`
		log.Print(resp.Status)
	}
}

// A helper closes the body: it may drain it first, and is not followed.
func closeQuietly(rc io.ReadCloser) { // want closeQuietly:"owns param0"
	io.Copy(io.Discard, rc)
	rc.Close()
}

func probeHelper(urls []string) {
	for _, u := range urls {
		resp, err := shared.Get(u)
		if err != nil {
			continue
		}
		closeQuietly(resp.Body)
	}
}

// Written out whole: Write reads the body.
func mirror(urls []string, w io.Writer) {
	for _, u := range urls {
		resp, err := shared.Get(u)
		if err != nil {
			continue
		}
		resp.Write(w)
		resp.Body.Close()
	}
}
