package loops

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Loops whose request goes somewhere else every round are not retries,
// whatever their exit conditions look like: not reported.

// Looking for a discovery document on a name and then on each parent
// domain: the first one that answers wins.
func discover(host string) (*http.Response, error) {
	for host != "" {
		resp, err := client.Get("https://" + host + "/.well-known/service")
		if err == nil && resp.StatusCode == http.StatusOK {
			return resp, nil
		}
		if resp != nil {
			resp.Body.Close()
		}
		_, parent, found := strings.Cut(host, ".")
		if !found {
			break
		}
		host = parent
	}
	return nil, fmt.Errorf("no service document")
}

// Trying each mirror in turn, counted by index.
func fromMirrors(ctx context.Context, mirrors []string, path string) (*http.Response, error) {
	for i := 0; i < len(mirrors); i++ {
		target := mirrors[i] + path
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req)
		if err != nil {
			continue
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
	return nil, fmt.Errorf("every mirror failed")
}

// A request built once whose host is switched each round.
func switchHosts(ctx context.Context, hosts []string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://primary/health", nil)
	if err != nil {
		return nil, err
	}
	for n := 0; n < 3; n++ {
		req.URL.Host = hosts[n%len(hosts)]
		resp, err := client.Do(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			if resp != nil {
				resp.Body.Close()
			}
			continue
		}
		return resp, nil
	}
	return nil, fmt.Errorf("no host answered")
}

type pager struct{ base *url.URL }

func (p *pager) page(ctx context.Context, n int) (*http.Response, error) {
	u := *p.base
	u.RawQuery = url.Values{"page": {fmt.Sprint(n)}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}

// Pages fetched through a wrapper until one is missing: the page number
// is the target.
func (p *pager) firstMissing(ctx context.Context) int {
	for n := 1; ; n++ {
		resp, err := p.page(ctx, n)
		if err != nil {
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return n
		}
	}
}

// Counted attempts at one target still are a retry loop: reported.
func sameTargetCounted(ctx context.Context, target string) (*http.Response, error) {
	for attempt := 0; attempt < 3; attempt++ { // want `retry loop sends the next attempt at once` `retry loop retries every failing status`
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("X-Attempt", fmt.Sprint(attempt))
		resp, err := client.Do(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			if resp != nil {
				resp.Body.Close()
			}
			continue
		}
		return resp, nil
	}
	return nil, fmt.Errorf("gave up")
}

// A wrapper retried with the same path, a body rebuilt each round: reported.
func (p *pager) sameWrapperTarget(ctx context.Context) (*http.Response, error) {
	for { // want `retry loop never gives up on an error` `retry loop sends the next attempt at once`
		resp, err := p.page(ctx, 1)
		if err != nil {
			continue
		}
		return resp, nil
	}
}
