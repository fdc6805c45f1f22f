// Package sockets configures a transport for a daemon address, as
// connection libraries do: it sets the dial function itself.
package sockets

import (
	"net"
	"net/http"
	"time"
)

// Configure sets how tr reaches addr.
func Configure(tr *http.Transport, network, addr string) error {
	d := &net.Dialer{Timeout: 30 * time.Second}
	tr.DialContext = d.DialContext
	return nil
}
