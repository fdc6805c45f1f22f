package timeout_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/suite"
	"github.com/httpvet/httpvet/analyzers/timeout"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestTimeout(t *testing.T) {
	analysistest.Run(t, testdata(t), timeout.Analyzer, "timeout/basic", "timeout/clients", "timeout/configured")
}

func TestFixes(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), timeout.Analyzer,
		"timeout/fixclient", "timeout/fixnotime", "timeout/fixrenamed", "timeout/fixtransport")
	// A golden file is compared only when a fix touched its file: make sure
	// every diagnostic of these packages carries its fix.
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if len(d.SuggestedFixes) != 1 {
				// The second request through the same client shares the first one's fix.
				if strings.Contains(d.Message, "has no Timeout") && r.Pass.Pkg.Path() == "timeout/fixclient" {
					continue
				}
				t.Errorf("%s: diagnostic %q has %d fixes, want 1", r.Pass.Fset.Position(d.Pos), d.Message, len(d.SuggestedFixes))
			}
		}
	}
}

func TestDefaultTimeoutFlag(t *testing.T) {
	setFlag(t, timeout.Analyzer.Flags.Lookup("default-timeout").Value, "1.5s")
	analysistest.RunWithSuggestedFixes(t, testdata(t), timeout.Analyzer, "timeout/flagdur")
}

// TestReportTests checks the suite-wide switch: findings in _test.go files
// are hidden by default and shown with -report-tests.
func TestReportTests(t *testing.T) {
	// By default the finding in the test file is not reported, so the
	// testdata's want comment goes unmatched: that must be the only complaint.
	rec := &recorder{}
	analysistest.Run(rec, testdata(t), timeout.Analyzer, "timeout/intests")
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "no diagnostic was reported matching") {
		t.Errorf("without -report-tests: got %q, want exactly one unmatched want", rec.errors)
	}

	setFlag(t, suite.ReportTestsFlag().Value, "true")
	analysistest.Run(t, testdata(t), timeout.Analyzer, "timeout/intests")
}

// TestDirectiveWithoutReason checks that a directive without a reason is
// reported and silences nothing.
func TestDirectiveWithoutReason(t *testing.T) {
	rec := &recorder{}
	results := analysistest.Run(rec, testdata(t), timeout.Analyzer, "timeout/noreason")
	var got []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			got = append(got, fmt.Sprintf("%d %s", r.Pass.Fset.Position(d.Pos).Line, d.Category))
		}
	}
	want := []string{"6 directive", "7 no-timeout"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("diagnostics (line category) = %v, want %v", got, want)
	}
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
