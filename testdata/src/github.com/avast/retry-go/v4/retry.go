// Package retry is a test stub of github.com/avast/retry-go/v4's exported
// API, written for httpvet's tests.
package retry

import (
	"context"
	"time"
)

// RetryableFunc is one attempt.
type RetryableFunc func() error

// RetryableFuncWithData is one attempt that returns a value.
type RetryableFuncWithData[T any] func() (T, error)

// Option configures Do.
type Option func(*Config)

// Config holds Do's settings.
type Config struct {
	attempts  uint
	delay     time.Duration
	ctx       context.Context
	retryIf   RetryIfFunc
	delayType DelayTypeFunc
}

// RetryIfFunc decides whether an error is retried.
type RetryIfFunc func(error) bool

// DelayTypeFunc computes the wait before attempt n.
type DelayTypeFunc func(n uint, err error, config *Config) time.Duration

// Attempts sets the number of attempts; 0 retries until success.
func Attempts(attempts uint) Option { return func(c *Config) { c.attempts = attempts } }

// UntilSucceeded retries until success.
func UntilSucceeded() Option { return Attempts(0) }

// Delay sets the base delay.
func Delay(delay time.Duration) Option { return func(c *Config) { c.delay = delay } }

// MaxDelay caps the delay.
func MaxDelay(d time.Duration) Option { return func(c *Config) {} }

// DelayType sets how the delay grows.
func DelayType(f DelayTypeFunc) Option { return func(c *Config) { c.delayType = f } }

// Context stops the retries when ctx ends.
func Context(ctx context.Context) Option { return func(c *Config) { c.ctx = ctx } }

// RetryIf decides which errors are retried.
func RetryIf(f RetryIfFunc) Option { return func(c *Config) { c.retryIf = f } }

// LastErrorOnly returns only the last error.
func LastErrorOnly(b bool) Option { return func(c *Config) {} }

// FixedDelay waits the base delay every time.
func FixedDelay(n uint, err error, config *Config) time.Duration { return config.delay }

// BackOffDelay doubles the delay each time.
func BackOffDelay(n uint, err error, config *Config) time.Duration { return config.delay << n }

// RandomDelay waits a random time.
func RandomDelay(n uint, err error, config *Config) time.Duration { return 0 }

// CombineDelay adds the delays of fs.
func CombineDelay(fs ...DelayTypeFunc) DelayTypeFunc { return fs[0] }

// Unrecoverable marks err as not to be retried.
func Unrecoverable(err error) error { return err }

// Do calls f until it succeeds or the options stop it.
func Do(f RetryableFunc, opts ...Option) error { return f() }

// DoWithData is Do for a function with a result.
func DoWithData[T any](f RetryableFuncWithData[T], opts ...Option) (T, error) { return f() }
