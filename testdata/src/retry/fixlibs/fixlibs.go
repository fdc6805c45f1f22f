package fixlibs

import (
	"context"
	"net/http"
	"time"

	retrygo "github.com/avast/retry-go/v4"
	"github.com/cenkalti/backoff/v4"
	retry "github.com/sethvargo/go-retry"
)

var client = &http.Client{Timeout: 10 * time.Second}

func get(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func fix(url string) {
	f := func() error { return get(url) }
	_ = retrygo.Do(f, retrygo.Attempts(0))      // want `retrygo.Attempts\(0\) retries until success`
	_ = retrygo.Do(f, retrygo.UntilSucceeded()) // want `retrygo.UntilSucceeded\(\) retries until success`

	_ = retry.Do(context.Background(), retry.NewExponential(time.Second), func(context.Context) error { return get(url) }) // want `retry.NewExponential never stops`

	_ = backoff.Retry(f, &backoff.ConstantBackOff{Interval: time.Second}) // want `backoff.ConstantBackOff never stops`
	b := backoff.NewExponentialBackOff()
	b.MaxElapsedTime = 0 // want `MaxElapsedTime = 0 makes the exponential backoff retry forever`
	_ = backoff.Retry(f, b)
}
