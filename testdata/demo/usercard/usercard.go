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

// Profile is the typed form of the same user. Optional fields are pointers,
// as in most SDKs: a null or absent field decodes to nil.
type Profile struct {
	Name  *string `json:"name"`
	Links *struct {
		Homepage *string `json:"homepage"`
	} `json:"links"`
}

// TypedCard decodes into Profile and dereferences its fields unchecked: the
// same crash as Card, moved from the type assertion to the pointer.
func TypedCard(ctx context.Context, id string) (string, error) {
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
	var p Profile
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s (%s)", *p.Name, *p.Links.Homepage), nil
}
