// Package fixsafety holds findings whose Timeout fix would change what the
// program does: they are reported without a fix.
package fixsafety

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
)

const mirror = "https://mirror.example.com/images/disk.img"

// The body is returned to the caller, who reads it at its own pace.
func open() (io.ReadCloser, error) {
	c := &http.Client{}
	resp, err := c.Get(mirror) // want `request sent with an http.Client that has no Timeout`
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// The response itself is returned.
func get() (*http.Response, error) {
	c := &http.Client{}
	return c.Get(mirror) // want `request sent with an http.Client that has no Timeout`
}

// The body is streamed to a file: a download of any length.
func download(path string) error {
	c := &http.Client{}
	resp, err := c.Get(mirror) // want `request sent with an http.Client that has no Timeout`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(f, resp.Body)
	return err
}

// One request of a shared client streams: the Timeout would cover it too.
var shared = &http.Client{}

func small() ([]byte, error) {
	resp, err := shared.Get("https://mirror.example.com/index") // want `request sent with an http.Client that has no Timeout`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func stream(w io.Writer) error {
	resp, err := shared.Get(mirror) // want `request sent with an http.Client that has no Timeout`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(w, resp.Body)
	return err
}

// The client is handed to other code, which may set its Timeout (or
// stream with it): not reported, and so no fix either.
func handed(use func(*http.Client)) {
	c := &http.Client{}
	c.Get("https://mirror.example.com/ping")
	use(c)
}

// The caller's context is dropped: ctxprop's fix (pass ctx) bounds the
// request, and wins over a Timeout.
func dropsContext(ctx context.Context) error {
	c := &http.Client{}
	req, err := http.NewRequest(http.MethodGet, "https://mirror.example.com/ping", nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req) // want `request sent with an http.Client that has no Timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Copying into a local buffer reads the body whole: this one has its fix
// (the golden file shows it).
func buffered() ([]byte, error) {
	c := &http.Client{}
	resp, err := c.Get("https://mirror.example.com/checksum") // want `request sent with an http.Client that has no Timeout`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, resp.Body); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
