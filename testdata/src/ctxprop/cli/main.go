// Command cli passes context.Background() down from main: a context
// nothing cancels. Dropping it changes nothing, so helpers every call of
// which gives them such a context are not reported.
package main

import (
	"context"
	"net/http"
	"os"
	"os/signal"
	"time"
)

func main() {
	ctx := context.Background()
	_ = run(ctx, os.Args[1:])
	_ = Mirror(context.WithValue(context.TODO(), key{}, "v"), "http://mirror.internal")
	_ = detach(context.WithoutCancel(ctx))
	interrupted()
	cancelled()
	mixed(ctx, "http://a")
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	mixed(tctx, "http://b")
	hooks[0](ctx, "http://c")
	pass(ctx, "http://d")
	var s syncer
	s.sync(ctx)
	func(c context.Context) { closure(c) }(ctx)
	recurse(ctx, 3)
}

type key struct{}

// Every call of run, and so of download, gives context.Background().
func run(ctx context.Context, args []string) error { return download(ctx, args[0]) }

func download(ctx context.Context, url string) error {
	resp, err := http.Get(url) // never-cancelled context: not reported
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Exported, but in package main: no other package can call it.
func Mirror(ctx context.Context, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil) // WithValue of TODO: not reported
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err
}

func detach(ctx context.Context) error {
	_, err := http.Head("http://audit.internal") // WithoutCancel: not reported
	return err
}

// A context that a signal cancels: dropping it keeps the request running
// after Ctrl-C.
func interrupted() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	fetchAll(ctx, "http://all")
}

func fetchAll(ctx context.Context, url string) {
	http.Get(url) // want `http.Get sends a request without a context, dropping ctx`
}

// WithCancel of Background: someone holds the cancel function.
func cancelled() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	probe(ctx)
}

func probe(ctx context.Context) {
	http.Get("http://probe") // want `http.Get sends a request without a context, dropping ctx`
}

// One call gives a deadline.
func mixed(ctx context.Context, url string) {
	http.Get(url) // want `http.Get sends a request without a context, dropping ctx`
}

// Used as a value: its callers are not all visible calls.
var hooks = []func(context.Context, string){pull}

func pull(ctx context.Context, url string) {
	http.Get(url) // want `http.Get sends a request without a context, dropping ctx`
}

// Called only with ctx from main, through another function: not reported.
func pass(ctx context.Context, url string) { leaf(ctx, url) }

func leaf(ctx context.Context, url string) {
	http.Get(url)
}

// A method an interface of the package may call: an unexported method is
// called only from this package, directly or through its interfaces, and
// every such call (here the direct one from main; doer is never called)
// gives it main's context: not reported.
type syncer struct{}

type doer interface{ sync(context.Context) }

var _ doer = syncer{}

func (syncer) sync(ctx context.Context) {
	http.Get("http://sync")
}

// The context comes through a function literal's parameter, whose callers
// the analysis does not follow.
func closure(ctx context.Context) {
	http.Get("http://closure") // want `http.Get sends a request without a context, dropping ctx`
}

// A recursive call passes on the context it was given, which adds no new
// context: the one from main is all recurse ever gets. Not reported.
func recurse(ctx context.Context, n int) {
	if n > 0 {
		recurse(ctx, n-1)
	}
	http.Get("http://recurse")
}
