// Package retry defines an Analyzer that reports HTTP retries that never
// give up, do not wait, retry permanent failures, resend a consumed body,
// leak the connections of failed attempts, or outlast an inbound request.
//
// # Analyzer retry
//
// retry: report unbounded, unpaced, blanket and harmful HTTP retries
//
// A retry loop is a loop that sends a request and goes round again when the
// attempt fails (an error or a failing status) while it leaves the loop on
// success. Pagination and polling loops, which go round on success, are not
// retry loops.
//
// The unbounded check reports a retry loop that nothing limits: no attempt
// counter, no elapsed-time test, no check of a context that can end (a
// context.Background() or TODO() context never ends; a context parameter, an
// inbound request's context or one with a deadline does). It also reports
// the retry libraries configured to retry forever: an unwrapped
// github.com/sethvargo/go-retry backoff or its Constant, Exponential and
// Fibonacci helpers, a github.com/cenkalti/backoff ConstantBackOff,
// ZeroBackOff or ExponentialBackOff with MaxElapsedTime 0 not wrapped in
// WithMaxRetries, backoff/v5's WithMaxElapsedTime(0) without WithMaxTries,
// and github.com/avast/retry-go's Attempts(0) or UntilSucceeded(), each when
// the context it is given cannot end.
//
// The no-backoff check reports a retry loop with no sleep, timer, select or
// backoff call between attempts, backoff.ZeroBackOff, and retry-go's
// Delay(0) with FixedDelay.
//
// The blanket check reports a retry loop that retries every failing status,
// 4xx included (a probe that only waits for a 2xx, using nothing of the
// response but its status, is not one), a go-retryablehttp CheckRetry that returns true for a 404,
// a retry-go RetryIf that always returns true, and a backoff operation that
// turns every failing status into a retryable error.
//
// The body-reuse check reports a request with a body, built before the loop
// and sent again on each attempt: the first attempt consumes the body.
//
// The leaked-body check reports a retry loop that goes round after a failing
// status without closing the response body.
//
// The budget check computes, where constants allow, the worst case of a
// retry loop inside an inbound handler (attempts × per-attempt timeout plus
// waits) and reports it when it exceeds the -budget flag (30s).
//
// Fixes: retry.Attempts(0) becomes retry.Attempts(n), an unwrapped
// sethvargo backoff is wrapped in retry.WithMaxRetries(n, ...), the backoff
// given to cenkalti's backoff.Retry in backoff.WithMaxRetries(..., n), with n
// from the -max-attempts flag (5); a leaked body is closed before the
// retry's continue.
package retry

import _ "embed"

//go:embed doc.go
var doc string
