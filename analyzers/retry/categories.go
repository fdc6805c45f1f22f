package retry

import "github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"

// Categories describes the categories of the analyzer's diagnostics, once:
// the command's help and SARIF rules are built from it, and a test checks
// the README and docs/retry.md against it.
func Categories() []analyzerdoc.Category {
	return []analyzerdoc.Category{
		{Name: "unbounded", Summary: "a retry that never gives up", HasFix: true, Anchor: "unbounded"},
		{Name: "no-backoff", Summary: "a retry that does not wait between attempts", HasFix: false, Anchor: "no-backoff"},
		{Name: "blanket", Summary: "a retry of every failure, 4xx responses included", HasFix: false, Anchor: "blanket"},
		{Name: "body-reuse", Summary: "a retried request that resends a request body already consumed", HasFix: false, Anchor: "body-reuse"},
		{Name: "leaked-body", Summary: "a failed attempt's response body left open before the next attempt", HasFix: true, Anchor: "leaked-body"},
		{Name: "budget", Summary: "retries in a handler whose worst case outlasts the request budget", HasFix: false, Anchor: "budget"},
	}
}
