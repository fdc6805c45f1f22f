// Package clientreuse defines an Analyzer that reports http.Transport values
// built for one unit of work and then thrown away.
//
// # Analyzer clientreuse
//
// clientreuse: report http.Transports built per request, per loop iteration or per call and then discarded
//
// An http.Transport owns the connection pool: the idle keep-alive
// connections that let the next request to the same host skip DNS, TCP and
// TLS set-up. A Transport built, used and dropped inside an inbound handler,
// inside one loop iteration, or inside one call of an ordinary function
// gives every request a fresh, empty pool, so every request pays the
// handshakes again, and the abandoned idle connections linger until the
// Transport is garbage collected (file descriptors, ephemeral ports,
// goroutines).
//
// The analyzer reports &http.Transport{...}, http.Transport{...},
// new(http.Transport) and (*http.Transport).Clone() — directly or inside an
// http.Client literal — when the value is used to send requests and is not
// kept: not returned, not stored in a field, package variable, map, slice,
// channel or outer variable, and not passed to anything but calls that send
// requests. It also reports, in a handler or a loop, a call of a function
// known (in this package or, through a fact, in a dependency) to build and
// return a fresh Transport on every call, such as go-retryablehttp's
// NewClient, when the result is thrown away in the same way.
//
// It does not report package-level variables, constructions in main, init
// and functions called only from them, constructors that return or store
// what they build, sync.Once initialisation, per-host caches, and
// http.Client literals whose Transport is nil or shared: such a Client uses
// http.DefaultTransport's pool and costs a few words of memory. Nor does it
// report a Transport that pools no connection: a literal with
// DisableKeepAlives: true, or one whose every request is marked in the
// sending function to close its connection (req.Close = true, or a
// "Connection: close" header).
//
// When the construction refers only to package-level names and constants,
// a suggested fix moves it to a new package-level variable and deletes
// per-request CloseIdleConnections calls on it.
package clientreuse

import _ "embed"

//go:embed doc.go
var doc string
