package fixleak

import (
	"context"
	"errors"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 10 * time.Second}

func get(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req) // want `response body of a failed attempt is not closed before the next attempt`
		if err != nil {
			time.Sleep(time.Second << attempt)
			continue
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			time.Sleep(time.Second << attempt)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

func post(ctx context.Context, url string) (*http.Response, error) {
	for attempt := 0; attempt < 4; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req) // want `response body of a failed attempt is not closed before the next attempt`
		if err != nil {
			return nil, err
		}
		switch resp.StatusCode {
		case http.StatusServiceUnavailable, http.StatusBadGateway:
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}
