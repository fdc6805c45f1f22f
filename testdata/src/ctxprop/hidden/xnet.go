package hidden

import (
	"net/http"

	"golang.org/x/net/context"
)

// The older golang.org/x/net/context forwards to the standard package:
// its Background is context.Background.

type mirror struct{}

// Refresh starts from a background context of the older package.
func (m mirror) Refresh(names []string) error {
	ctx := context.Background()
	for _, n := range names {
		if err := m.Fetch(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// Fetch is reached only from Refresh, with a context nothing cancels.
func (mirror) Fetch(ctx context.Context, name string) error {
	resp, err := http.Get("http://mirror.internal/" + name) // every call passes context.Background(): not reported
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Sync is called with a cancellable context derived from one.
func (m mirror) Sync(name string) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	return m.pull(ctx, name)
}

func (mirror) pull(ctx context.Context, name string) error {
	resp, err := http.Get("http://mirror.internal/" + name) // want `http.Get sends a request without a context, dropping ctx`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

var _ = mirror{}.Refresh
