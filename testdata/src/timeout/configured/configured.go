// Package configured holds transports whose dial function is set by code
// the analyzer does not follow: a configurator they are handed to, or an
// option that takes the transport back out of the client's field.
package configured

import (
	"crypto/tls"
	"net/http"

	"timeout/configured/sockets"
)

// Handed to a function that takes the *http.Transport: it sets the dialer.
func newDaemonClient(network, addr string) (*http.Client, error) { // want newDaemonClient:"noTimeoutClient"
	tr := &http.Transport{MaxIdleConns: 4}
	if err := sockets.Configure(tr, network, addr); err != nil {
		return nil, err
	}
	return &http.Client{Transport: tr}, nil
}

// Given to a client that is returned: its requests are judged where they
// are sent.
func newPlainClient() *http.Client { // want newPlainClient:"noTimeoutClient"
	tr := &http.Transport{MaxIdleConns: 4}
	return &http.Client{Transport: tr}
}

// Given to a client that sends here: reported.
func plainPing() {
	tr := &http.Transport{MaxIdleConns: 4} // want `http.Transport has no dial or TLS handshake timeout`
	c := &http.Client{Transport: tr}
	c.Get("http://daemon.internal/_ping") // want `request sent with an http.Client that has no Timeout`
}

type Daemon struct {
	client *http.Client
	addr   string
}

type Option func(*Daemon) error

// WithTLS replaces the client; WithAddr configures its transport later.
func WithTLS(cfg *tls.Config) Option {
	return func(d *Daemon) error {
		d.client = &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
		return nil
	}
}

func WithAddr(addr string) Option {
	return func(d *Daemon) error {
		d.addr = addr
		if tr, ok := d.client.Transport.(*http.Transport); ok {
			return sockets.Configure(tr, "tcp", addr)
		}
		return nil
	}
}

// ping sends through the client WithTLS built: its transport is still not
// reported, WithAddr configures it; the client has no Timeout.
func (d *Daemon) ping() { d.client.Get("http://daemon/_ping") } // want `request sent with an http.Client that has no Timeout`

type Other struct {
	hc *http.Client
}

// A field nothing takes the transport back out of, and that the package
// sends through: reported.
func (o *Other) reset(cfg *tls.Config) {
	o.hc = &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}} // want `http.Transport has no dial or TLS handshake timeout`
}

func (o *Other) ping() { o.hc.Get("https://other.internal/ping") } // want `request sent with an http.Client that has no Timeout`

// A field that is stored but never sent through: not judged.
type Idle struct{ hc *http.Client }

func (i *Idle) reset(cfg *tls.Config) {
	i.hc = &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
}
