package bodyclose_test

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/bodyclose"
	"github.com/httpvet/httpvet/analyzers/internal/testsupport"
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
	analysistest.Run(t, testdata(t), bodyclose.Analyzer, "bodyclose/basic", "bodyclose/helpers", "bodyclose/websocket", "bodyclose/user", "bodyclose/passthrough", "bodyclose/oneshot")
}

func TestDoc(t *testing.T) {
	a := bodyclose.Analyzer
	if !strings.HasPrefix(a.Doc, "response bodies left open, holding their connections\n") {
		t.Errorf("Doc does not start with the summary line: %q", a.Doc)
	}
	if !strings.HasSuffix(a.URL, "/docs/bodyclose.md") {
		t.Errorf("URL = %q", a.URL)
	}
}

func TestFixes(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), bodyclose.Analyzer, "bodyclose/fixes")
	// A golden file is only compared when a fix touched its file: assert,
	// finding by finding, which ones carry a fix.
	noFix := map[string]bool{
		"unclosed neverClosedInLoop": true, // a defer in a loop would pile up
		"unclosed noErrorCheck":      true, // no error check to anchor on
		"unclosed returnReadsBody":   true, // the return reads the body
		"unclosed sharedReturn":      true, // the error path reaches the return with a nil response
		"discarded discardAssign":    true, // = would need a declaration
		"discarded discardNoCheck":   true, // no error check after the call
		"defer-in-loop loopContinue": true, // continue leaves the iteration early
	}
	seen := make(map[string]bool)
	for _, r := range results {
		for _, d := range r.Diagnostics {
			key := d.Category + " " + enclosingFunc(r.Pass.Files, d.Pos)
			seen[key] = true
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

// TestUndrained runs the opt-in undrained category; without the flag the
// same package reports only its defer-in-loop case.
func TestUndrained(t *testing.T) {
	t.Run("off", func(t *testing.T) {
		results := analysistest.Run(&testsupport.Recorder{}, testdata(t), bodyclose.Analyzer, "bodyclose/drain")
		deferInLoop := false
		for _, r := range results {
			for _, d := range r.Diagnostics {
				switch d.Category {
				case "undrained":
					t.Errorf("%v: undrained reported without -drain", r.Pass.Fset.Position(d.Pos))
				case "defer-in-loop":
					deferInLoop = true
				}
			}
		}
		if !deferInLoop {
			t.Errorf("the default categories did not run: no defer-in-loop finding")
		}
	})
	t.Run("on", func(t *testing.T) {
		testsupport.SetFlag(t, bodyclose.Analyzer.Flags.Lookup("drain"), "true")
		analysistest.Run(t, testdata(t), bodyclose.Analyzer, "bodyclose/drain")
	})
}
