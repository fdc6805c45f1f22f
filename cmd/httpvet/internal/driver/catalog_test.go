package driver_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/httpvet/httpvet/analyzers/suite"
	"github.com/httpvet/httpvet/cmd/httpvet/internal/driver"
)

// TestCategories checks the driver's view of the categories against the
// analyzers' declarations (which analyzers/suite's description tests check
// against the README and the docs pages): the declared categories in their
// order, each with its summary, fix and the URL of its docs section, then
// the directive category every analyzer shares.
func TestCategories(t *testing.T) {
	for _, a := range suite.All() {
		got := driver.Categories(a)
		var want []driver.Category
		for _, c := range suite.Categories(a) {
			want = append(want, driver.Category{Analyzer: a.Name, Name: c.Name, Summary: c.Summary, HasFix: c.HasFix, URL: a.URL + "#" + c.Anchor})
		}
		if len(got) == 0 || got[len(got)-1].Name != driver.DirectiveCategory {
			t.Errorf("%s: categories %v do not end with the directive category", a.Name, got)
			continue
		}
		if directive := got[len(got)-1]; !strings.Contains(directive.Summary, a.Name) || directive.HasFix || !strings.HasSuffix(directive.URL, "#suppression") {
			t.Errorf("%s: directive category %+v", a.Name, directive)
		}
		if !slices.Equal(got[:len(got)-1], want) {
			t.Errorf("%s: driver categories %+v, want the declared %+v", a.Name, got[:len(got)-1], want)
		}
		for _, c := range got {
			if c.ID() != a.Name+"/"+c.Name {
				t.Errorf("%s: ID %q", c.Name, c.ID())
			}
		}
	}
}
