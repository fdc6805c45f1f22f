// Command httpvet runs the httpvet analyzers: standalone on package
// patterns (httpvet ./...), or as go vet's tool (go vet -vettool=$(which httpvet) ./...).
//
// Its flags, output formats and exit statuses are described by httpvet help
// and in docs/cli.md; the driver is in internal/driver.
package main

import (
	"github.com/httpvet/httpvet/analyzers/suite"
	"github.com/httpvet/httpvet/cmd/httpvet/internal/driver"
)

func main() {
	driver.Main(suite.All(), suite.ReportTestsFlag())
}
