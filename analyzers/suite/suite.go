// Package suite lists the httpvet analyzers. Every driver (the httpvet
// command, the golangci-lint plugin, the gopls build) takes them from here.
package suite

import (
	"flag"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/bodyclose"
	"github.com/httpvet/httpvet/analyzers/clientreuse"
	"github.com/httpvet/httpvet/analyzers/ctxprop"
	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/report"
	"github.com/httpvet/httpvet/analyzers/jsoncheck"
	"github.com/httpvet/httpvet/analyzers/retry"
	"github.com/httpvet/httpvet/analyzers/sequential"
	"github.com/httpvet/httpvet/analyzers/statuscheck"
	"github.com/httpvet/httpvet/analyzers/timeout"
)

// All returns the httpvet analyzers in a stable order. The shared model
// (httpmodel) is not listed: it runs as their requirement.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		clientreuse.Analyzer,
		timeout.Analyzer,
		statuscheck.Analyzer,
		retry.Analyzer,
		jsoncheck.Analyzer,
		sequential.Analyzer,
		ctxprop.Analyzer,
		bodyclose.Analyzer,
	}
}

// Categories returns the categories analyzer a declares in its
// categories.go, in their order: the one description of what each of its
// findings reports, which the command's help and SARIF rules are built from
// and the README and docs pages are checked against. It returns nil for an
// analyzer the suite does not run.
func Categories(a *analysis.Analyzer) []analyzerdoc.Category {
	switch a {
	case clientreuse.Analyzer:
		return clientreuse.Categories()
	case timeout.Analyzer:
		return timeout.Categories()
	case statuscheck.Analyzer:
		return statuscheck.Categories()
	case retry.Analyzer:
		return retry.Categories()
	case jsoncheck.Analyzer:
		return jsoncheck.Categories()
	case sequential.Analyzer:
		return sequential.Categories()
	case ctxprop.Analyzer:
		return ctxprop.Categories()
	case bodyclose.Analyzer:
		return bodyclose.Categories()
	}
	return nil
}

// ReportTestsFlag is the suite-wide flag that turns on reporting in
// _test.go files and test-support packages. It belongs to the report
// package, which decides what is shown, and to no analyzer, so each driver
// exposes it under this plain name.
func ReportTestsFlag() *flag.Flag { return report.TestsFlag() }
