// Package statuscheck defines an Analyzer that reports HTTP responses used
// without checking one of the two ways a request can fail.
//
// # Analyzer statuscheck
//
// statuscheck: responses whose error or status is never checked
//
// An HTTP call in Go fails through two separate channels. The error result
// covers failures where no response exists at all (DNS failure, refused
// connection, reset, timeout); the response is then nil. A response that
// arrives with a failing status (401, 404, 503) comes with a nil error.
// Checking only one of the two is a bug: a discarded error panics on the
// first network failure, and an unchecked status decodes an error page as if
// it were the result.
//
// The analyzer reports, for calls that send a request (net/http, well-known
// clients, and wrappers known by fact to send one):
//
//   - ignored-error: the error result is discarded (resp, _ := ...) or
//     assigned and never read, and the response is then used.
//   - unchecked-status: the response body is consumed as data (io.ReadAll,
//     a JSON or XML decoder, io.Copy into a buffer that is later returned or
//     decoded, or resp.Body returned to the caller) while resp.StatusCode and
//     resp.Status are never examined after the request, either directly or by
//     passing the response to a function that examines them. Such functions,
//     like the CheckResponse helpers of SDKs, are recognised across packages
//     by a fact; so are request wrappers that examine the status before
//     returning the response. A status the API carries in the body
//     ({"ok": false}) counts as examined when a status-like field of the
//     decoded value is tested, and the function left on failure, before
//     the data is used.
//
// Where the enclosing function returns an error as its last result, fixes
// insert the missing error check, or a guard that returns an error for any
// status outside 2xx. They are withheld where returning zero values would
// change what callers see (a result type whose zero value is one of its
// constants, results returned alongside errors), where the function decodes
// error documents on purpose, and, for the error check, where a library's
// response status is examined after the call.
package statuscheck

import _ "embed"

//go:embed doc.go
var doc string
