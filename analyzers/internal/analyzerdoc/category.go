package analyzerdoc

// Category describes one category of an analyzer's diagnostics: the value
// of analysis.Diagnostic.Category, and what users read about it. Each
// analyzer declares its categories once, in its categories.go; the command's
// help and SARIF rules are built from them, and a test checks the README
// and the docs pages against them.
type Category struct {
	// Name is the diagnostic's Category, e.g. "no-timeout".
	Name string
	// Summary is one lowercase line without a final period saying what the
	// category reports; it is the SARIF rule's short description.
	Summary string
	// HasFix says whether findings of the category can carry a suggested fix.
	HasFix bool
	// Anchor is the fragment of the section of the analyzer's docs page that
	// explains the category (GitHub's heading slug, without the '#').
	Anchor string
}

// CategoryURL returns the documentation of the category c of the named
// analyzer: its docs page, at the category's section.
func CategoryURL(analyzer string, c Category) string {
	if c.Anchor == "" {
		return URL(analyzer)
	}
	return URL(analyzer) + "#" + c.Anchor
}
