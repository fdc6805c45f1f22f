// Package libs configures retry libraries to retry HTTP requests, rightly
// and wrongly.
package libs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"time"

	retrygo "github.com/avast/retry-go/v4"
	"github.com/cenkalti/backoff/v4"
	backoff5 "github.com/cenkalti/backoff/v5"
	"github.com/hashicorp/go-retryablehttp"
	retry "github.com/sethvargo/go-retry"
)

var client = &http.Client{Timeout: 10 * time.Second}

var errNotFound = errors.New("not found")

// fetch sends a GET and reports 5xx as retryable, like a careful SDK.
func fetch(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return retry.RetryableError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		return retry.RetryableError(fmt.Errorf("status %d", resp.StatusCode))
	}
	if resp.StatusCode == http.StatusNotFound {
		return errNotFound
	}
	return nil
}

func get(url string) error { return fetch(context.Background(), url) }

// --- github.com/sethvargo/go-retry

func sethvargo(ctx context.Context, url string) {
	bg := context.Background()
	_ = retry.Do(bg, retry.NewExponential(time.Second), func(ctx context.Context) error { // want `retry.NewExponential never stops and the context given to retry.Do cannot end`
		return fetch(ctx, url)
	})

	b := retry.WithCappedDuration(10*time.Second, retry.NewFibonacci(time.Second)) // want `retry.NewFibonacci never stops`
	_ = retry.Do(context.TODO(), b, func(ctx context.Context) error { return fetch(ctx, url) })

	_, _ = retry.DoValue(bg, retry.BackoffFunc(func() (time.Duration, bool) { return time.Second, false }), func(ctx context.Context) (int, error) { // want `retry.BackoffFunc never stops`
		return 0, fetch(ctx, url)
	})

	_ = retry.Constant(bg, time.Second, func(ctx context.Context) error { return fetch(ctx, url) }) // want `retry.Constant retries until its context ends and this context never does`

	// Bounded: by attempts, by time, by the caller's context.
	_ = retry.Do(bg, retry.WithMaxRetries(3, retry.NewExponential(time.Second)), func(ctx context.Context) error { return fetch(ctx, url) })
	_ = retry.Do(bg, retry.WithMaxDuration(time.Minute, retry.NewConstant(time.Second)), func(ctx context.Context) error { return fetch(ctx, url) })
	_ = retry.Do(ctx, retry.NewExponential(time.Second), func(ctx context.Context) error { return fetch(ctx, url) })
	tctx, cancel := context.WithTimeout(bg, time.Minute)
	defer cancel()
	_ = retry.Do(tctx, retry.NewExponential(time.Second), func(ctx context.Context) error { return fetch(ctx, url) })
	_ = retry.Exponential(ctx, time.Second, func(ctx context.Context) error { return fetch(ctx, url) })
}

// Not HTTP: a database retry is out of scope.
func sethvargoDB(db *sql.DB) {
	_ = retry.Do(context.Background(), retry.NewConstant(time.Second), func(ctx context.Context) error {
		return db.PingContext(ctx)
	})
}

// --- github.com/cenkalti/backoff/v4

func cenkalti(ctx context.Context, url string) {
	op := func() error { return get(url) }

	_ = backoff.Retry(op, &backoff.ConstantBackOff{Interval: time.Second}) // want `backoff.ConstantBackOff never stops and backoff.Retry is given no context that can end`

	b := backoff.NewExponentialBackOff()
	b.MaxElapsedTime = 0 // want `MaxElapsedTime = 0 makes the exponential backoff retry forever`
	_ = backoff.Retry(op, b)

	_ = backoff.Retry(op, backoff.NewExponentialBackOff(backoff.WithMaxElapsedTime(0))) // want `WithMaxElapsedTime\(0\) makes the exponential backoff retry forever`

	_ = backoff.RetryNotify(op, &backoff.ZeroBackOff{}, nil) // want `backoff.ZeroBackOff never stops` `backoff.ZeroBackOff retries at once`

	_ = backoff.Retry(op, backoff.WithMaxRetries(&backoff.ZeroBackOff{}, 3)) // want `backoff.ZeroBackOff retries at once`

	// Every non-2xx status becomes a retryable error.
	_ = backoff.Retry(func() error { // want `backoff operation returns a retryable error for every failing status`
		resp, err := client.Get(url)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	}, backoff.NewExponentialBackOff())

	// Bounded or careful: the default MaxElapsedTime, a cap on retries, a
	// context that can end, a MaxElapsedTime set, permanent 4xx.
	_ = backoff.Retry(op, backoff.NewExponentialBackOff())
	_ = backoff.Retry(op, backoff.WithMaxRetries(&backoff.ConstantBackOff{Interval: time.Second}, 5))
	_ = backoff.Retry(op, backoff.WithContext(&backoff.ConstantBackOff{Interval: time.Second}, ctx))
	_ = backoff.Retry(op, &backoff.ExponentialBackOff{InitialInterval: time.Second, MaxElapsedTime: time.Minute})
	b2 := &backoff.ExponentialBackOff{InitialInterval: time.Second}
	b2.MaxElapsedTime = 2 * time.Minute
	_ = backoff.Retry(op, b2)
	_ = backoff.Retry(func() error {
		resp, err := client.Get(url)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode >= 400 && resp.StatusCode < 500 {
			return backoff.Permanent(fmt.Errorf("status %d", resp.StatusCode))
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	}, backoff.NewExponentialBackOff())
}

// --- github.com/cenkalti/backoff/v5

func cenkaltiV5(ctx context.Context, url string) {
	op := func() (int, error) { return 0, get(url) }
	_, _ = backoff5.Retry(context.Background(), op, backoff5.WithMaxElapsedTime(0))                // want `backoff5.WithMaxElapsedTime\(0\) without backoff5.WithMaxTries lets backoff5.Retry run forever`
	_, _ = backoff5.Retry(context.Background(), op, backoff5.WithBackOff(&backoff5.ZeroBackOff{})) // want `backoff.ZeroBackOff retries at once`

	_, _ = backoff5.Retry(context.Background(), op)
	_, _ = backoff5.Retry(context.Background(), op, backoff5.WithMaxElapsedTime(0), backoff5.WithMaxTries(5))
	_, _ = backoff5.Retry(ctx, op, backoff5.WithMaxElapsedTime(0))
}

// --- github.com/avast/retry-go/v4

func avast(ctx context.Context, url string) {
	f := func() error { return get(url) }
	_ = retrygo.Do(f, retrygo.Attempts(0))                                             // want `retrygo.Attempts\(0\) retries until success and no context that can end is given`
	_ = retrygo.Do(f, retrygo.UntilSucceeded(), retrygo.Context(context.Background())) // want `retrygo.UntilSucceeded\(\) retries until success`
	_ = retrygo.Do(f, retrygo.Delay(0), retrygo.DelayType(retrygo.FixedDelay))         // want `retrygo.Delay\(0\) with retrygo.FixedDelay retries at once`

	_ = retrygo.Do(func() error { // blanket operation under an always-true RetryIf
		resp, err := client.Get(url)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	}, retrygo.RetryIf(func(err error) bool { return true })) // want `retrygo.RetryIf function retries every error, permanent failures included`

	// Defaults, a context that can end, a selective RetryIf, a growing delay.
	_ = retrygo.Do(f)
	_ = retrygo.Do(f, retrygo.Attempts(0), retrygo.Context(ctx))
	_ = retrygo.Do(f, retrygo.RetryIf(func(err error) bool { return !errors.Is(err, errNotFound) }))
	_ = retrygo.Do(f, retrygo.Delay(0))
	_ = retrygo.Do(f, retrygo.Attempts(5), retrygo.RetryIf(func(err error) bool { return true }))
}

// --- github.com/hashicorp/go-retryablehttp

func retryable() {
	c := retryablehttp.NewClient()
	c.CheckRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error) { // want `CheckRetry retries every failing status, 4xx included`
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		if err != nil {
			return true, err
		}
		if resp.StatusCode != http.StatusOK {
			return true, nil
		}
		return false, nil
	}

	_ = &retryablehttp.Client{CheckRetry: alwaysRetry} // want `CheckRetry retries every failing status`

	// Careful policies.
	c.CheckRetry = retryablehttp.DefaultRetryPolicy
	c.CheckRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		if resp != nil && resp.StatusCode == http.StatusConflict {
			return true, nil
		}
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
	c.CheckRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		if err != nil {
			return true, nil
		}
		return resp.StatusCode == 0 || resp.StatusCode >= 500, nil
	}
}

func alwaysRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	return true, nil
}
