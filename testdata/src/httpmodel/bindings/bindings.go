// Package bindings holds the shapes in which a request's results are
// received, for the model's Binding.
package bindings

import (
	"context"
	"net/http"
)

// apiResponse is an SDK's response type: it embeds the live response.
type apiResponse struct {
	*http.Response
	Rate int
}

// get sends through an SDK-style wrapper returning the embedding type.
func get(ctx context.Context, c *http.Client, url string) (*apiResponse, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req) // want `binding resp=resp err=err end=func uses=1`
	if err != nil {
		return nil, err
	}
	return &apiResponse{Response: resp}, nil
}

func shapes(ctx context.Context, c *http.Client, req *http.Request) {
	// The region ends where the next assignment takes effect, at the end
	// of its statement: its left side is the region's second use.
	first, err := c.Do(req) // want `binding resp=first err=err end=next uses=2`
	_, _ = first, err
	first, err = c.Do(req) // want `binding resp=first err=err end=func uses=1`
	_ = first

	var declared, derr = c.Do(req) // want `binding resp=declared err=derr end=func uses=1`
	_, _ = declared, derr

	blind, _ := c.Do(req) // want `binding resp=blind err=_ end=func uses=1 discarded`
	_ = blind

	sdk, err := get(ctx, c, "https://api.example.com") // want `binding resp=sdk err=err end=func uses=1`
	_ = sdk.StatusCode

	_, err = c.Do(req) // want `no binding`
	_ = err

	use(c.Do(req)) // want `no binding`

	go func() {
		inner, err := c.Do(req) // want `binding resp=inner err=err end=func uses=1`
		_, _ = inner, err
	}()
}

func use(*http.Response, error) {}
