// Package nilevidence is checked with the default nil-deref rule: a // want package:`nullable\(Page\.Next\) checked\(Account\.Plan\)`
// dereference of a pointer field is reported only with evidence that the
// field can be nil.
package nilevidence

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"jsoncheck/petapi"
)

type Plan struct {
	Seats int `json:"seats"`
}

type Account struct {
	Owner *string `json:"owner"`
	Plan  *Plan   `json:"plan"`
	Quota *int    `json:"quota"`
}

// ---- error bodies: the status is not checked in full ----

func noStatusCheck(c *http.Client, url string) (string, error) {
	resp, err := c.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var a Account
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		return "", err
	}
	return *a.Owner, nil // want `\*a\.Owner dereferences pointer field a\.Owner .* \(the body decoded may be an error response`
}

func offByOne(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode > 400 { // 400 Bad Request gets through
		return 0, fmt.Errorf("status %d", resp.StatusCode)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	var a Account
	if err := json.Unmarshal(b, &a); err != nil {
		return 0, err
	}
	return *a.Quota, nil // want `\*a\.Quota dereferences pointer field a\.Quota .* error response`
}

func onlyServerErrors(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case 500, 502, 503:
		return 0, fmt.Errorf("server error %d", resp.StatusCode)
	}
	var a Account
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		return 0, err
	}
	return *a.Quota, nil // want `\*a\.Quota dereferences pointer field a\.Quota .* error response`
}

// fetchAccount has no status check; its callers get the error body's
// evidence through its fact.
func fetchAccount(c *http.Client, url string) (*Account, error) { // want fetchAccount:`returns\(resp!->\*0\)`
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	a := new(Account)
	err = json.NewDecoder(resp.Body).Decode(a)
	return a, err
}

func throughHelper(c *http.Client) (string, error) {
	a, err := fetchAccount(c, "https://api.example/me")
	if err != nil {
		return "", err
	}
	return *a.Owner, nil // want `\*a\.Owner dereferences pointer field a\.Owner .* error response`
}

// ---- a comment on the field says it may be null ----

type Page struct {
	Items []string `json:"items"`
	// Next is null on the last page.
	Next *string `json:"next"`
	// Total is always sent.
	Total *int `json:"total"`
}

func nextPage(c *http.Client, url string) (string, error) {
	resp, err := c.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", fmt.Errorf("status %d", resp.StatusCode)
	}
	var p Page
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		return "", err
	}
	_ = *p.Total        // no evidence: the API always sends it
	return *p.Next, nil // want `\*p\.Next dereferences pointer field p\.Next .* \(the field's comment says it may be null or absent\)`
}

func adopter(ctx context.Context, c *petapi.Client) (string, error) {
	p, err := c.Get(ctx, "7")
	if err != nil {
		return "", err
	}
	return p.Adopter.Name, nil // want `p\.Adopter\.Name dereferences pointer field p\.Adopter .* comment says it may be null`
}

// ---- the same field is compared with nil elsewhere ----

func vet(ctx context.Context, c *petapi.Client) (string, error) {
	p, err := c.Get(ctx, "7")
	if err != nil {
		return "", err
	}
	return p.Vet.Name, nil // want `p\.Vet\.Name dereferences pointer field p\.Vet .* \(other code compares this field with nil\)`
}

func seats(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("status %d", resp.StatusCode)
	}
	var a Account
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		return 0, err
	}
	return a.Plan.Seats, nil // want `a\.Plan\.Seats dereferences pointer field a\.Plan .*other code compares this field with nil`
}

func hasPlan(a *Account) bool { return a.Plan != nil }

// ---- deliberate negatives: no evidence ----

// statusChecked: a 200 reply from this API always carries an owner.
func statusChecked(c *http.Client, url string) (string, error) {
	resp, err := c.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		return "", fmt.Errorf("status %d", resp.StatusCode)
	}
	var a Account
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		return "", err
	}
	return *a.Owner, nil
}

// statusInBranch decodes only inside the success branch.
func statusInBranch(c *http.Client, url string) (string, error) {
	resp, err := c.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 == 2 {
		var a Account
		if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
			return "", err
		}
		return *a.Owner, nil
	}
	return "", fmt.Errorf("status %d", resp.StatusCode)
}

// checkedByHelper hands the response to a function that may check its
// status: what it does is not followed, so there is no evidence.
func checkedByHelper(c *http.Client, url string) (string, error) {
	resp, err := c.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if err := expectOK(resp); err != nil {
		return "", err
	}
	var a Account
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		return "", err
	}
	return *a.Owner, nil
}

func expectOK(resp *http.Response) error {
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %s", resp.Status)
	}
	return nil
}

// fromParameter: the caller may have checked the status.
func fromParameter(resp *http.Response) (string, error) {
	var a Account
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		return "", err
	}
	return *a.Owner, nil
}

// sdkAlwaysSent: the SDK checks the status, and nothing says the field
// can be nil; "never nil" in a comment is not evidence, and the SDK's
// rote accessor check is not either.
func sdkAlwaysSent(ctx context.Context, c *petapi.Client) (string, error) {
	p, err := c.Get(ctx, "7")
	if err != nil {
		return "", err
	}
	return fmt.Sprint(*p.ID, p.Shelter.Name, *p.Breed), nil
}
