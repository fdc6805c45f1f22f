// Package retry is a test stub of github.com/sethvargo/go-retry's exported
// API, written for httpvet's tests. Bodies do the least that type-checks.
package retry

import (
	"context"
	"time"
)

// Backoff returns the next wait, or stop.
type Backoff interface {
	Next() (next time.Duration, stop bool)
}

// BackoffFunc adapts a function to Backoff.
type BackoffFunc func() (time.Duration, bool)

// Next calls b.
func (b BackoffFunc) Next() (time.Duration, bool) { return b() }

// RetryFunc is one attempt.
type RetryFunc func(ctx context.Context) error

// RetryFuncValue is one attempt that returns a value.
type RetryFuncValue[T any] func(ctx context.Context) (T, error)

// RetryableError marks err as retryable.
func RetryableError(err error) error { return err }

// Do calls f until it succeeds, returns a non-retryable error, b stops or ctx ends.
func Do(ctx context.Context, b Backoff, f RetryFunc) error { return f(ctx) }

// DoValue is Do for a function with a result.
func DoValue[T any](ctx context.Context, b Backoff, f RetryFuncValue[T]) (T, error) { return f(ctx) }

// NewExponential returns an exponential backoff that never stops.
func NewExponential(base time.Duration) Backoff { return constant(base) }

// NewConstant returns a constant backoff that never stops.
func NewConstant(t time.Duration) Backoff { return constant(t) }

// NewFibonacci returns a Fibonacci backoff that never stops.
func NewFibonacci(base time.Duration) Backoff { return constant(base) }

// WithMaxRetries stops next after max retries.
func WithMaxRetries(max uint64, next Backoff) Backoff { return next }

// WithMaxDuration stops next after timeout.
func WithMaxDuration(timeout time.Duration, next Backoff) Backoff { return next }

// WithCappedDuration caps each wait of next.
func WithCappedDuration(cap time.Duration, next Backoff) Backoff { return next }

// WithJitter adds up to j to each wait of next.
func WithJitter(j time.Duration, next Backoff) Backoff { return next }

// WithJitterPercent adds up to j percent to each wait of next.
func WithJitterPercent(j uint64, next Backoff) Backoff { return next }

// Constant retries f with a constant backoff until ctx ends.
func Constant(ctx context.Context, t time.Duration, f RetryFunc) error { return f(ctx) }

// Exponential retries f with an exponential backoff until ctx ends.
func Exponential(ctx context.Context, base time.Duration, f RetryFunc) error { return f(ctx) }

// Fibonacci retries f with a Fibonacci backoff until ctx ends.
func Fibonacci(ctx context.Context, base time.Duration, f RetryFunc) error { return f(ctx) }

type constant time.Duration

func (c constant) Next() (time.Duration, bool) { return time.Duration(c), false }
