// Package petapi is a small SDK for a pet-shelter API: its methods check // want package:`nullable\(Pet\.Adopter\) checked\(Pet\.Vet\)`
// the status and decode the reply. Which of its pointer fields can be nil
// is said by the field comments and by its own code.
package petapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

type Client struct{ HTTP *http.Client }

type Person struct {
	Name string `json:"name"`
}

type Pet struct {
	ID *int64 `json:"id"`
	// Adopter is null until the pet is adopted.
	Adopter *Person `json:"adopter"`
	// Vet is the shelter's vet for this pet.
	Vet *Person `json:"vet"`
	// Shelter is never nil: every pet lives in one.
	Shelter *Person `json:"shelter"`
	Breed   *string `json:"breed"`
}

// Get fetches one pet, checking the status in full.
func (c *Client) Get(ctx context.Context, id string) (*Pet, error) { // want Get:`returns\(resp->\*0\)`
	req, err := http.NewRequestWithContext(ctx, "GET", "https://pets.example/"+id, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("get pet: %s", resp.Status)
	}
	p := new(Pet)
	if err := json.NewDecoder(resp.Body).Decode(p); err != nil {
		return nil, err
	}
	return p, nil
}

// VetName shows that the SDK itself expects a pet without a vet.
func VetName(p *Pet) string {
	if p.Vet == nil {
		return "none"
	}
	return p.Vet.Name
}

// GetBreed is the nil-safe accessor: it checks by rote, which says nothing
// about the API.
func (p *Pet) GetBreed() string {
	if p == nil || p.Breed == nil {
		return ""
	}
	return *p.Breed
}
