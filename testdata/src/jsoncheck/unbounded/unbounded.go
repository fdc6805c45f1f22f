// Package unbounded is checked with -unbounded-read.
package unbounded

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
)

type Item struct {
	ID string `json:"id"`
}

func readAll(resp *http.Response) ([]byte, error) { // want readAll:`raw\(resp->0\)`
	return io.ReadAll(resp.Body) // want `io\.ReadAll reads an HTTP response body with no size limit`
}

func decoder(resp *http.Response) (Item, error) { // want decoder:`returns\(resp->0\)`
	var it Item
	err := json.NewDecoder(resp.Body).Decode(&it) // want `json\.NewDecoder reads an HTTP response body with no size limit`
	return it, err
}

func wrapped(resp *http.Response) ([]byte, error) { // want wrapped:`raw\(resp->0\)`
	r := bufio.NewReader(resp.Body)
	return io.ReadAll(r) // want `io\.ReadAll reads an HTTP response body`
}

func viaVar(resp *http.Response) (Item, error) { // want viaVar:`returns\(resp->0\)`
	body := resp.Body
	var it Item
	err := json.NewDecoder(body).Decode(&it) // want `json\.NewDecoder reads an HTTP response body`
	return it, err
}

func checkedRead(resp *http.Response) (int, error) {
	b, err := io.ReadAll(resp.Body) // want `io\.ReadAll reads an HTTP response body with no size limit`
	if err != nil {
		return 0, err
	}
	return len(b), nil
}

func checkedDecode(resp *http.Response) (string, error) {
	var it Item
	if err := json.NewDecoder(resp.Body).Decode(&it); err != nil { // want `json\.NewDecoder reads an HTTP response body with no size limit`
		return "", err
	}
	return it.ID, nil
}

// droppedReadError: the read's error is discarded, so a limit would cut
// the body as silently as io.LimitReader; no fix.
func droppedReadError(resp *http.Response) int {
	b, _ := io.ReadAll(resp.Body) // want `io\.ReadAll reads an HTTP response body with no size limit`
	return len(b)
}

// decoderKept: the decoder lives in a variable; which Decode errors are
// examined is not followed, so no fix.
func decoderKept(resp *http.Response) (Item, error) { // want decoderKept:`returns\(resp->0\)`
	dec := json.NewDecoder(resp.Body) // want `json\.NewDecoder reads an HTTP response body with no size limit`
	var it Item
	err := dec.Decode(&it)
	return it, err
}

// ---- negatives ----

func limited(resp *http.Response) ([]byte, error) { // want limited:`raw\(resp->0\)`
	return io.ReadAll(io.LimitReader(resp.Body, 1<<20))
}

func maxBytes(w http.ResponseWriter, resp *http.Response) (Item, error) { // want maxBytes:`returns\(resp->0\)`
	var it Item
	err := json.NewDecoder(http.MaxBytesReader(w, resp.Body, 1<<20)).Decode(&it)
	return it, err
}

func inbound(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body) // an inbound body is not a response
	w.Write(b)
}
