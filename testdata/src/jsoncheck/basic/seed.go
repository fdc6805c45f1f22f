// Package basic holds the seed course's user card (exercise 1.4) ported to
// Go, twice: decoded into untyped maps and into structs with pointer fields.
// The three users the API answers with 200:
//
//	activeUser:  every field set
//	newUser:     name, bio and links.homepage are null
//	minimalUser: no "links" key at all
package basic

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

const (
	activeUser  = `{"name": "Jane Smith", "username": "active_user", "bio": "Engineer", "links": {"homepage": "https://jane.dev"}, "followers": 1500}`
	newUser     = `{"name": null, "username": "new_user", "bio": null, "links": {"homepage": null}, "followers": 0}`
	minimalUser = `{"name": "Min", "username": "minimal_user", "bio": "Hello", "followers": 42}`
)

// serve answers like the seed's API: 200 for all three users.
func serve(w http.ResponseWriter, r *http.Request) {
	body := map[string]string{"active_user": activeUser, "new_user": newUser, "minimal_user": minimalUser}[strings.TrimPrefix(r.URL.Path, "/users/")]
	w.Write([]byte(body))
}

// cardUntyped panics for newUser (name is null: the interface holds nil,
// not a string) and for minimalUser (links is absent).
func cardUntyped(ctx context.Context, c *http.Client, username string) (map[string]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.socialnetwork.example/users/"+username, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %s", resp.Status)
	}
	var data map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&data); err != nil {
		return nil, err
	}
	return map[string]string{
		"display_name":   strings.ToUpper(data["name"].(string)),              // want `unchecked type assertion data\["name"\]\.\(string\) on JSON from an HTTP response panics when the value is null, absent or not string`
		"handle":         "@" + data["username"].(string),                     // want `unchecked type assertion data\["username"\]`
		"bio_preview":    data["bio"].(string),                                // want `unchecked type assertion data\["bio"\]`
		"website":        data["links"].(map[string]any)["homepage"].(string), // want `unchecked type assertion data\["links"\]\.\(map\[string\]any\)\["homepage"\]` `unchecked type assertion data\["links"\]\.\(map\[string\]any\) on`
		"follower_count": fmt.Sprint(int(data["followers"].(float64))),        // want `unchecked type assertion data\["followers"\]`
	}, nil
}

// SocialLinks and SocialUser are the typed shape: optional fields are pointers.
type SocialLinks struct {
	Homepage *string `json:"homepage"`
}

type SocialUser struct {
	Name      *string      `json:"name"`
	Username  string       `json:"username"`
	Bio       *string      `json:"bio"`
	Links     *SocialLinks `json:"links"`
	Followers int          `json:"followers"`
}

// cardTyped decodes into the struct but trusts the pointers: newUser has a
// nil Name, minimalUser a nil Links.
func cardTyped(ctx context.Context, c *http.Client, username string) (map[string]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.socialnetwork.example/users/"+username, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %s", resp.Status)
	}
	var u SocialUser
	if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
		return nil, err
	}
	return map[string]string{
		"display_name": strings.ToUpper(*u.Name), // want `\*u\.Name dereferences pointer field u\.Name of JSON from an HTTP response without a nil check`
		"handle":       "@" + u.Username,
		"bio_preview":  *u.Bio,            // want `\*u\.Bio dereferences pointer field u\.Bio`
		"website":      *u.Links.Homepage, // want `\*u\.Links\.Homepage dereferences pointer field u\.Links\.Homepage` `u\.Links\.Homepage dereferences pointer field u\.Links `
	}, nil
}

// cardValidated is the typed, validated way: every pointer is checked.
func cardValidated(ctx context.Context, c *http.Client, username string) (map[string]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.socialnetwork.example/users/"+username, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %s", resp.Status)
	}
	var u SocialUser
	if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
		return nil, err
	}
	card := map[string]string{"handle": "@" + u.Username}
	if u.Name != nil {
		card["display_name"] = strings.ToUpper(*u.Name)
	}
	if u.Bio == nil {
		return card, nil
	}
	card["bio_preview"] = *u.Bio
	if u.Links != nil && u.Links.Homepage != nil {
		card["website"] = *u.Links.Homepage
	}
	return card, nil
}

// cardCommaOk is the untyped, validated way.
func cardCommaOk(data map[string]any) (string, bool) {
	name, ok := data["name"].(string)
	if !ok {
		return "", false
	}
	links, ok := data["links"].(map[string]any)
	if !ok {
		return name, true
	}
	switch h := links["homepage"].(type) {
	case string:
		return name + " " + h, true
	}
	return name, true
}
