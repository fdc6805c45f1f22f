// Package syncpoints holds calls that look like independent GETs but order
// what follows them: a helper that polls until a remote state is reached,
// and a method that talks to the server only once, to fill in state its
// receiver keeps (a negotiated protocol version, a cached token).
package syncpoints

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

var client = &http.Client{Timeout: 5 * time.Second}

func get(ctx context.Context, url string) (string, error) { // want get:"read"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var v struct{ State string }
	err = json.NewDecoder(resp.Body).Decode(&v)
	return v.State, err
}

// pollUntil calls check once a second until it reports done.
func pollUntil(ctx context.Context, check func(context.Context) (bool, error)) error {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		if done, err := check(ctx); done || err != nil {
			return err
		}
		select {
		case <-t.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// WaitForDisk polls the disk until it reaches the wanted state.
func WaitForDisk(ctx context.Context, id, want string) error {
	return pollUntil(ctx, func(ctx context.Context) (bool, error) {
		state, err := get(ctx, "http://storage/disks/"+id)
		return state == want, err
	})
}

// Attaching a disk: wait until it is ready, then read it back. The read
// must see the state the wait waited for; running both at once would not.
func readyDisk(ctx context.Context, id string) (string, error) {
	if err := WaitForDisk(ctx, id, "ready"); err != nil {
		return "", err
	}
	return get(ctx, "http://storage/disks/"+id)
}

func readyDiskAndVolume(ctx context.Context, id string) (string, string, error) {
	if err := WaitForDisk(ctx, id, "ready"); err != nil {
		return "", "", err
	}
	disk, err := get(ctx, "http://storage/disks/"+id) // want `2 independent GET requests`
	if err != nil {
		return "", "", err
	}
	vol, err := get(ctx, "http://storage/volumes/"+id)
	if err != nil {
		return "", "", err
	}
	return disk, vol, nil
}

// Daemon is a client that agrees on an API version with the server the
// first time it needs one.
type Daemon struct {
	manual  bool
	agreed  atomic.Bool
	mu      sync.Mutex
	version string
}

func (d *Daemon) adopt(v string) { // want adopt:"writes"
	d.version = v
	d.agreed.Store(true)
}

// agree asks the server for its version, once.
func (d *Daemon) agree(ctx context.Context) error { // want agree:"writes"
	if !d.manual && !d.agreed.Load() {
		d.mu.Lock()
		defer d.mu.Unlock()
		v, err := get(ctx, "http://daemon/_version")
		if err != nil {
			return err
		}
		d.adopt(v)
	}
	return nil
}

// requires fails when the agreed version is older than min.
func (d *Daemon) requires(ctx context.Context, min, feature string) error { // want requires:"writes"
	if err := d.agree(ctx); err != nil {
		return err
	}
	if d.version < min {
		return &tooOld{feature}
	}
	return nil
}

type tooOld struct{ feature string }

func (e *tooOld) Error() string { return e.feature + " needs a newer daemon" }

// Each check reads the version the first one agreed on: one request at
// most, not three to run at once.
func (d *Daemon) createVolume(ctx context.Context, labels, driver bool) error { // want createVolume:"writes"
	if err := d.agree(ctx); err != nil {
		return err
	}
	if err := d.requires(ctx, "1.30", "labels"); labels && err != nil {
		return err
	}
	if err := d.requires(ctx, "1.41", "driver options"); driver && err != nil {
		return err
	}
	return nil
}

// Token is fetched once and kept.
type TokenSource struct {
	once  sync.Once
	token string
	err   error
}

func (s *TokenSource) Token(ctx context.Context) (string, error) { // want Token:"writes"
	s.once.Do(func() {
		s.token, s.err = get(ctx, "http://auth/token")
	})
	return s.token, s.err
}

func twoTokens(ctx context.Context, s *TokenSource) (string, string) {
	a, _ := s.Token(ctx)
	b, _ := s.Token(ctx)
	return a, b
}

// Status sends only while the client is enabled: whether the second call
// sends at all depends on state the caller cannot see, so there is no
// evidence of two requests to overlap. Not reported.
type Status struct {
	enabled bool
	calls   int
}

func (s *Status) Fetch(ctx context.Context, url string) (string, error) {
	if s.enabled {
		return get(ctx, url)
	}
	return "", nil
}

func twoStatuses(ctx context.Context, s *Status) {
	a, _ := s.Fetch(ctx, "http://status/a")
	b, _ := s.Fetch(ctx, "http://status/b")
	_, _ = a, b
}
