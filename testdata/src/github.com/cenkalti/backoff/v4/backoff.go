// Package backoff is a test stub of github.com/cenkalti/backoff/v4's
// exported API, written for httpvet's tests.
package backoff

import (
	"context"
	"time"
)

// Stop is returned by NextBackOff when no more retries should be made.
const Stop time.Duration = -1

// BackOff gives the wait before the next retry.
type BackOff interface {
	NextBackOff() time.Duration
	Reset()
}

// BackOffContext is a BackOff bound to a context.
type BackOffContext interface {
	BackOff
	Context() context.Context
}

// Operation is one attempt.
type Operation func() error

// OperationWithData is one attempt that returns a value.
type OperationWithData[T any] func() (T, error)

// Notify is called after each failed attempt.
type Notify func(error, time.Duration)

// ZeroBackOff retries at once, forever.
type ZeroBackOff struct{}

func (b *ZeroBackOff) Reset()                     {}
func (b *ZeroBackOff) NextBackOff() time.Duration { return 0 }

// StopBackOff never retries.
type StopBackOff struct{}

func (b *StopBackOff) Reset()                     {}
func (b *StopBackOff) NextBackOff() time.Duration { return Stop }

// ConstantBackOff retries after a fixed interval, forever.
type ConstantBackOff struct {
	Interval time.Duration
}

func (b *ConstantBackOff) Reset()                     {}
func (b *ConstantBackOff) NextBackOff() time.Duration { return b.Interval }

// NewConstantBackOff returns a ConstantBackOff.
func NewConstantBackOff(d time.Duration) *ConstantBackOff { return &ConstantBackOff{Interval: d} }

// ExponentialBackOff grows the wait; it stops after MaxElapsedTime, or never when it is 0.
type ExponentialBackOff struct {
	InitialInterval     time.Duration
	RandomizationFactor float64
	Multiplier          float64
	MaxInterval         time.Duration
	MaxElapsedTime      time.Duration
	Stop                time.Duration
}

// Default values of ExponentialBackOff.
const (
	DefaultInitialInterval     = 500 * time.Millisecond
	DefaultRandomizationFactor = 0.5
	DefaultMultiplier          = 1.5
	DefaultMaxInterval         = 60 * time.Second
	DefaultMaxElapsedTime      = 15 * time.Minute
)

// ExponentialBackOffOpts sets a field of an ExponentialBackOff.
type ExponentialBackOffOpts func(*ExponentialBackOff)

// WithMaxElapsedTime sets MaxElapsedTime.
func WithMaxElapsedTime(d time.Duration) ExponentialBackOffOpts {
	return func(b *ExponentialBackOff) { b.MaxElapsedTime = d }
}

// WithInitialInterval sets InitialInterval.
func WithInitialInterval(d time.Duration) ExponentialBackOffOpts {
	return func(b *ExponentialBackOff) { b.InitialInterval = d }
}

// NewExponentialBackOff returns an ExponentialBackOff with the defaults.
func NewExponentialBackOff(opts ...ExponentialBackOffOpts) *ExponentialBackOff {
	b := &ExponentialBackOff{MaxElapsedTime: DefaultMaxElapsedTime}
	for _, o := range opts {
		o(b)
	}
	return b
}

func (b *ExponentialBackOff) Reset()                     {}
func (b *ExponentialBackOff) NextBackOff() time.Duration { return b.InitialInterval }

// WithMaxRetries stops b after max retries.
func WithMaxRetries(b BackOff, max uint64) BackOff { return b }

// WithContext stops b when ctx ends.
func WithContext(b BackOff, ctx context.Context) BackOffContext { return nil }

// PermanentError stops the retries.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }

// Permanent wraps err so that Retry stops.
func Permanent(err error) error { return &PermanentError{Err: err} }

// Retry calls o until it succeeds, returns a permanent error, or b stops.
func Retry(o Operation, b BackOff) error { return o() }

// RetryNotify is Retry with a notification after each failure.
func RetryNotify(o Operation, b BackOff, n Notify) error { return o() }

// RetryWithData is Retry for an operation with a result.
func RetryWithData[T any](o OperationWithData[T], b BackOff) (T, error) { return o() }

// RetryNotifyWithData is RetryNotify for an operation with a result.
func RetryNotifyWithData[T any](o OperationWithData[T], b BackOff, n Notify) (T, error) {
	return o()
}
