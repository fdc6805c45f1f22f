// Package backoff is a test stub of github.com/cenkalti/backoff/v5's
// exported API, written for httpvet's tests.
package backoff

import (
	"context"
	"time"
)

// BackOff gives the wait before the next retry.
type BackOff interface {
	NextBackOff() time.Duration
	Reset()
}

// Operation is one attempt.
type Operation[T any] func() (T, error)

// ZeroBackOff retries at once.
type ZeroBackOff struct{}

func (b *ZeroBackOff) Reset()                     {}
func (b *ZeroBackOff) NextBackOff() time.Duration { return 0 }

// ExponentialBackOff grows the wait.
type ExponentialBackOff struct {
	InitialInterval time.Duration
	MaxInterval     time.Duration
}

func (b *ExponentialBackOff) Reset()                     {}
func (b *ExponentialBackOff) NextBackOff() time.Duration { return b.InitialInterval }

// NewExponentialBackOff returns an ExponentialBackOff with the defaults.
func NewExponentialBackOff() *ExponentialBackOff { return &ExponentialBackOff{} }

// DefaultMaxElapsedTime bounds Retry unless WithMaxElapsedTime says otherwise.
const DefaultMaxElapsedTime = 15 * time.Minute

// RetryOption configures Retry.
type RetryOption func(*retryOptions)

type retryOptions struct {
	b        BackOff
	maxTries uint
	maxTime  time.Duration
}

// WithBackOff sets the backoff.
func WithBackOff(b BackOff) RetryOption { return func(o *retryOptions) { o.b = b } }

// WithMaxTries stops after n attempts.
func WithMaxTries(n uint) RetryOption { return func(o *retryOptions) { o.maxTries = n } }

// WithMaxElapsedTime stops after d; 0 means never.
func WithMaxElapsedTime(d time.Duration) RetryOption {
	return func(o *retryOptions) { o.maxTime = d }
}

// Permanent wraps err so that Retry stops.
func Permanent(err error) error { return err }

// Retry calls operation until it succeeds, returns a permanent error, an option stops it, or ctx ends.
func Retry[T any](ctx context.Context, operation Operation[T], opts ...RetryOption) (T, error) {
	return operation()
}
