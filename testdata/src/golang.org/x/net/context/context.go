// Package context is a stand-in for golang.org/x/net/context, which
// forwards to the standard package: its Context is an alias of
// context.Context and its functions call the standard ones.
package context

import std "context"

// Context is the standard context.Context.
type Context = std.Context

// CancelFunc is the standard context.CancelFunc.
type CancelFunc = std.CancelFunc

// Background returns the standard background context.
func Background() Context { return std.Background() }

// TODO returns the standard TODO context.
func TODO() Context { return std.TODO() }

// WithCancel calls the standard WithCancel.
func WithCancel(parent Context) (Context, CancelFunc) { return std.WithCancel(parent) }
