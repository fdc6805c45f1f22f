// Package hidden holds exported methods of unexported types. Other
// packages reach such a method only through an interface or a struct that
// embeds the type, so when neither exists every call is in this package,
// and a context parameter each of those calls fills with
// context.Background() is one nothing can cancel: dropping it is not
// reported. Where an interface or an embedding exposes the method, the
// drop is reported as for any exported function.
package hidden

import (
	"context"
	"log/slog"
	"net/http"
)

// Checker is what other packages get: it does not name Probe.
type Checker interface {
	Outdated(image string) (bool, error)
}

// New returns the package's checker behind its interface.
func New() Checker { return &registry{} }

type registry struct{}

// Outdated starts from a context of its own: nothing upstream cancels it.
func (r *registry) Outdated(image string) (bool, error) {
	ctx := context.Background()
	return r.Probe(ctx, image)
}

// Probe is exported, but only Outdated calls it.
func (r *registry) Probe(ctx context.Context, image string) (bool, error) {
	resp, err := http.Head("http://registry.internal/v2/" + image) // every call passes context.Background(): not reported
	if err != nil {
		return false, err
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK, nil
}

// Runner is exported: another package can call a job's Run through it
// with a context that is cancelled.
type Runner interface {
	Run(ctx context.Context) error
}

// Jobs hands the jobs out as Runners.
func Jobs() []Runner { return []Runner{job{}} }

type job struct{}

func (job) Run(ctx context.Context) error {
	resp, err := http.Get("http://jobs.internal/next") // want `http.Get sends a request without a context, dropping ctx`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func runOnce() error { return job{}.Run(context.Background()) }

// Public embeds syncer: Sync is promoted to a type other packages use.
type Public struct {
	*syncer
}

type syncer struct{}

func (*syncer) Sync(ctx context.Context) error {
	resp, err := http.Get("http://sync.internal/") // want `http.Get sends a request without a context, dropping ctx`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func syncNow(s *syncer) error { return s.Sync(context.Background()) }

// forwarder implements slog.Handler: the logger calls Handle with the
// context of each log call, which may be cancelled.
type forwarder struct{ slog.Handler }

func (f forwarder) Handle(ctx context.Context, r slog.Record) error {
	resp, err := http.Post("http://logs.internal/", "text/plain", nil) // want `http.Post sends a request without a context, dropping ctx`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func flush(f forwarder, r slog.Record) error { return f.Handle(context.Background(), r) }

var _, _, _ = runOnce, syncNow, flush
