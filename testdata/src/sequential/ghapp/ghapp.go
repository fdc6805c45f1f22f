// Package ghapp calls the ghsdk package: its GETs are known through facts.
package ghapp

import (
	"context"

	"sequential/ghsdk"
)

type Profile struct {
	User  *ghsdk.User
	Repos []*ghsdk.Repository
	Org   *ghsdk.User
}

func profile(ctx context.Context, gh *ghsdk.Client, login string) (*Profile, error) { // want profile:"read"
	user, _, err := gh.Users.Get(ctx, login) // want `3 independent GET requests run one after another`
	if err != nil {
		return nil, err
	}
	repos, _, err := gh.Repositories.List(ctx, login, nil)
	if err != nil {
		return nil, err
	}
	org, _, err := gh.Users.Get(ctx, "acme")
	if err != nil {
		return nil, err
	}
	return &Profile{User: user, Repos: repos, Org: org}, nil
}

// The second call takes the login from the first: a dependency.
func dependent(ctx context.Context, gh *ghsdk.Client, id string) ([]*ghsdk.Repository, error) { // want dependent:"read"
	user, _, err := gh.Users.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	repos, _, err := gh.Repositories.List(ctx, user.GetLogin(), nil)
	return repos, err
}

// Pagination: the options carry the cursor of the previous response.
func pages(ctx context.Context, gh *ghsdk.Client, login string) error { // want pages:"read"
	opts := &ghsdk.ListOptions{PerPage: 100}
	_, resp, err := gh.Repositories.List(ctx, login, opts)
	if err != nil {
		return err
	}
	opts.Page = resp.NextPage
	_, _, err = gh.Repositories.List(ctx, login, opts)
	return err
}

// A write between two reads orders them.
func editThenRead(ctx context.Context, gh *ghsdk.Client, u *ghsdk.User) error { // want editThenRead:"read"
	if _, _, err := gh.Users.Get(ctx, "a"); err != nil {
		return err
	}
	if _, _, err := gh.Users.Edit(ctx, u); err != nil {
		return err
	}
	_, _, err := gh.Users.Get(ctx, "a")
	return err
}

// Writes are never reported.
func deletes(ctx context.Context, gh *ghsdk.Client) error { // want deletes:"read"
	if _, err := gh.Repositories.Delete(ctx, "o", "a"); err != nil {
		return err
	}
	_, err := gh.Repositories.Delete(ctx, "o", "b")
	return err
}
