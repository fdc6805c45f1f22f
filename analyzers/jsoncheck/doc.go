// Package jsoncheck defines an Analyzer that reports JSON from HTTP
// responses used as if a 200 guaranteed its shape.
//
// # Analyzer jsoncheck
//
// jsoncheck: response JSON used without validation
//
// A 2xx status says that the server answered, not that the body holds what
// the code expects: a field can be null, absent, renamed or of another type,
// and encoding/json accepts all of these without an error. Go code then
// fails at the first use: a single-value type assertion on untyped JSON
// panics, a pointer field left nil is dereferenced, or a decode error is
// dropped and the zero values flow on as data.
//
// The analyzer follows data decoded from an HTTP response: resp.Body read
// directly, through readers wrapping it, or as bytes read from it; through
// helpers known by fact to decode a response into an argument; and from
// functions known by fact to return decoded response data (SDK methods such
// as a Users.Get returning a *User with pointer fields). It reports:
//
//   - unchecked-assertion: a single-value type assertion v.(T) on JSON
//     decoded into an untyped destination (any, map[string]any, []any and
//     what is reached from them through indexes, assertions, range and
//     local variables). It panics when the value is null, absent or of
//     another type. Comma-ok assertions, type switches and assertions of an
//     expression already tested by a comma-ok or type switch are not
//     reported.
//   - nil-deref: a pointer field of a decoded struct is dereferenced (*u.Name,
//     u.Links.Homepage with Links a pointer, a value-receiver method called
//     through it) in a function that never compares that field with nil,
//     assigns it, reads it through a GetX accessor, or hands the value to a
//     validating function or method, and something shows the field can be
//     nil: the body may be an error response (its status is not checked in
//     full), the field's comment says it may be null or absent, or other
//     code compares it with nil. -strict-nil-deref reports every
//     dereference.
//   - ignored-error: the error of json.Unmarshal or (*json.Decoder).Decode
//     on response data is discarded or never read, and the destination is
//     used afterwards; not where the status is known to be an error or the
//     function only builds an error (a best-effort decode of an error body).
//   - unbounded-read (off unless -unbounded-read is set): io.ReadAll or a
//     JSON decoder reads resp.Body with no io.LimitReader or
//     http.MaxBytesReader in between.
//
// The -all-decodes flag widens the analyzer to every encoding/json decode,
// whatever the source of its data.
//
// Where the enclosing function's last result is an error, fixes rewrite an
// unchecked assertion statement to the comma-ok form with a guard that
// returns an error, wrap an ignored decode in an error check, and wrap
// resp.Body in http.MaxBytesReader (-max-body bytes, positive, 10 MiB
// unless set), which fails a read over the limit instead of truncating it.
package jsoncheck

import _ "embed"

//go:embed doc.go
var doc string
