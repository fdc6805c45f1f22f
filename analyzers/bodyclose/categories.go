package bodyclose

import "github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"

// Categories describes the categories of the analyzer's diagnostics, once:
// the command's help and SARIF rules are built from it, and a test checks
// the README and docs/bodyclose.md against it.
func Categories() []analyzerdoc.Category {
	return []analyzerdoc.Category{
		{Name: categoryUnclosed, Summary: "a response whose body is not closed on some path that leaves the function", HasFix: true, Anchor: "unclosed"},
		{Name: categoryDiscarded, Summary: "a live response thrown away, so its body can never be closed", HasFix: true, Anchor: "discarded"},
		{Name: categoryDeferInLoop, Summary: "a body close deferred inside a loop, holding every iteration's connection until the function returns", HasFix: true, Anchor: "defer-in-loop"},
		{Name: categoryUndrained, Summary: "a body closed unread in a loop over a shared client, so its connection cannot be reused (opt-in)", Anchor: "undrained"},
	}
}
