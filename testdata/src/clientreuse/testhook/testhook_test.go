package testhook

import (
	"context"
	"net"
	"testing"
)

func TestFetch(t *testing.T) {
	dialOverride = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return new(net.Dialer).DialContext(ctx, network, "127.0.0.1:1")
	}
	useFakeRegistry = true
	t.Cleanup(func() { dialOverride, useFakeRegistry = nil, false })
	if _, err := fetch(context.Background(), "http://registry.invalid/v2/"); err == nil {
		t.Fatal("want a dial error")
	}
}
