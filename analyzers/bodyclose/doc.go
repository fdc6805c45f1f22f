// Package bodyclose defines an Analyzer that reports HTTP response bodies
// that are never closed, so that their connections cannot be reused.
//
// # Analyzer bodyclose
//
// bodyclose: response bodies left open, holding their connections
//
// A response whose body is neither read to its end nor closed keeps its
// connection, and the transport goroutines that serve it, busy until the
// request's context ends (for ever, without a deadline): the garbage
// collector cannot reclaim them. The next request dials again; under load
// the process runs out of file descriptors or of MaxConnsPerHost.
//
// The analyzer follows each live response (one that comes from a call that
// sends a request: net/http, well-known clients, and functions known by
// fact to return the response they received) along the paths of the
// function that sent it, assuming the request succeeded:
//
//   - unclosed: some path leaves the function without closing the body:
//     directly, in a defer, in a deferred function literal, or through a
//     function known by fact to close (or take ownership of) its
//     parameter. Handing the response on (returning it, storing it,
//     sending it, giving it to code the analyzer cannot see) ends its
//     responsibility: nothing is reported.
//   - discarded: the response result of such a call is not bound (_ or
//     an unused call statement): its body can never be closed.
//   - defer-in-loop: a close deferred inside a loop: every iteration's
//     connection stays open until the function returns.
//   - undrained (opt-in, -bodyclose.drain): the response of a GET sent in
//     a loop through a client the loop does not build, whose body is
//     closed and never read: the transport drops the connection instead
//     of reusing it, and every round dials again.
//
// Paths that go round a loop to send again are the retry analyzer's
// leaked-body category and are not reported here. Fixes insert the
// missing close after the error check or before an early return, bind a
// discarded response and close it, and move a deferred close to the end
// of the iteration when nothing leaves the iteration early.
package bodyclose

import _ "embed"

//go:embed doc.go
var doc string
