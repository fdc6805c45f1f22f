package loops

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// envelope is how an SDK hands back a response: the live *http.Response
// embedded, with the SDK's own fields beside it. Its StatusCode and Body
// are the response's, so a loop over it is judged like one over the
// response itself (statuscheck and jsoncheck already judge it that way).
type envelope struct {
	*http.Response
	Page int
}

// fetchEnvelope sends one request and wraps its response.
func fetchEnvelope(ctx context.Context, url string) (*envelope, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	return &envelope{Response: resp}, nil
}

// The SDK response of a failed attempt keeps its body open too.
func leaksEnvelope(ctx context.Context, url string) (*envelope, error) {
	for attempt := 0; attempt < 4; attempt++ {
		env, err := fetchEnvelope(ctx, url) // want `response body of a failed attempt is not closed before the next attempt`
		if err != nil {
			time.Sleep(time.Second << attempt)
			continue
		}
		if env.StatusCode >= 500 {
			time.Sleep(time.Second << attempt)
			continue
		}
		return env, nil
	}
	return nil, errors.New("gave up")
}

// Closing the embedded response's body before the next attempt is right.
func closesEnvelope(ctx context.Context, url string) (*envelope, error) {
	for attempt := 0; attempt < 4; attempt++ {
		env, err := fetchEnvelope(ctx, url)
		if err != nil {
			time.Sleep(time.Second << attempt)
			continue
		}
		if env.StatusCode >= 500 {
			env.Body.Close()
			time.Sleep(time.Second << attempt)
			continue
		}
		return env, nil
	}
	return nil, errors.New("gave up")
}
