package suite_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/httpvet/httpvet/analyzers/suite"
)

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestRegistry checks that what users read agrees with what the suite
// runs: every analyzer has a docs page, a row in the README's table and in
// the docs index, a URL pointing at its page, and a vet-style summary.
func TestRegistry(t *testing.T) {
	readme := readRepoFile(t, "README.md")
	index := readRepoFile(t, filepath.Join("docs", "README.md"))
	seen := map[string]bool{}
	for _, a := range suite.All() {
		if seen[a.Name] {
			t.Errorf("analyzer %s listed twice", a.Name)
		}
		seen[a.Name] = true
		page := filepath.Join("docs", a.Name+".md")
		if _, err := os.Stat(filepath.Join("..", "..", page)); err != nil {
			t.Errorf("%s: no documentation page %s", a.Name, page)
		}
		if !strings.HasSuffix(a.URL, "/docs/"+a.Name+".md") {
			t.Errorf("%s: URL %q does not point at %s", a.Name, a.URL, page)
		}
		if !strings.Contains(readme, "| ["+a.Name+"](docs/"+a.Name+".md) |") {
			t.Errorf("%s: no row in README.md's analyzer table", a.Name)
		}
		if !strings.Contains(index, "| ["+a.Name+"]("+a.Name+".md) |") {
			t.Errorf("%s: no row in docs/README.md", a.Name)
		}
		summary, _, _ := strings.Cut(a.Doc, "\n")
		if summary == "" || unicode.IsUpper(rune(summary[0])) || strings.HasSuffix(summary, ".") {
			t.Errorf("%s: summary %q should be lowercase without a final period", a.Name, summary)
		}
	}
	// No row for an analyzer the suite does not run.
	for _, line := range strings.Split(index, "\n") {
		if name, ok := strings.CutPrefix(line, "| ["); ok {
			name, _, _ = strings.Cut(name, "]")
			if !seen[name] {
				t.Errorf("docs/README.md lists %s, which the suite does not run", name)
			}
		}
	}
}
