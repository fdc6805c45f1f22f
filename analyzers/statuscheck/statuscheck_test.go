package statuscheck_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/statuscheck"
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

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testdata(t), statuscheck.Analyzer,
		"statuscheck/basic", "statuscheck/sdk", "statuscheck/sdkuser", "statuscheck/cleanup")
}

func TestFixes(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), statuscheck.Analyzer,
		"statuscheck/fixerror", "statuscheck/fixstatus")

	// A golden file is only compared when a fix touched its file: count the
	// fixes, so that a fix that silently disappears fails the test.
	type count struct{ diags, fixes int }
	got := make(map[string]count) // category -> counts
	for _, r := range results {
		for _, d := range r.Diagnostics {
			c := got[d.Category]
			c.diags++
			for _, f := range d.SuggestedFixes {
				want := map[string]string{
					"ignored-error":    "Check the request error",
					"unchecked-status": "Check the response status",
				}[d.Category]
				if f.Message != want {
					t.Errorf("%s: fix %q, want %q", d.Message, f.Message, want)
				}
				if len(f.TextEdits) == 0 {
					t.Errorf("%s: fix %q has no edits", d.Message, f.Message)
				}
				c.fixes++
			}
			got[d.Category] = c
		}
	}
	want := map[string]count{
		"ignored-error":    {diags: 10, fixes: 8},
		"unchecked-status": {diags: 10, fixes: 6},
	}
	for cat, w := range want {
		if got[cat] != w {
			t.Errorf("category %s: got %+v, want %+v", cat, got[cat], w)
		}
	}
	for cat := range got {
		if _, ok := want[cat]; !ok {
			t.Errorf("unexpected category %q", cat)
		}
	}
}

func TestDoc(t *testing.T) {
	a := statuscheck.Analyzer
	if !strings.HasPrefix(a.Doc, "responses whose error or status is never checked\n") {
		t.Errorf("Doc does not start with the summary line: %q", a.Doc)
	}
	if !strings.HasSuffix(a.URL, "/docs/statuscheck.md") {
		t.Errorf("URL = %q", a.URL)
	}
	if a.Name != "statuscheck" {
		t.Errorf("Name = %q", a.Name)
	}
}
