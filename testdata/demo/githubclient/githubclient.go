// Package githubclient fetches repositories from a GitHub-like API and
// retries every failure, 401 and 404 included, without backoff.
package githubclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 10 * time.Second}

// Repo is a repository.
type Repo struct {
	FullName string `json:"full_name"`
	Stars    int    `json:"stargazers_count"`
}

// GetRepo tries until the API answers 200: a revoked token or a missing
// repository loops forever, hammering an API that will never say yes.
func GetRepo(ctx context.Context, name string) (*Repo, error) {
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.github.example/repos/"+name, nil)
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req)
		if err != nil {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			time.Sleep(100 * time.Millisecond)
			continue
		}
		var repo Repo
		err = json.NewDecoder(resp.Body).Decode(&repo)
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("decoding %s: %w", name, err)
		}
		return &repo, nil
	}
}
