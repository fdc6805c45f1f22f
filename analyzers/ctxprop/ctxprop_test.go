package ctxprop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/ctxprop"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCtxprop(t *testing.T) {
	analysistest.Run(t, testdata(t), ctxprop.Analyzer, "ctxprop/basic", "ctxprop/helpers", "ctxprop/callbacks", "ctxprop/goroutines")
}

func TestFixes(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), ctxprop.Analyzer, "ctxprop/fix")
	// A golden file is compared only when a fix touched it: count the fixes.
	withFix, without := 0, 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if d.Category != ctxprop.Category {
				t.Errorf("category %q, want %q", d.Category, ctxprop.Category)
			}
			if len(d.SuggestedFixes) > 0 {
				withFix++
			} else {
				without++
			}
		}
	}
	if withFix != 5 || without != 1 {
		t.Errorf("diagnostics with a fix: %d, without: %d; want 5 and 1", withFix, without)
	}
}
