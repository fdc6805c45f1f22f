package statuscheck

import "github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"

// Categories describes the categories of the analyzer's diagnostics, once:
// the command's help and SARIF rules are built from it, and a test checks
// the README and docs/statuscheck.md against it.
func Categories() []analyzerdoc.Category {
	return []analyzerdoc.Category{
		{Name: "ignored-error", Summary: "a request whose error is never checked before the response is used", HasFix: true, Anchor: "ignored-error"},
		{Name: "unchecked-status", Summary: "a response body used without checking the HTTP status", HasFix: true, Anchor: "unchecked-status"},
	}
}
