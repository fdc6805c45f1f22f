// Package ctxprop defines an Analyzer that reports outbound HTTP requests
// that drop the context their caller gave.
//
// # Analyzer ctxprop
//
// ctxprop: report outbound HTTP requests that drop the caller's context
//
// A function that has a context — a context.Context parameter, or an inbound
// handler's *http.Request — and sends a request without it (http.NewRequest,
// http.Get, (*http.Client).Get, a helper that takes no context) or with
// context.Background() or context.TODO() in its place cuts the chain of
// cancellation: when the caller disconnects or its deadline passes, the
// outbound call runs on, holding a goroutine, a connection and a slot in the
// upstream's queue.
//
// Deliberate detachment is not reported: context.WithoutCancel(ctx), work
// started in a go statement's function literal, and function literals stored
// for later (callbacks that run after the caller's context is over). Functions with no context to
// pass on are not reported either, so a chain of context-less helpers is
// reported once, where a context is available and dropped.
//
// Fixes pass the available context: http.NewRequest becomes
// http.NewRequestWithContext, context.Background() is replaced, and
// resp, err := http.Get(u) (or Head) followed by an error check is rewritten
// into a request built with the context and sent with Do.
package ctxprop

import _ "embed"

//go:embed doc.go
var doc string
