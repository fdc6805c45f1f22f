// Package sdkuser calls the sdk package: its facts cross the package boundary.
package sdkuser

import (
	"context"
	"encoding/json"
	"io"
	"net/http"

	"statuscheck/sdk"
)

type Repo struct {
	Name string `json:"name"`
}

func viaCheckResponse(ctx context.Context, c *http.Client, url string) (*Repo, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if err := sdk.CheckResponse(resp); err != nil { // the helper examines the status: fact
		return nil, err
	}
	var r Repo
	return &r, json.NewDecoder(resp.Body).Decode(&r)
}

func viaBareDo(ctx context.Context, c *sdk.Client, req *http.Request) (*Repo, error) {
	resp, err := c.BareDo(ctx, req) // examined before it is returned: fact
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var r Repo
	return &r, json.NewDecoder(resp.Body).Decode(&r)
}

func viaGet(ctx context.Context, c *sdk.Client, url string) ([]byte, error) {
	resp, err := c.Get(ctx, url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func viaRaw(ctx context.Context, c *sdk.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Raw(ctx, req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body) // want `body of the response from \(\*sdk\.Client\)\.Raw is read without checking resp\.StatusCode`
}

func viaIgnore(ctx context.Context, c *sdk.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Raw(ctx, req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	sdk.Ignore(resp)             // seen into: it does not examine the status
	return io.ReadAll(resp.Body) // want `body of the response from \(\*sdk\.Client\)\.Raw is read`
}

func rawIgnoredError(ctx context.Context, c *sdk.Client, req *http.Request) int {
	resp, _ := c.Raw(ctx, req) // want `error returned by \(\*sdk\.Client\)\.Raw is not checked`
	return resp.StatusCode
}

func bareDoIgnoredError(ctx context.Context, c *sdk.Client, req *http.Request) int {
	resp, _ := c.BareDo(ctx, req) // want `error returned by \(\*sdk\.Client\)\.BareDo is not checked`
	return resp.NextPage
}
