package statuscheck_test

import (
	"go/ast"
	"go/token"
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
		"statuscheck/fixerror", "statuscheck/fixstatus", "statuscheck/fixsafety")

	// A golden file is only compared when a fix touched its file: assert,
	// finding by finding, which ones carry a fix, so that a fix that
	// silently disappears (or appears where it is unsafe) fails the test.
	// Findings are named by their category and enclosing function.
	noFix := map[string]bool{
		// fixerror: no error result to return, or no name for the error.
		"ignored-error fixerror.noErrorResult":        true,
		"ignored-error fixerror.assignOuterReadLater": true,
		// fixerror: no error check after the request to anchor the guard on.
		"unchecked-status fixerror.namedResults": true,
		"unchecked-status fixerror.overwritten":  true,
		// fixstatus: no error check to anchor on, or no error result.
		"unchecked-status fixstatus.noErrorCheck":  true,
		"unchecked-status fixstatus.noErrorResult": true,
		// fixsafety: the fix-safety rules of docs/statuscheck.md.
		"unchecked-status fixsafety.currentStage": true, // Stage's zero value is StageReady
		"ignored-error fixsafety.stageNoErrCheck": true,
		"unchecked-status fixsafety.refresh":      true, // returns the cached copy with the error
		"unchecked-status fixsafety.lookup":       true, // decodes the service's error document
		"ignored-error fixsafety.exists":          true, // restlib returns the 404 response with an error
	}
	wantMsg := map[string]string{
		"ignored-error":    "Check the request error",
		"unchecked-status": "Check the response status",
	}
	seen := make(map[string]bool)
	for _, r := range results {
		for _, d := range r.Diagnostics {
			key := d.Category + " " + r.Pass.Pkg.Name() + "." + enclosingFunc(r.Pass.Files, d.Pos)
			seen[key] = true
			for _, f := range d.SuggestedFixes {
				if f.Message != wantMsg[d.Category] {
					t.Errorf("%s: fix %q, want %q", key, f.Message, wantMsg[d.Category])
				}
				if len(f.TextEdits) == 0 {
					t.Errorf("%s: fix %q has no edits", key, f.Message)
				}
			}
			switch {
			case noFix[key] && len(d.SuggestedFixes) != 0:
				t.Errorf("%s: unsafe fix offered", key)
			case !noFix[key] && len(d.SuggestedFixes) != 1:
				t.Errorf("%s: %d fixes, want 1", key, len(d.SuggestedFixes))
			}
		}
	}
	for key := range noFix {
		if !seen[key] {
			t.Errorf("%s: no finding", key)
		}
	}
}

// enclosingFunc names the top-level function declaration holding pos.
func enclosingFunc(files []*ast.File, pos token.Pos) string {
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= pos && pos < fd.End() {
				return fd.Name.Name
			}
		}
	}
	return "?"
}

// TestLineDirective runs the fixes on a file whose lines a //line directive
// renumbers (naming the file itself): the edits land on the file's own lines.
func TestLineDirective(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), statuscheck.Analyzer, "statuscheck/linedirective")
	fixed := make(map[string]bool)
	for _, r := range results {
		for _, d := range r.Diagnostics {
			fixed[d.Category] = len(d.SuggestedFixes) == 1
		}
	}
	for _, cat := range []string{"ignored-error", "unchecked-status"} {
		if !fixed[cat] {
			t.Errorf("%s: no fix under a //line directive", cat)
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
