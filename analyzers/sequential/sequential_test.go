package sequential_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/sequential"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSequential(t *testing.T) {
	results := analysistest.Run(t, testdata(t), sequential.Analyzer, "sequential/basic", "sequential/ghapp", "sequential/generic", "sequential/syncpoints")
	// Each finding names the other calls as related positions.
	for _, r := range results {
		for _, d := range r.Diagnostics {
			var n int
			fmt.Sscanf(d.Message, "%d independent", &n)
			if n < 2 || len(d.Related) != n-1 || d.Category != sequential.Category {
				t.Errorf("%s: %q has %d related positions and category %q", r.Pass.Fset.Position(d.Pos), d.Message, len(d.Related), d.Category)
			}
		}
	}
}

// TestLoops checks the -loops flag; without it the loops are not reported.
func TestLoops(t *testing.T) {
	rec := &recorder{}
	results := analysistest.Run(rec, testdata(t), sequential.Analyzer, "sequential/loops")
	for _, r := range results {
		if n := len(r.Diagnostics); n != 0 {
			t.Errorf("without -loops: %d diagnostics, want none", n)
		}
	}

	setFlag(t, sequential.Analyzer.Flags.Lookup("loops").Value, "true")
	analysistest.Run(t, testdata(t), sequential.Analyzer, "sequential/loops")
}

type flagValue interface {
	Set(string) error
	String() string
}

func setFlag(t *testing.T, v flagValue, value string) {
	old := v.String()
	if err := v.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Set(old) })
}

type recorder struct{ errors []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestFixes(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), sequential.Analyzer, "sequential/fixwg")
	// A golden file is compared only when a fix touched it: count the fixes.
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if d.Category != sequential.Category {
				t.Errorf("category %q, want %q", d.Category, sequential.Category)
			}
			if len(d.SuggestedFixes) != 1 {
				t.Errorf("%s: %q has %d fixes, want 1", r.Pass.Fset.Position(d.Pos), d.Message, len(d.SuggestedFixes))
			}
		}
	}
}

// TestErrgroupFix checks the errgroup shape, in a module whose package
// already imports golang.org/x/sync/errgroup.
func TestErrgroupFix(t *testing.T) {
	dir := filepath.Join(testdata(t), "src", "sequential", "errgroupmod")
	results := analysistest.RunWithSuggestedFixes(t, dir, sequential.Analyzer, "./...")
	fixes := make(map[string]int)
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, f := range d.SuggestedFixes {
				fixes[f.Message]++
			}
		}
	}
	if fixes["Run the requests concurrently in an errgroup"] != 1 || fixes["Run the requests concurrently with sync.WaitGroup.Go"] != 1 || len(fixes) != 2 {
		t.Errorf("fixes = %v, want one errgroup fix and one WaitGroup fix (calls without a context argument)", fixes)
	}
}

// TestNoFixBeforeGo125 checks that no fix is offered where neither shape applies.
func TestNoFixBeforeGo125(t *testing.T) {
	dir := filepath.Join(testdata(t), "src", "sequential", "oldmod")
	for _, r := range analysistest.Run(t, dir, sequential.Analyzer, "./...") {
		for _, d := range r.Diagnostics {
			if len(d.SuggestedFixes) != 0 {
				t.Errorf("%s: unexpected fix %q", r.Pass.Fset.Position(d.Pos), d.SuggestedFixes[0].Message)
			}
		}
	}
}
