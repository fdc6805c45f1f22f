package jsoncheck_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/jsoncheck"
)

// testdata is the suite's shared testdata directory, made absolute for the
// GOPATH-mode loader.
func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// setFlag sets an analyzer flag for the duration of a test.
func setFlag(t *testing.T, name, value string) {
	f := jsoncheck.Analyzer.Flags.Lookup(name)
	if f == nil {
		t.Fatalf("no flag %s", name)
	}
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(old) })
}

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testdata(t), jsoncheck.Analyzer,
		"jsoncheck/basic", "jsoncheck/ghsdk", "jsoncheck/sdkuser")
}

func TestAllDecodes(t *testing.T) {
	setFlag(t, "all-decodes", "true")
	analysistest.Run(t, testdata(t), jsoncheck.Analyzer, "jsoncheck/widen")
}

func TestFixes(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), jsoncheck.Analyzer,
		"jsoncheck/fixassert", "jsoncheck/fixdecode")
	setFlag(t, "unbounded-read", "true")
	results = append(results, analysistest.RunWithSuggestedFixes(t, testdata(t), jsoncheck.Analyzer,
		"jsoncheck/unbounded")...)

	// A golden file is only compared when a fix touched its file: count the
	// fixes, so that a fix that silently disappears fails the test.
	type count struct{ diags, fixes int }
	got := make(map[string]count)
	want := map[string]string{
		jsoncheck.CategoryUncheckedAssertion: "Check the type assertion",
		jsoncheck.CategoryIgnoredError:       "Check the decode error",
		jsoncheck.CategoryUnboundedRead:      "Limit the body size",
	}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			c := got[d.Category]
			c.diags++
			for _, f := range d.SuggestedFixes {
				if f.Message != want[d.Category] {
					t.Errorf("%s: fix %q, want %q", d.Message, f.Message, want[d.Category])
				}
				if len(f.TextEdits) == 0 {
					t.Errorf("%s: fix %q has no edits", d.Message, f.Message)
				}
				c.fixes++
			}
			got[d.Category] = c
		}
	}
	wantCounts := map[string]count{
		jsoncheck.CategoryUncheckedAssertion: {diags: 7, fixes: 5},
		jsoncheck.CategoryIgnoredError:       {diags: 4, fixes: 3},
		jsoncheck.CategoryUnboundedRead:      {diags: 4, fixes: 2},
	}
	for cat, w := range wantCounts {
		if got[cat] != w {
			t.Errorf("category %s: got %+v, want %+v", cat, got[cat], w)
		}
	}
	for cat := range got {
		if _, ok := wantCounts[cat]; !ok {
			t.Errorf("unexpected category %q", cat)
		}
	}
}

func TestDoc(t *testing.T) {
	a := jsoncheck.Analyzer
	if !strings.HasPrefix(a.Doc, "response JSON used without validation\n") {
		t.Errorf("Doc does not start with the summary line: %q", a.Doc)
	}
	if !strings.HasSuffix(a.URL, "/docs/jsoncheck.md") {
		t.Errorf("URL = %q", a.URL)
	}
	if a.Name != "jsoncheck" {
		t.Errorf("Name = %q", a.Name)
	}
	for _, f := range []string{"all-decodes", "unbounded-read", "max-body"} {
		if a.Flags.Lookup(f) == nil {
			t.Errorf("missing flag -%s", f)
		}
	}
}
