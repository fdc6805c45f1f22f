package sequential

import "github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"

// Categories describes the categories of the analyzer's diagnostics, once:
// the command's help and SARIF rules are built from it, and a test checks
// the README and docs/sequential.md against it.
func Categories() []analyzerdoc.Category {
	return []analyzerdoc.Category{
		{Name: "independent-calls", Summary: "independent GET requests made one after another instead of concurrently", HasFix: true, Anchor: "what-it-reports"},
	}
}
