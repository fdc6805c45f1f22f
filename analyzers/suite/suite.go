// Package suite lists the httpvet analyzers. Every driver (the httpvet
// command, the golangci-lint plugin, the gopls build) takes them from here.
package suite

import (
	"flag"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/bodyclose"
	"github.com/httpvet/httpvet/analyzers/clientreuse"
	"github.com/httpvet/httpvet/analyzers/ctxprop"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
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

// ReportTestsFlag is the suite-wide flag that turns on reporting in
// _test.go files. It belongs to the shared model, which drivers do not
// list, so each driver exposes it under this plain name.
func ReportTestsFlag() *flag.Flag {
	return httpmodel.Analyzer.Flags.Lookup(httpmodel.ReportTestsFlag)
}
