package sequential_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/internal/testsupport"
	"github.com/httpvet/httpvet/analyzers/sequential"
)

func TestSequential(t *testing.T) {
	results := analysistest.Run(t, testsupport.Testdata(t), sequential.Analyzer, "sequential/basic", "sequential/ghapp", "sequential/generic", "sequential/syncpoints")
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
	rec := &testsupport.Recorder{}
	results := analysistest.Run(rec, testsupport.Testdata(t), sequential.Analyzer, "sequential/loops")
	for _, r := range results {
		if n := len(r.Diagnostics); n != 0 {
			t.Errorf("without -loops: %d diagnostics, want none", n)
		}
	}

	testsupport.SetFlag(t, sequential.Analyzer.Flags.Lookup("loops"), "true")
	analysistest.Run(t, testsupport.Testdata(t), sequential.Analyzer, "sequential/loops")
}

func TestFixes(t *testing.T) {
	findings := testsupport.RunWithFixes(t, testsupport.Testdata(t), sequential.Analyzer, "sequential/fixwg")
	// A golden file is compared only when a fix touched it: assert the fixes.
	testsupport.ExpectCategory(t, findings, sequential.Category)
	testsupport.ExpectFixes(t, findings, testsupport.ByFunc, map[string]string{
		"independent-calls fixwg.dashboard": "Run the requests concurrently with sync.WaitGroup.Go",
		"independent-calls fixwg.wrapped":   "Run the requests concurrently with sync.WaitGroup.Go",
	})
}

// TestErrgroupFix checks the errgroup shape, in a module whose package
// already imports golang.org/x/sync/errgroup.
func TestErrgroupFix(t *testing.T) {
	dir := filepath.Join(testsupport.Testdata(t), "src", "sequential", "errgroupmod")
	findings := testsupport.RunWithFixes(t, dir, sequential.Analyzer, "./...")
	testsupport.ExpectCategory(t, findings, sequential.Category)
	testsupport.ExpectFixes(t, findings, testsupport.ByFunc, map[string]string{
		"independent-calls errgroupmod.dashboard": "Run the requests concurrently in an errgroup",
		"independent-calls errgroupmod.direct":    "Run the requests concurrently with sync.WaitGroup.Go", // its calls take no context
	})
}

// TestNoFixBeforeGo125 checks that no fix is offered where neither shape applies.
func TestNoFixBeforeGo125(t *testing.T) {
	dir := filepath.Join(testsupport.Testdata(t), "src", "sequential", "oldmod")
	for _, r := range analysistest.Run(t, dir, sequential.Analyzer, "./...") {
		for _, d := range r.Diagnostics {
			if len(d.SuggestedFixes) != 0 {
				t.Errorf("%s: unexpected fix %q", r.Pass.Fset.Position(d.Pos), d.SuggestedFixes[0].Message)
			}
		}
	}
}
