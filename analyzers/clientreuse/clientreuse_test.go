package clientreuse_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/clientreuse"
	"github.com/httpvet/httpvet/analyzers/internal/testsupport"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testsupport.Testdata(t), clientreuse.Analyzer,
		"clientreuse/basic", "clientreuse/negative", "clientreuse/cmd/server", "clientreuse/factory/...", "clientreuse/retryable", "clientreuse/testhook", "clientreuse/keepalive")
}

func TestFix(t *testing.T) {
	findings := testsupport.RunWithFixes(t, testsupport.Testdata(t), clientreuse.Analyzer, "clientreuse/fix")
	// A golden file is only compared when a fix touched its file: check
	// which findings have the fix, and that those without one say why.
	testsupport.ExpectCategory(t, findings, clientreuse.Category)
	for _, f := range findings {
		if f.Fix == "" && !strings.Contains(f.Message, "build it once at start-up and pass it in") {
			t.Errorf("diagnostic without a fix does not say what to do: %s", f.Message)
		}
	}
	testsupport.ExpectFixes(t, findings, testsupport.ByFunc, map[string]string{
		"per-request fix.getWeather":  clientreuse.FixMessage,
		"per-request fix.getForecast": clientreuse.FixMessage,
		"per-request fix.FetchJSON":   clientreuse.FixMessage,
		"per-request fix.getFull":     "", // the transport depends on a local value
		"per-request fix.getAlerts":   "", // the transport is configured after it is built
	})
}
