package driver_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/httpvet/httpvet/analyzers/suite"
	"github.com/httpvet/httpvet/cmd/httpvet/internal/driver"
)

func repoFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var backticked = regexp.MustCompile("`([a-z0-9-]+)`")

// declared returns the analyzer's own categories (without the directive
// category every analyzer shares) and whether any has a fix.
func declared(t *testing.T, cats []driver.Category) (names []string, anyFix bool) {
	for _, c := range cats {
		if c.Name == driver.DirectiveCategory {
			continue
		}
		names = append(names, c.Name)
		anyFix = anyFix || c.HasFix
	}
	return names, anyFix
}

// slug is GitHub's anchor for a Markdown heading.
func slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteRune('-')
		}
	}
	return b.String()
}

// TestCategoriesDescribed checks each analyzer's declared categories:
// every field is filled in, summaries read like vet's, and the anchors
// name sections of the analyzer's page.
func TestCategoriesDescribed(t *testing.T) {
	for _, a := range suite.All() {
		cats := driver.Categories(a)
		names, _ := declared(t, cats)
		if len(names) == 0 {
			t.Errorf("%s: no categories declared (analyzers/%s/categories.go)", a.Name, a.Name)
			continue
		}
		page := repoFile(t, filepath.Join("docs", a.Name+".md"))
		anchors := map[string]bool{}
		for _, line := range strings.Split(page, "\n") {
			if h, ok := strings.CutPrefix(strings.TrimLeft(line, "#"), " "); ok && strings.HasPrefix(line, "#") {
				anchors[slug(h)] = true
			}
		}
		seen := map[string]bool{}
		for _, c := range cats {
			if seen[c.Name] {
				t.Errorf("%s: category %s declared twice", a.Name, c.Name)
			}
			seen[c.Name] = true
			if c.Summary == "" || unicode.IsUpper(rune(c.Summary[0])) || strings.HasSuffix(c.Summary, ".") {
				t.Errorf("%s: summary %q should be one lowercase line without a final period", c.ID(), c.Summary)
			}
			if c.Name == driver.DirectiveCategory {
				continue
			}
			_, anchor, ok := strings.Cut(c.URL, "#")
			if !ok || !strings.HasPrefix(c.URL, a.URL+"#") {
				t.Errorf("%s: URL %q is not a section of %s", c.ID(), c.URL, a.URL)
			} else if !anchors[anchor] {
				t.Errorf("%s: docs/%s.md has no heading with the anchor #%s", c.ID(), a.Name, anchor)
			}
		}
	}
}

// TestCategoryTables checks the README's analyzer table, the docs index
// and the opening of each docs page (its category table, or its
// "Category:" line) against the categories the analyzers declare.
func TestCategoryTables(t *testing.T) {
	readme := repoFile(t, "README.md")
	index := repoFile(t, filepath.Join("docs", "README.md"))
	for _, a := range suite.All() {
		names, anyFix := declared(t, driver.Categories(a))
		for _, table := range []struct{ file, text, link string }{
			{"README.md", readme, "| [" + a.Name + "](docs/" + a.Name + ".md) |"},
			{"docs/README.md", index, "| [" + a.Name + "](" + a.Name + ".md) |"},
		} {
			row := ""
			for _, line := range strings.Split(table.text, "\n") {
				if strings.HasPrefix(line, table.link) {
					row = line
				}
			}
			if row == "" {
				t.Errorf("%s: no row for %s", table.file, a.Name)
				continue
			}
			cells := strings.Split(strings.Trim(row, "|"), "|")
			if len(cells) != 4 {
				t.Errorf("%s: row for %s has %d cells, want 4 (analyzer, reports, categories, fix)", table.file, a.Name, len(cells))
				continue
			}
			var got []string
			for _, m := range backticked.FindAllStringSubmatch(cells[2], -1) {
				got = append(got, m[1])
			}
			if !slices.Equal(got, names) {
				t.Errorf("%s: %s's categories are %v, the analyzer declares %v", table.file, a.Name, got, names)
			}
			if fix := strings.HasPrefix(strings.TrimSpace(cells[3]), "yes"); fix != anyFix {
				t.Errorf("%s: %s's fix column says %v, the declared categories say %v", table.file, a.Name, fix, anyFix)
			}
		}

		page := repoFile(t, filepath.Join("docs", a.Name+".md"))
		opening, _, _ := strings.Cut(page, "\n## ")
		var got []string
		fixes := map[string]bool{}
		for _, line := range strings.Split(opening, "\n") {
			switch {
			case strings.HasPrefix(line, "| `"):
				cells := strings.Split(strings.Trim(line, "|"), "|")
				m := backticked.FindStringSubmatch(cells[0])
				if m == nil {
					continue
				}
				got = append(got, m[1])
				fixes[m[1]] = strings.TrimSpace(cells[len(cells)-1]) != "none"
			case strings.Contains(line, "Category: `"):
				_, rest, _ := strings.Cut(line, "Category: ")
				m := backticked.FindStringSubmatch(rest)
				got = append(got, m[1])
			}
		}
		if !slices.Equal(got, names) {
			t.Errorf("docs/%s.md: its opening names the categories %v, the analyzer declares %v", a.Name, got, names)
		}
		for _, c := range driver.Categories(a) {
			if fix, ok := fixes[c.Name]; ok && fix != c.HasFix {
				t.Errorf("docs/%s.md: the table's fix for %s says %v, the declared category says %v", a.Name, c.Name, fix, c.HasFix)
			}
		}
	}
}
