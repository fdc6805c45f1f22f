// Package sdkuser calls the ghsdk package: what its methods return is // want package:`nullable\(\) checked\(Plan\.Seats User\.Name User\.Plan\)`
// known by fact to be decoded response data.
package sdkuser

import (
	"context"
	"fmt"

	"jsoncheck/ghsdk"
)

func greet(ctx context.Context, gh *ghsdk.Client, login string) (string, error) {
	u, _, err := gh.Users.Get(ctx, login)
	if err != nil {
		return "", err
	}
	return "hello " + *u.Name, nil // want `\*u\.Name dereferences pointer field u\.Name of JSON from an HTTP response without a nil check`
}

func seats(ctx context.Context, gh *ghsdk.Client, login string) (int, error) {
	u, _, err := gh.Users.Get(ctx, login)
	if err != nil {
		return 0, err
	}
	return *u.Plan.Seats, nil // want `\*u\.Plan\.Seats dereferences pointer field u\.Plan\.Seats` `u\.Plan\.Seats dereferences pointer field u\.Plan `
}

func owners(ctx context.Context, gh *ghsdk.Client, login string) ([]string, error) {
	repos, _, err := gh.Repos.List(ctx, login)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range repos {
		out = append(out, r.GetName()+" by "+*r.Owner.Login) // want `\*r\.Owner\.Login dereferences pointer field r\.Owner\.Login` `r\.Owner\.Login dereferences pointer field r\.Owner `
	}
	return out, nil
}

// ---- negatives ----

func getter(ctx context.Context, gh *ghsdk.Client, login string) (string, error) {
	u, _, err := gh.Users.Get(ctx, login)
	if err != nil {
		return "", err
	}
	return u.GetName(), nil
}

func checked(ctx context.Context, gh *ghsdk.Client, login string) (string, error) {
	u, _, err := gh.Users.Get(ctx, login)
	if err != nil {
		return "", err
	}
	if u.Name == nil {
		return "", fmt.Errorf("user %s has no name", login)
	}
	return *u.Name, nil
}

func planViaGetter(ctx context.Context, gh *ghsdk.Client, login string) (int, error) {
	u, _, err := gh.Users.Get(ctx, login)
	if err != nil {
		return 0, err
	}
	if p := u.GetPlan(); p != nil && p.Seats != nil {
		return *p.Seats, nil
	}
	return 0, nil
}

func planChecked(ctx context.Context, gh *ghsdk.Client, login string) int {
	u, _, err := gh.Users.Get(ctx, login)
	if err != nil || u.Plan == nil || u.Plan.Seats == nil {
		return 0
	}
	return *u.Plan.Seats
}

// built: a User the program makes itself is not response data.
func built() string {
	name := "me"
	u := &ghsdk.User{Name: &name}
	return *u.Name
}

// ownPointer: dereferencing the returned pointer itself is guarded by err.
func ownPointer(ctx context.Context, gh *ghsdk.Client, login string) (ghsdk.User, error) { // want ownPointer:`returns\(resp->0\)`
	u, _, err := gh.Users.Get(ctx, login)
	if err != nil {
		return ghsdk.User{}, err
	}
	return *u, nil
}

// intoOwn decodes through Do into a local map: an SDK helper known by fact.
func intoOwn(ctx context.Context, gh *ghsdk.Client) (string, error) {
	req, err := gh.NewRequest("GET", "meta")
	if err != nil {
		return "", err
	}
	var meta map[string]any
	if _, err := gh.Do(ctx, req, &meta); err != nil {
		return "", err
	}
	return meta["version"].(string), nil // want `unchecked type assertion meta\["version"\]`
}
