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
