// Package oldmod is Go 1.24: sync.WaitGroup.Go does not exist yet and
// errgroup is not imported, so no fix is offered.
package oldmod

import (
	"context"
	"net/http"
)

func head(ctx context.Context, url string) (int, error) { // want head:"read"
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func both(ctx context.Context) (int, error) { // want both:"read"
	a, err := head(ctx, "http://a") // want `2 independent HEAD requests`
	if err != nil {
		return 0, err
	}
	b, err := head(ctx, "http://b")
	if err != nil {
		return 0, err
	}
	return a + b, nil
}
