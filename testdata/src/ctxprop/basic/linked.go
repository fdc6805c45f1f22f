package basic

import (
	"context"
	"net/http"
	"time"
)

// A grace period of its own that still ends with the caller: the deadline
// is fresh, and a watcher cancels it once ctx is done.
func drainWithGrace(ctx context.Context, grace time.Duration) {
	gctx, stop := context.WithTimeout(context.Background(), grace)
	defer stop()
	go func() {
		select {
		case <-ctx.Done():
			stop()
		case <-gctx.Done():
		}
	}()
	req, _ := http.NewRequestWithContext(gctx, "POST", "http://queue.internal/drain", nil)
	client.Do(req)
}

// The same link, written with context.AfterFunc.
func flushWithGrace(ctx context.Context) {
	fctx, stop := context.WithCancel(context.Background())
	defer stop()
	unlink := context.AfterFunc(ctx, stop)
	defer unlink()
	req, _ := http.NewRequestWithContext(fctx, "POST", "http://queue.internal/flush", nil)
	client.Do(req)
}

// A watcher that waits, then cancels.
func pollWithGrace(ctx context.Context) {
	pctx, stop := context.WithTimeout(context.Background(), time.Minute)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	req, _ := http.NewRequestWithContext(pctx, "GET", "http://queue.internal/poll", nil)
	client.Do(req)
}

// A watcher on the derived context itself links nothing: ctx is still
// dropped.
func selfWatch(ctx context.Context) {
	wctx, stop := context.WithTimeout(context.Background(), time.Minute) // want `context.Background replaces ctx for this request: it runs on after the caller has given up`
	go func() {
		<-wctx.Done()
		stop()
	}()
	req, _ := http.NewRequestWithContext(wctx, "GET", "http://queue.internal/peek", nil)
	client.Do(req)
	_ = ctx
}

// A cancel function called on some other event is no link either.
func cancelOnSignal(ctx context.Context, quit <-chan struct{}) {
	sctx, stop := context.WithCancel(context.Background()) // want `context.Background replaces ctx for this request: it runs on after the caller has given up`
	go func() {
		select {
		case <-quit:
			stop()
		}
	}()
	req, _ := http.NewRequestWithContext(sctx, "GET", "http://queue.internal/peek", nil)
	client.Do(req)
	_ = ctx
}
