// Package usercard renders a profile card from a user API's JSON, decoded
// into untyped maps and trusted field by field.
package usercard

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 5 * time.Second}

// Card returns "name (homepage)". A user whose name is null, or who has no
// links, panics the caller.
func Card(ctx context.Context, id string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://users.example.com/v1/users/"+id, nil)
	if err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("user %s: %s", id, resp.Status)
	}
	var user map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&user); err != nil {
		return "", err
	}
	name := user["name"].(string)
	homepage := user["links"].(map[string]any)["homepage"].(string)
	return fmt.Sprintf("%s (%s)", name, homepage), nil
}
