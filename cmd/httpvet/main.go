// Command httpvet runs the httpvet analyzers: standalone on package
// patterns (httpvet ./...), or as go vet's tool (go vet -vettool=$(which httpvet) ./...).
//
// Besides the flags of the x/tools driver (-fix, -diff, -json, -c N,
// -<analyzer> to select analyzers, -<analyzer>.<flag>), it has the suite-wide
// -report-tests flag. The exit status is 0 when clean, 3 when there are
// findings, and 1 on errors (with -json it is 0 unless the run fails).
package main

import (
	"flag"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/httpvet/httpvet/analyzers/suite"
)

func main() {
	f := suite.ReportTestsFlag()
	flag.Var(f.Value, f.Name, f.Usage)
	multichecker.Main(suite.All()...)
}
