package ctxprop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/ctxprop"
	"github.com/httpvet/httpvet/analyzers/internal/testsupport"
)

func TestCtxprop(t *testing.T) {
	analysistest.Run(t, testsupport.Testdata(t), ctxprop.Analyzer, "ctxprop/basic", "ctxprop/helpers", "ctxprop/callbacks", "ctxprop/goroutines", "ctxprop/cli", "ctxprop/library", "ctxprop/dashboard", "ctxprop/hidden")
}

func TestFixes(t *testing.T) {
	findings := testsupport.RunWithFixes(t, testsupport.Testdata(t), ctxprop.Analyzer, "ctxprop/fix")
	// A golden file is compared only when a fix touched it: assert which
	// diagnostics carry which fix.
	testsupport.ExpectCategory(t, findings, ctxprop.Category)
	testsupport.ExpectFixes(t, findings, testsupport.ByLine, map[string]string{
		"fix.go:14": "Use http.NewRequestWithContext with ctx",
		"fix.go:22": "Pass r.Context() instead",
		"fix.go:27": "Pass the request context",
		"fix.go:36": "Pass the request context",
		"fix.go:45": "", // the error check does not follow the call
		"fix.go:55": "Use retryablehttp.NewRequestWithContext with ctx",
		"fix.go:70": "Pass ctx instead",
		"fix.go:76": "Use http.NewRequestWithContext with in.Context()",
		"fix.go:99": "Call lookupCtx with ctx",
	})
}

// TestDependency runs in a module whose dependency (a replaced module)
// sends requests: drops only the dependency could fix are not reported,
// and the context-taking variant it offers is named, with a fix where the
// call maps onto it argument for argument.
func TestDependency(t *testing.T) {
	dir := filepath.Join(testsupport.Testdata(t), "src", "ctxprop", "depmod")
	findings := testsupport.RunWithFixes(t, dir, ctxprop.Analyzer, "./...")
	testsupport.ExpectCategory(t, findings, ctxprop.Category)
	testsupport.ExpectFixes(t, findings, testsupport.ByLine, map[string]string{
		"app.go:22": "Call FetchWithContext with r.Context()",
		"app.go:23": "", // PingCtx takes another parameter too
		"app.go:24": "",
	})
}
