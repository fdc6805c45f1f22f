// Package sequential defines an Analyzer that reports independent HTTP GET
// requests made one after another, where running them concurrently would
// cost the slowest of their latencies instead of the sum.
//
// # Analyzer sequential
//
// sequential: report independent GET requests made one after another
//
// A function that sends three requests in sequence waits for the first to
// answer before it sends the second: when each takes a second, the caller
// waits three. When no request needs what an earlier one returned, they can
// be sent together (with golang.org/x/sync/errgroup or sync.WaitGroup) and the
// caller waits one second, for the slowest.
//
// The check reports, once at the first call, two or more request-sending
// calls of one function that
//
//   - run on the same straight-line path: consecutive statements of one
//     block, not in different branches and not in a loop; an early return
//     on an error (if err != nil { return ... }) does not break the path;
//   - are data-independent: no argument, receiver or context of a later
//     call is derived, directly or through other variables, from a result
//     or an out-parameter of an earlier one;
//   - are evidently independent: each is sent by net/http through a
//     client that keeps no cookies, or by a function that sends on every
//     path that does not fail through such senders and writes no state
//     that outlives it (its receiver's fields, package variables); the
//     verdict is exported as a fact. Absence of visible data flow is not
//     evidence; requests to the loopback interface are never reported;
//   - are all safe reads: GET or HEAD, known from the call itself or from
//     the fact of the wrapper that sends it (an SDK's Users.Get), in this
//     package or a dependency; a call whose method is unknown, or a write,
//     ends the sequence, since a later call may rely on its effect;
//   - are not already concurrent: calls inside a go statement, or inside a
//     closure given to a Go method (errgroup, sync.WaitGroup) or calling
//     (*sync.WaitGroup).Done, are not reported.
//
// A statement between the calls that writes to a variable an earlier call
// read, a call between them that may change such a variable (it receives a
// pointer to it, or is a method of it), time.Sleep, a Wait method (a rate
// limiter), a lock, a call of a function that writes state, or an exit that
// decides on an earlier result without failing also ends the sequence. When
// in doubt the check stays silent.
//
// When the calls are consecutive statements v, err := call(...), each
// followed by if err != nil { return ..., err }, the fix "Run the requests
// concurrently" rewrites them into an errgroup.WithContext group (when the
// package already imports golang.org/x/sync/errgroup and the calls take the
// context as an argument), or else, in files of Go 1.25 or later, into
// sync.WaitGroup.Go calls with one error variable per call, joined by
// errors.Join. The results keep their names and types; on success the
// behaviour is the same.
//
// With -loops, the check also reports a range loop over a slice, array, map,
// string or integer whose body sends exactly one independent GET or HEAD
// request per element and has no loop-carried dependency, early exit or
// pacing: a fan-out that is sometimes deliberate (rate limits), hence off by
// default.
package sequential

import _ "embed"

//go:embed doc.go
var doc string
