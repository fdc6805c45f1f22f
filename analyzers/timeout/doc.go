// Package timeout defines an Analyzer that reports HTTP requests nothing
// bounds in time, and transports built without dial or TLS handshake timeouts.
//
// # Analyzer timeout
//
// timeout: report HTTP requests that no timeout or deadline bounds
//
// Go's zero http.Client has no timeout, and http.Get, http.Head, http.Post,
// http.PostForm and http.DefaultClient use it. A server that accepts the
// connection and never answers holds the goroutine, the connection and
// everything waiting upstream of it forever. A request is bounded only when
// its client has a Timeout, or its context carries a deadline or comes from a
// caller who owns its lifetime (a context parameter, an inbound request's
// context).
//
// The no-timeout check reports a request-sending call whose client visibly
// has no Timeout (the package helpers, http.DefaultClient, a client literal
// or new(http.Client) in the same function or in a package variable, an
// unexported struct field whose every initialisation in the package is such a
// client, or a function known to return one) and whose context is none,
// context.Background(), context.TODO(), derived from them without a
// deadline, or context.WithoutCancel(...), unless a Timeout is assigned to
// it elsewhere, it is handed to code that may set one, or its transport
// bounds connect, handshake and headers or gives its connections deadlines.
// Its fix adds a Timeout to the client literal (the -default-timeout flag,
// a positive duration, 30s unless set); it is not offered when a response
// body leaves the function (downloads would be cut short) or when the
// request drops a caller's context (ctxprop's fix bounds it).
//
// The transport-timeouts check reports an http.Transport literal or
// new(http.Transport) that sets no dial function and no TLSHandshakeTimeout,
// when a client it is given to visibly sends a request nothing else bounds:
// a host that accepts the TCP connection but never completes the handshake
// hangs such a request. Transports whose clients are returned, passed on or
// never send here are not judged. Its fix adds a net.Dialer with 30s timeouts and a 10s
// TLSHandshakeTimeout, the values of http.DefaultTransport.
package timeout

import _ "embed"

//go:embed doc.go
var doc string
