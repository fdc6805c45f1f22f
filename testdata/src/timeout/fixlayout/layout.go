// Package fixlayout holds client and transport literals in every brace
// layout gofmt accepts: the fields must land in the literal itself, never
// in a literal or function nested in it that closes on the same line.
package fixlayout

import (
	"crypto/tls"
	"net/http"
	"time"
)

const target = "https://status.example.org/ping"

func emptyInline() {
	c := &http.Client{}
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}

func emptyMultiline() {
	c := &http.Client{
	}
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}

func emptyWithComment() {
	c := &http.Client{
		// filled in by the fix
	}
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}

func emptyBlockComment() {
	c := &http.Client{ /* nothing yet */ }
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}

func oneLine() {
	c := &http.Client{Jar: nil}
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}

func oneLineTrailingComma() {
	c := &http.Client{Jar: nil, }
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}

func oneLineBlockComment() {
	c := &http.Client{Jar: nil /* no cookies */}
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}

func onePerLineTrailingComment() {
	c := &http.Client{
		Jar: nil, // no cookies
		// a comment on its own line before the brace
	}
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}

func firstOnBraceLine() {
	c := &http.Client{Jar: nil,
	}
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}

// The redirect policy's body closes on the client's line: the Timeout must
// not land in the function.
func closingFuncSharesLine() {
	c := &http.Client{
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			return http.ErrUseLastResponse
		}}
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}

// The transport closes on the client's line: the Timeout goes to the
// client, the dial and handshake timeouts to the transport.
func closingTransportSharesLine() {
	c := &http.Client{Transport: &http.Transport{ // want `http.Transport has no dial or TLS handshake timeout`
		MaxIdleConns: 2,
	}}
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}

func closingTransportOwnLines() {
	c := &http.Client{
		Transport: &http.Transport{ // want `http.Transport has no dial or TLS handshake timeout`
			MaxIdleConns: 2,
		}}
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}

// The TLS configuration closes on the transport's line: DialContext must
// not land in the tls.Config.
func closingTLSConfigSharesLine() {
	tr := &http.Transport{TLSClientConfig: &tls.Config{ // want `http.Transport has no dial or TLS handshake timeout`
		MinVersion: tls.VersionTLS12,
	}}
	c := &http.Client{Transport: tr, Timeout: 0}
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}

func transportEmptyMultiline() {
	tr := &http.Transport{ // want `http.Transport has no dial or TLS handshake timeout`
	}
	c := http.Client{Transport: tr}
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}

func parenthesised() {
	c := (&http.Client{})
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
	_ = time.Second
}
