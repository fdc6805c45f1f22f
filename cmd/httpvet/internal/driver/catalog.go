package driver

import (
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/bodyclose"
	"github.com/httpvet/httpvet/analyzers/clientreuse"
	"github.com/httpvet/httpvet/analyzers/ctxprop"
	"github.com/httpvet/httpvet/analyzers/jsoncheck"
	"github.com/httpvet/httpvet/analyzers/retry"
	"github.com/httpvet/httpvet/analyzers/sequential"
	"github.com/httpvet/httpvet/analyzers/statuscheck"
	"github.com/httpvet/httpvet/analyzers/timeout"
)

// Category is the driver's view of one category of an analyzer's
// diagnostics, taken from the analyzer's own description (its
// categories.go) so that help, text, JSON and SARIF name it the same way.
type Category struct {
	Analyzer string // the analyzer's name, e.g. "timeout"
	Name     string // the diagnostic's Category, e.g. "no-timeout"
	Summary  string // one lowercase line
	HasFix   bool   // findings of the category can carry a fix
	URL      string // the docs page at the category's section
}

// ID is the category's name across the suite, "analyzer/category": the
// suffix of a text finding and the SARIF rule id.
func (c Category) ID() string { return c.Analyzer + "/" + c.Name }

// DirectiveCategory is the category every analyzer reports for an
// //httpvet:ignore directive that names it without a reason (the report
// package's, which the driver cannot import).
const DirectiveCategory = "directive"

// directiveURL is where the README explains suppression directives.
const directiveURL = "https://github.com/httpvet/httpvet#suppression"

// Categories returns the categories of analyzer a, in its declared order,
// followed by the directive category every analyzer shares. An analyzer
// the driver does not know has only the directive category.
func Categories(a *analysis.Analyzer) []Category {
	var out []Category
	add := func(name, summary string, hasFix bool, anchor string) {
		url := a.URL
		if anchor != "" {
			url += "#" + anchor
		}
		out = append(out, Category{Analyzer: a.Name, Name: name, Summary: summary, HasFix: hasFix, URL: url})
	}
	// The analyzers' Categories functions return a type of an internal
	// package of analyzers/, which this package cannot name: hence one
	// loop per analyzer instead of a table of functions.
	switch a {
	case clientreuse.Analyzer:
		for _, c := range clientreuse.Categories() {
			add(c.Name, c.Summary, c.HasFix, c.Anchor)
		}
	case timeout.Analyzer:
		for _, c := range timeout.Categories() {
			add(c.Name, c.Summary, c.HasFix, c.Anchor)
		}
	case statuscheck.Analyzer:
		for _, c := range statuscheck.Categories() {
			add(c.Name, c.Summary, c.HasFix, c.Anchor)
		}
	case retry.Analyzer:
		for _, c := range retry.Categories() {
			add(c.Name, c.Summary, c.HasFix, c.Anchor)
		}
	case jsoncheck.Analyzer:
		for _, c := range jsoncheck.Categories() {
			add(c.Name, c.Summary, c.HasFix, c.Anchor)
		}
	case sequential.Analyzer:
		for _, c := range sequential.Categories() {
			add(c.Name, c.Summary, c.HasFix, c.Anchor)
		}
	case ctxprop.Analyzer:
		for _, c := range ctxprop.Categories() {
			add(c.Name, c.Summary, c.HasFix, c.Anchor)
		}
	case bodyclose.Analyzer:
		for _, c := range bodyclose.Categories() {
			add(c.Name, c.Summary, c.HasFix, c.Anchor)
		}
	}
	out = append(out, Category{
		Analyzer: a.Name,
		Name:     DirectiveCategory,
		Summary:  "an //httpvet:ignore directive naming " + a.Name + " gives no reason, so it silences nothing",
		URL:      directiveURL,
	})
	return out
}

// lookupCategory returns the category named name of analyzer a. A category
// the analyzer does not declare (a new one not yet described) gets the
// analyzer's summary and page, so that output never loses a finding.
func lookupCategory(a *analysis.Analyzer, name string) Category {
	for _, c := range Categories(a) {
		if c.Name == name {
			return c
		}
	}
	summary, _, _ := strings.Cut(a.Doc, "\n")
	return Category{Analyzer: a.Name, Name: name, Summary: summary, URL: a.URL}
}
