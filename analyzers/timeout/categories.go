package timeout

import "github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"

// Categories describes the categories of the analyzer's diagnostics, once:
// the command's help and SARIF rules are built from it, and a test checks
// the README and docs/timeout.md against it.
func Categories() []analyzerdoc.Category {
	return []analyzerdoc.Category{
		{Name: "no-timeout", Summary: "a request that no client timeout or context deadline bounds", HasFix: true, Anchor: "no-timeout"},
		{Name: "transport-timeouts", Summary: "an http.Transport built without dial or TLS handshake timeouts", HasFix: true, Anchor: "transport-timeouts"},
	}
}
