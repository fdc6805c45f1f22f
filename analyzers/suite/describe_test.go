package suite_test

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/testsupport"
	"github.com/httpvet/httpvet/analyzers/suite"
)

// The tests of this file check what users read about the analyzers
// against the one description of each in code: its Analyzer (name, URL,
// the summary cut from doc.go) and its declared categories (categories.go,
// through suite.Categories). What is written by hand (the README's
// analyzer table, the docs index, each docs page's opening table and
// sections) must agree with them, and the categories the code reports
// must be the declared ones.

// repoFile returns the text of the module's file name.
func repoFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(filepath.Dir(testsupport.Testdata(t)), name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// vetStyle reports whether s reads like a vet summary: one lowercase line
// without a final period.
func vetStyle(s string) bool {
	return s != "" && !unicode.IsUpper(rune(s[0])) && !strings.HasSuffix(s, ".") && !strings.Contains(s, "\n")
}

// TestAnalyzersDescribed checks each analyzer's own description: a docs
// page its URL points at, a vet-style summary, categories that are
// declared once each with a vet-style summary, and anchors naming sections
// of the page.
func TestAnalyzersDescribed(t *testing.T) {
	seen := map[string]bool{}
	for _, a := range suite.All() {
		if seen[a.Name] {
			t.Errorf("analyzer %s listed twice", a.Name)
		}
		seen[a.Name] = true
		if a.URL != analyzerdoc.URL(a.Name) {
			t.Errorf("%s: URL %q, want %q", a.Name, a.URL, analyzerdoc.URL(a.Name))
		}
		if summary, _, _ := strings.Cut(a.Doc, "\n"); !vetStyle(summary) {
			t.Errorf("%s: summary %q should be one lowercase line without a final period", a.Name, summary)
		}
		page := repoFile(t, filepath.Join("docs", a.Name+".md"))
		anchors := headingAnchors(page)
		cats := suite.Categories(a)
		if len(cats) == 0 {
			t.Errorf("%s: no categories declared (analyzers/%s/categories.go)", a.Name, a.Name)
		}
		names := map[string]bool{}
		for _, c := range cats {
			id := a.Name + "/" + c.Name
			if names[c.Name] {
				t.Errorf("%s: declared twice", id)
			}
			names[c.Name] = true
			if !vetStyle(c.Summary) {
				t.Errorf("%s: summary %q should be one lowercase line without a final period", id, c.Summary)
			}
			if c.Anchor == "" {
				t.Errorf("%s: no anchor: say which section of docs/%s.md explains it", id, a.Name)
			} else if !anchors[c.Anchor] {
				t.Errorf("%s: docs/%s.md has no heading with the anchor #%s", id, a.Name, c.Anchor)
			}
		}
	}
}

// headingAnchors returns the GitHub anchors of a Markdown page's headings.
func headingAnchors(page string) map[string]bool {
	anchors := map[string]bool{}
	for _, line := range strings.Split(page, "\n") {
		if h, ok := strings.CutPrefix(strings.TrimLeft(line, "#"), " "); ok && strings.HasPrefix(line, "#") {
			anchors[slug(h)] = true
		}
	}
	return anchors
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

var backticked = regexp.MustCompile("`([a-z0-9-]+)`( \\(opt-in\\))?")

// row is one analyzer's row of an analyzer table.
type row struct{ reports, categories, fix string }

// analyzerTable returns the rows of the analyzer table of a Markdown
// file, by analyzer name, for the rows linking to prefix+name+".md".
func analyzerTable(t *testing.T, file, text, prefix string) map[string]row {
	t.Helper()
	rows := map[string]row{}
	for _, line := range strings.Split(text, "\n") {
		rest, ok := strings.CutPrefix(line, "| [")
		if !ok {
			continue
		}
		name, link, _ := strings.Cut(rest, "]")
		if !strings.HasPrefix(link, "("+prefix+name+".md) |") {
			t.Errorf("%s: row for %s does not link to %s%s.md", file, name, prefix, name)
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 4 {
			t.Errorf("%s: row for %s has %d cells, want 4 (analyzer, reports, categories, fix)", file, name, len(cells))
			continue
		}
		rows[name] = row{strings.TrimSpace(cells[1]), strings.TrimSpace(cells[2]), strings.TrimSpace(cells[3])}
	}
	return rows
}

// TestAnalyzerTables checks the README's analyzer table and the docs
// index against the suite: one row per analyzer, naming its declared
// categories in order (an opt-in one marked so, as its summary says), with
// "yes" in the fix column exactly when one of them has a fix. The two
// tables are one text written twice: their rows must be the same.
func TestAnalyzerTables(t *testing.T) {
	readme := analyzerTable(t, "README.md", repoFile(t, "README.md"), "docs/")
	index := analyzerTable(t, "docs/README.md", repoFile(t, filepath.Join("docs", "README.md")), "")
	run := map[string]bool{}
	for _, a := range suite.All() {
		run[a.Name] = true
		var want []string
		anyFix := false
		for _, c := range suite.Categories(a) {
			name := "`" + c.Name + "`"
			if strings.HasSuffix(c.Summary, "(opt-in)") {
				name += " (opt-in)"
			}
			want = append(want, name)
			anyFix = anyFix || c.HasFix
		}
		for _, table := range []struct {
			file string
			rows map[string]row
		}{{"README.md", readme}, {"docs/README.md", index}} {
			r, ok := table.rows[a.Name]
			if !ok {
				t.Errorf("%s: no row for %s", table.file, a.Name)
				continue
			}
			var got []string
			for _, m := range backticked.FindAllStringSubmatch(r.categories, -1) {
				got = append(got, m[0])
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: %s's categories are %v, the analyzer declares %v", table.file, a.Name, got, want)
			}
			if fix := strings.HasPrefix(r.fix, "yes"); fix != anyFix || (!fix && r.fix != "no") {
				t.Errorf("%s: %s's fix column says %q, the declared categories say %v", table.file, a.Name, r.fix, anyFix)
			}
		}
		if r, i := readme[a.Name], index[a.Name]; r != i {
			t.Errorf("%s: README.md's row %+v and docs/README.md's %+v differ", a.Name, r, i)
		}
	}
	for _, table := range []struct {
		file string
		rows map[string]row
	}{{"README.md", readme}, {"docs/README.md", index}} {
		for name := range table.rows {
			if !run[name] {
				t.Errorf("%s lists %s, which the suite does not run", table.file, name)
			}
		}
	}
}

// TestPageTables checks the opening of each docs page (its category
// table, or for one category its "Category:" line) against the declared
// categories: each named once, in order, with "none" in the fix column
// exactly for those without a fix.
func TestPageTables(t *testing.T) {
	for _, a := range suite.All() {
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
				got = append(got, backticked.FindStringSubmatch(rest)[1])
			}
		}
		var want []string
		for _, c := range suite.Categories(a) {
			want = append(want, c.Name)
			if fix, ok := fixes[c.Name]; ok && fix != c.HasFix {
				t.Errorf("docs/%s.md: the table's fix for %s says %v, the declared category says %v", a.Name, c.Name, fix, c.HasFix)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("docs/%s.md: its opening names the categories %v, the analyzer declares %v", a.Name, got, want)
		}
	}
}

// TestCategoriesInCode checks the declaration against the code: the
// string constants whose names start with "category" (Category,
// CategoryNoTimeout, categoryIgnoredError), which the analyzer's findings
// carry, are exactly its declared categories.
func TestCategoriesInCode(t *testing.T) {
	for _, a := range suite.All() {
		dir := filepath.Join(filepath.Dir(testsupport.Testdata(t)), "analyzers", a.Name)
		got := categoryConstants(t, dir)
		var want []string
		for _, c := range suite.Categories(a) {
			want = append(want, c.Name)
		}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("analyzers/%s: the code's category constants are %v, categories.go declares %v", a.Name, got, want)
		}
	}
}

// categoryConstants returns, sorted, the values of the string constants
// of the package in dir (its non-test files) whose names start with
// Category or category.
func categoryConstants(t *testing.T, dir string) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var values []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if !strings.HasPrefix(strings.ToLower(id.Name), "category") || i >= len(vs.Values) {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						if v, err := strconv.Unquote(lit.Value); err == nil {
							values = append(values, v)
						}
					}
				}
			}
		}
	}
	slices.Sort(values)
	return values
}

// TestFlagTables checks each docs page's flag table against the
// analyzer's flags: a row "| `-analyzer.flag` | default | meaning |" for
// each flag, with the flag's default, and none for a flag it does not have.
func TestFlagTables(t *testing.T) {
	for _, a := range suite.All() {
		page := repoFile(t, filepath.Join("docs", a.Name+".md"))
		documented := map[string]string{}
		for _, line := range strings.Split(page, "\n") {
			rest, ok := strings.CutPrefix(line, "| `-"+a.Name+".")
			if !ok {
				continue
			}
			name, rest, _ := strings.Cut(rest, "`")
			cells := strings.Split(strings.Trim(rest, " |"), "|")
			documented[name] = strings.Trim(strings.TrimSpace(cells[0]), "`")
		}
		a.Flags.VisitAll(func(f *flag.Flag) {
			def, ok := documented[f.Name]
			switch {
			case !ok:
				t.Errorf("docs/%s.md: no row for -%s.%s in its flag table", a.Name, a.Name, f.Name)
			case def != f.DefValue:
				t.Errorf("docs/%s.md: -%s.%s's default is %q, the flag's is %q", a.Name, a.Name, f.Name, def, f.DefValue)
			}
			delete(documented, f.Name)
		})
		for name := range documented {
			t.Errorf("docs/%s.md: documents -%s.%s, which the analyzer does not have", a.Name, a.Name, name)
		}
	}
}
