// Package generic sends requests through generic helpers and from generic
// functions.
package generic

import (
	"context"
	"encoding/json"
	"net/http"
)

func fetch[T any](ctx context.Context, url string) (T, error) { // want fetch:"read"
	var v T
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return v, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return v, err
	}
	defer resp.Body.Close()
	err = json.NewDecoder(resp.Body).Decode(&v)
	return v, err
}

type User struct{ ID string }
type Order struct{ ID string }

func load(ctx context.Context) (User, []Order, error) { // want load:"read"
	u, err := fetch[User](ctx, "http://users/me") // want `2 independent GET requests`
	if err != nil {
		return User{}, nil, err
	}
	o, err := fetch[[]Order](ctx, "http://orders")
	if err != nil {
		return User{}, nil, err
	}
	return u, o, nil
}

// A generic caller: two loads of its type parameter.
func pair[T any](ctx context.Context, a, b string) (T, T, error) { // want pair:"read"
	var zero T
	x, err := fetch[T](ctx, a) // want `2 independent GET requests`
	if err != nil {
		return zero, zero, err
	}
	y, err := fetch[T](ctx, b)
	if err != nil {
		return zero, zero, err
	}
	return x, y, nil
}

// The second URL comes from the first result.
func chain(ctx context.Context) (Order, error) { // want chain:"read"
	u, err := fetch[User](ctx, "http://users/me")
	if err != nil {
		return Order{}, err
	}
	return fetch[Order](ctx, "http://orders/"+u.ID)
}
