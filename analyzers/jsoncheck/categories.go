package jsoncheck

import "github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"

// Categories describes the categories of the analyzer's diagnostics, once:
// the command's help and SARIF rules are built from it, and a test checks
// the README and docs/jsoncheck.md against it.
func Categories() []analyzerdoc.Category {
	return []analyzerdoc.Category{
		{Name: "unchecked-assertion", Summary: "an unchecked type assertion on JSON decoded from a response", HasFix: true, Anchor: "unchecked-assertion"},
		{Name: "nil-deref", Summary: "a pointer field of a decoded response dereferenced without a nil check", HasFix: false, Anchor: "nil-deref"},
		{Name: "ignored-error", Summary: "a JSON decode of a response whose error is ignored", HasFix: true, Anchor: "ignored-error"},
		{Name: "unbounded-read", Summary: "a response body read whole with no size limit (opt-in)", HasFix: true, Anchor: "unbounded-read-off-unless--unbounded-read"},
	}
}
