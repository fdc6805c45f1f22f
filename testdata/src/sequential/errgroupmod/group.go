// Package errgroupmod already uses errgroup: the fix builds a group.
package errgroupmod

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// each runs f for every item concurrently.
func each(ctx context.Context, items []string, f func(context.Context, string) error) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error { return f(ctx, it) })
	}
	return g.Wait()
}
