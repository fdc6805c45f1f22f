package libs

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/cenkalti/backoff/v4"
	"github.com/hashicorp/go-retryablehttp"
)

// CheckRetry policies that compute their answer in the return itself.
func computedPolicies() {
	c := retryablehttp.NewClient()
	c.CheckRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error) { // want `CheckRetry retries every failing status, 4xx included`
		if err != nil {
			return true, err
		}
		return resp.StatusCode != http.StatusOK, nil
	}
	c.CheckRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error) { // want `CheckRetry retries every failing status, 4xx included`
		return err != nil || resp.StatusCode >= 400, nil
	}
	c.CheckRetry = retryOnAnyFailure // want `CheckRetry retries every failing status, 4xx included`

	// Computed, and telling statuses apart: not reported.
	c.CheckRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		if err != nil {
			return true, err
		}
		return resp.StatusCode >= 500, nil
	}
	c.CheckRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		return err != nil || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500, nil
	}
	// An answer the analyzer cannot read: not reported.
	c.CheckRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		if err != nil {
			return true, err
		}
		return worthRetrying(resp), nil
	}
}

func retryOnAnyFailure(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if err != nil {
		return true, nil
	}
	return resp.StatusCode > 299, nil
}

func worthRetrying(resp *http.Response) bool { return resp.Header.Get("X-Retryable") != "" }

type item struct{ Name string }

// backoff.Permanent is used, but only for failures that are not statuses.
func permanentElsewhere(ctx context.Context, url string) {
	_ = backoff.Retry(func() error { // want `backoff operation returns a retryable error for every failing status`
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return backoff.Permanent(err) // the request cannot be built: stop
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode >= 400 {
			return fmt.Errorf("fetching %s: status %d", url, resp.StatusCode)
		}
		var it item
		if err := json.NewDecoder(resp.Body).Decode(&it); err != nil {
			return backoff.Permanent(err)
		}
		return nil
	}, backoff.NewExponentialBackOff())

	// The permanent error is made on the 4xx path, through a variable: not reported.
	_ = backoff.Retry(func() error {
		resp, err := client.Get(url)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		var failure error
		if resp.StatusCode >= 400 {
			failure = backoff.Permanent(fmt.Errorf("status %d", resp.StatusCode))
		}
		return failure
	}, backoff.NewExponentialBackOff())

	// A helper decides what the error is, and may mark it: not reported.
	_ = backoff.Retry(func() error {
		resp, err := client.Get(url)
		if err != nil {
			return backoff.Permanent(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode >= 400 {
			return statusError(resp)
		}
		return nil
	}, backoff.NewExponentialBackOff())
}

func statusError(resp *http.Response) error {
	if resp.StatusCode < 500 {
		return backoff.Permanent(fmt.Errorf("status %d", resp.StatusCode))
	}
	return fmt.Errorf("status %d", resp.StatusCode)
}
