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
	analysistest.Run(t, testdata(t), ctxprop.Analyzer, "ctxprop/basic", "ctxprop/helpers", "ctxprop/callbacks", "ctxprop/goroutines", "ctxprop/cli", "ctxprop/library")
}

func TestFixes(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), ctxprop.Analyzer, "ctxprop/fix")
	// A golden file is compared only when a fix touched it: assert which
	// diagnostics carry which fix.
	got := fixMessages(t, results)
	want := map[int]string{
		14: "Use http.NewRequestWithContext with ctx",
		22: "Pass r.Context() instead",
		27: "Pass the request context",
		36: "Pass the request context",
		45: "", // the error check does not follow the call
		55: "Use retryablehttp.NewRequestWithContext with ctx",
		70: "Pass ctx instead",
		76: "Use http.NewRequestWithContext with in.Context()",
		99: "Call lookupCtx with ctx",
	}
	checkFixes(t, got, want)
}

// fixMessages maps each diagnostic's line to its fix's message ("" for
// none), checking categories on the way.
func fixMessages(t *testing.T, results []*analysistest.Result) map[int]string {
	t.Helper()
	got := make(map[int]string)
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if d.Category != ctxprop.Category {
				t.Errorf("category %q, want %q", d.Category, ctxprop.Category)
			}
			line := r.Pass.Fset.Position(d.Pos).Line
			switch len(d.SuggestedFixes) {
			case 0:
				got[line] = ""
			case 1:
				got[line] = d.SuggestedFixes[0].Message
			default:
				t.Errorf("line %d: %d fixes, want at most 1", line, len(d.SuggestedFixes))
			}
		}
	}
	return got
}

func checkFixes(t *testing.T, got, want map[int]string) {
	t.Helper()
	for line, msg := range want {
		if g, ok := got[line]; !ok {
			t.Errorf("line %d: no diagnostic", line)
		} else if g != msg {
			t.Errorf("line %d: fix %q, want %q", line, g, msg)
		}
	}
	for line, msg := range got {
		if _, ok := want[line]; !ok {
			t.Errorf("line %d: unexpected diagnostic with fix %q", line, msg)
		}
	}
}

// TestDependency runs in a module whose dependency (a replaced module)
// sends requests: drops only the dependency could fix are not reported,
// and the context-taking variant it offers is named, with a fix where the
// call maps onto it argument for argument.
func TestDependency(t *testing.T) {
	dir := filepath.Join(testdata(t), "src", "ctxprop", "depmod")
	results := analysistest.RunWithSuggestedFixes(t, dir, ctxprop.Analyzer, "./...")
	checkFixes(t, fixMessages(t, results), map[int]string{
		22: "Call FetchWithContext with r.Context()",
		23: "", // PingCtx takes another parameter too
		24: "",
	})
}
