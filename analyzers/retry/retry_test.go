package retry_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/retry"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRetry(t *testing.T) {
	analysistest.Run(t, testdata(t), retry.Analyzer,
		"retry/loops", "retry/negatives", "retry/budget", "retry/libs")
}

// fixable lists the categories whose diagnostics in the fix packages must
// carry exactly one fix: a golden file is only compared when a fix touched
// its file, so a missing fix would pass unnoticed.
var fixable = map[string]bool{
	retry.CategoryUnbounded:  true,
	retry.CategoryLeakedBody: true,
}

func TestFixes(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), retry.Analyzer, "retry/fixleak", "retry/fixlibs")
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			n++
			if fixable[d.Category] && len(d.SuggestedFixes) != 1 {
				t.Errorf("%s: diagnostic %q has %d fixes, want 1", r.Pass.Fset.Position(d.Pos), d.Message, len(d.SuggestedFixes))
			}
		}
	}
	if n != 7 {
		t.Errorf("got %d diagnostics in the fix packages, want 7", n)
	}
}

func TestMaxAttemptsFlag(t *testing.T) {
	f := retry.Analyzer.Flags.Lookup("max-attempts")
	old := f.Value.String()
	if err := f.Value.Set("3"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(old) })
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), retry.Analyzer, "retry/fixflag")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if len(d.SuggestedFixes) != 1 {
				t.Errorf("%s: diagnostic %q has no fix", r.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	}
}

// TestBudgetFlag checks that a larger budget silences the handler findings.
func TestBudgetFlag(t *testing.T) {
	f := retry.Analyzer.Flags.Lookup("budget")
	old := f.Value.String()
	if err := f.Value.Set("2m"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(old) })
	rec := &recorder{}
	results := analysistest.Run(rec, testdata(t), retry.Analyzer, "retry/budget")
	for _, r := range results {
		if len(r.Diagnostics) != 0 {
			t.Errorf("with -budget=2m: %d diagnostics, want none", len(r.Diagnostics))
		}
	}
}

type recorder struct{ n int }

func (r *recorder) Errorf(format string, args ...any) { r.n++ }
