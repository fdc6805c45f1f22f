// Package suite lists the httpvet analyzers. Every driver (the httpvet
// command, the golangci-lint plugin, the gopls build) takes them from here.
package suite

import (
	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/timeout"
)

// All returns the httpvet analyzers in a stable order. The shared model
// (httpmodel) is not listed: it runs as their requirement.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		timeout.Analyzer,
	}
}
