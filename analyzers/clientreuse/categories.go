package clientreuse

import "github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"

// Categories describes the categories of the analyzer's diagnostics, once:
// the command's help and SARIF rules are built from it, and a test checks
// the README and docs/clientreuse.md against it.
func Categories() []analyzerdoc.Category {
	return []analyzerdoc.Category{
		{Name: "per-request", Summary: "an http.Transport, or a client with its own, built per request, loop iteration or call and thrown away", HasFix: true, Anchor: "what-it-reports"},
	}
}
