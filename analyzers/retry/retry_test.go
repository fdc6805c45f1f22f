package retry_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/internal/testsupport"
	"github.com/httpvet/httpvet/analyzers/retry"
)

func TestRetry(t *testing.T) {
	analysistest.Run(t, testsupport.Testdata(t), retry.Analyzer,
		"retry/loops", "retry/negatives", "retry/budget", "retry/libs")
}

// TestFixes asserts, finding by finding, which carry a fix: a golden file
// is only compared when a fix touched its file, so a missing fix would pass
// unnoticed.
func TestFixes(t *testing.T) {
	findings := testsupport.RunWithFixes(t, testsupport.Testdata(t), retry.Analyzer, "retry/fixleak", "retry/fixlibs")
	testsupport.ExpectFixes(t, findings, testsupport.ByLine, map[string]string{
		"fixleak.go:18": "Close the response body before retrying",
		"fixleak.go:38": "Close the response body before retrying",
		"fixlibs.go:25": "Limit the retry to 5 attempts",                      // retrygo.Attempts(0)
		"fixlibs.go:26": "Limit the retry to 5 attempts",                      // retrygo.UntilSucceeded()
		"fixlibs.go:28": "Wrap the backoff in retry.WithMaxRetries(5, ...)",   // sethvargo's retry.NewExponential
		"fixlibs.go:30": "Wrap the backoff in backoff.WithMaxRetries(..., 5)", // backoff.ConstantBackOff
		"fixlibs.go:32": "Wrap the backoff in backoff.WithMaxRetries(..., 5)", // MaxElapsedTime = 0
	})
}

func TestMaxAttemptsFlag(t *testing.T) {
	testsupport.SetFlag(t, retry.Analyzer.Flags.Lookup("max-attempts"), "3")
	findings := testsupport.RunWithFixes(t, testsupport.Testdata(t), retry.Analyzer, "retry/fixflag")
	testsupport.ExpectFixes(t, findings, testsupport.ByLine, map[string]string{
		"fixflag.go:21": "Limit the retry to 3 attempts",
	})
}

// TestBudgetFlag checks that a larger budget silences the handler findings.
func TestBudgetFlag(t *testing.T) {
	testsupport.SetFlag(t, retry.Analyzer.Flags.Lookup("budget"), "2m")
	rec := &testsupport.Recorder{}
	results := analysistest.Run(rec, testsupport.Testdata(t), retry.Analyzer, "retry/budget")
	for _, r := range results {
		if len(r.Diagnostics) != 0 {
			t.Errorf("with -budget=2m: %d diagnostics, want none", len(r.Diagnostics))
		}
	}
}
