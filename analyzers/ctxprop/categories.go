package ctxprop

import "github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"

// Categories describes the categories of the analyzer's diagnostics, once:
// the command's help and SARIF rules are built from it, and a test checks
// the README and docs/ctxprop.md against it.
func Categories() []analyzerdoc.Category {
	return []analyzerdoc.Category{
		{Name: "dropped-context", Summary: "an outbound request that drops the caller's context", HasFix: true, Anchor: "what-is-reported"},
	}
}
