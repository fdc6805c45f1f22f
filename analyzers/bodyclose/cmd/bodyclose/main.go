// Command bodyclose runs the bodyclose analyzer alone, with the flags of x/tools'
// singlechecker (-fix, -diff, -json, -c N and the analyzer's own flags)
// and httpvet's -report-tests. The httpvet command runs the whole suite.
package main

import (
	"flag"

	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/httpvet/httpvet/analyzers/bodyclose"
	"github.com/httpvet/httpvet/analyzers/suite"
)

func main() {
	f := suite.ReportTestsFlag()
	flag.Var(f.Value, f.Name, f.Usage)
	singlechecker.Main(bodyclose.Analyzer)
}
