package basic

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"timeout/clients"
)

var noTimeout = &http.Client{}

var withTimeout = &http.Client{Timeout: 10 * time.Second}

// setInInit gets its Timeout in init, as some services do.
var setInInit = &http.Client{}

func init() { setInInit.Timeout = 15 * time.Second }

func helpers() {
	http.Get("https://api.example.com")                       // want `http.Get has no timeout: a stalled server blocks this goroutine forever`
	http.Head("https://api.example.com")                      // want `http.Head has no timeout`
	http.Post("https://api.example.com", "text/plain", nil)   // want `http.Post has no timeout`
	http.PostForm("https://api.example.com", url.Values{})    // want `http.PostForm has no timeout`
	req, _ := http.NewRequest("GET", "https://api.example.com", nil)
	http.DefaultClient.Do(req)                                // want `http.DefaultClient has no timeout`
	bg, _ := http.NewRequestWithContext(context.Background(), "GET", "https://api.example.com", nil)
	http.DefaultClient.Do(bg) // want `http.DefaultClient has no timeout and its context has no deadline`
}

func packageClients(ctx context.Context) {
	noTimeout.Get("https://api.example.com")   // want `request sent with an http.Client that has no Timeout`
	withTimeout.Get("https://api.example.com") // bounded by the client
	setInInit.Get("https://api.example.com")   // Timeout set in init
	clients.Bare().Get("https://api.example.com")    // want `request sent with an http.Client that has no Timeout`
	clients.Wrapped().Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`
	clients.Bounded().Get("https://api.example.com")
	clients.FromConfig(nil).Get("https://api.example.com") // unknown: stays silent
}

func derivedContexts(ctx context.Context, r *http.Request) {
	c := http.DefaultClient
	cancelCtx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(cancelCtx, "GET", "https://api.example.com", nil)
	c.Do(req) // want `http.DefaultClient has no timeout and its context has no deadline`

	detached, _ := http.NewRequestWithContext(context.WithoutCancel(ctx), "GET", "https://api.example.com", nil)
	http.DefaultClient.Do(detached) // want `http.DefaultClient has no timeout and context.WithoutCancel drops the deadline`

	valued := context.WithValue(context.TODO(), "k", 1)
	req2, _ := http.NewRequestWithContext(valued, "GET", "https://api.example.com", nil)
	http.DefaultClient.Do(req2) // want `http.DefaultClient has no timeout and its context has no deadline`
}

// Deliberate negatives: contexts that bound the request or belong to the caller.
func boundedContexts(ctx context.Context, r *http.Request) error {
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://api.example.com", nil)
	http.DefaultClient.Do(req) // the caller owns ctx

	inbound, _ := http.NewRequestWithContext(r.Context(), "GET", "https://api.example.com", nil)
	http.DefaultClient.Do(inbound) // the inbound request's context

	tctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req3, _ := http.NewRequestWithContext(tctx, "GET", "https://api.example.com", nil)
	http.DefaultClient.Do(req3)

	dctx, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(time.Second))
	defer cancel2()
	http.DefaultClient.Do(req3.WithContext(dctx))

	cctx, cancel3 := context.WithTimeoutCause(context.Background(), time.Second, errors.New("slow upstream"))
	defer cancel3()
	req4, _ := http.NewRequestWithContext(cctx, "GET", "https://api.example.com", nil)
	_, err := http.DefaultClient.Do(req4)
	return err
}

func localClients() {
	later := &http.Client{}
	later.Timeout = 3 * time.Second
	later.Get("https://api.example.com") // Timeout set before the request

	zero := http.Client{Timeout: 0}
	zero.Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`
}

// Clients received as parameters belong to the caller: unknown means bounded.
func parameterClient(c *http.Client) { c.Get("https://api.example.com") }

// service keeps its client in an unexported field whose every
// initialisation is visible, and without a Timeout.
type service struct{ hc *http.Client }

func newService() *service { return &service{hc: &http.Client{}} }

func (s *service) fetch() { s.hc.Get("https://api.example.com") } // want `request sent with an http.Client that has no Timeout`

// Exported fields can be set by other packages: not judged.
type Public struct{ HTTPClient *http.Client }

func NewPublic() *Public { return &Public{HTTPClient: &http.Client{}} }

func (p *Public) Fetch() { p.HTTPClient.Get("https://api.example.com") }

// boundedService's field gets its Timeout after construction.
type boundedService struct{ hc *http.Client }

func newBoundedService() *boundedService {
	s := &boundedService{hc: &http.Client{}}
	s.hc.Timeout = time.Minute
	return s
}

func (s *boundedService) fetch() { s.hc.Get("https://api.example.com") }

func transports() {
	tr := &http.Transport{MaxIdleConns: 10} // want `http.Transport has no dial or TLS handshake timeout and its client no Timeout`
	c := &http.Client{Transport: tr}
	c.Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`

	safe := &http.Transport{TLSHandshakeTimeout: 10 * time.Second}
	(&http.Client{Transport: safe}).Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`

	cloned := http.DefaultTransport.(*http.Transport).Clone()
	(&http.Client{Transport: cloned}).Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`

	covered := &http.Transport{MaxIdleConnsPerHost: 4}
	(&http.Client{Transport: covered, Timeout: 20 * time.Second}).Get("https://api.example.com")

	dialLater := &http.Transport{}
	dialLater.TLSHandshakeTimeout = 5 * time.Second
	(&http.Client{Transport: dialLater}).Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`

	(&http.Client{Transport: &http.Transport{}, Timeout: time.Minute}).Get("https://api.example.com")
	(&http.Client{Transport: new(http.Transport)}).Get("https://api.example.com") // want `http.Transport has no dial or TLS handshake timeout` `request sent with an http.Client that has no Timeout`
}

// Built and stored but never used to send: what bounds its requests is
// decided wherever they are sent, which is not here.
func unusedTransport() {
	tr := &http.Transport{MaxIdleConns: 10}
	c := &http.Client{Transport: tr}
	_ = c
}

// A transport whose client sends only with its callers' contexts: they
// bound the dial and the handshake too.
func callerBoundTransport(ctx context.Context) error {
	c := &http.Client{Transport: &http.Transport{MaxIdleConns: 2}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example.com", nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// newTransport returns its transport: the clients it ends up in are not
// visible here, so it is not judged.
func newTransport() *http.Transport { return &http.Transport{MaxIdleConns: 5} }

// newTransportClient returns the client holding the transport: whoever
// calls it decides what bounds the requests (a Timeout set on the result,
// a context); the requests they send are judged there.
func newTransportClient() *http.Client { // want newTransportClient:"noTimeoutClient"
	return &http.Client{Transport: &http.Transport{MaxIdleConns: 5}}
}

// handOff passes its client on, to an SDK's constructor say: not judged.
func handOff(register func(*http.Client)) {
	register(&http.Client{Transport: &http.Transport{MaxIdleConns: 5}})
}

// Handlers use the inbound context: bounded by the caller.
func handler(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://api.example.com", nil)
	http.DefaultClient.Do(req)
}
