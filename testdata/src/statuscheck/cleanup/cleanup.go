// Package cleanup holds best-effort requests whose error is dropped on
// purpose: the response goes only to a helper that copes with nil.
package cleanup

import (
	"context"
	"io"
	"net/http"
)

type Registry struct{ hc *http.Client }

func (r *Registry) send(ctx context.Context, method, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return nil, err
	}
	return r.hc.Do(req)
}

// discard drains and closes a response, if there is one.
func discard(resp *http.Response) { // want discard:"nil-safe param0"
	if resp == nil || resp.Body == nil {
		return
	}
	_, _ = io.CopyN(io.Discard, resp.Body, 1024)
	_ = resp.Body.Close()
}

// drain closes a response it assumes is there.
func drain(resp *http.Response) {
	_ = resp.Body.Close()
}

// Undoing a failed install: whether the delete worked does not matter, and
// discard copes with the nil response of a failed request.
func (r *Registry) rollback(ctx context.Context, name string) {
	resp, _ := r.send(ctx, http.MethodDelete, "http://registry/v1/plugins/"+name)
	discard(resp)
}

// drain does not look at nil: a failed request panics in it.
func (r *Registry) rollbackUnsafe(ctx context.Context, name string) {
	resp, _ := r.send(ctx, http.MethodDelete, "http://registry/v1/plugins/"+name) // want `error returned by \(\*cleanup.Registry\).send is not checked`
	drain(resp)
}
