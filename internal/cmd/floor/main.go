// Command floor is the performance floor httpvet is measured against: the
// same driver (multichecker), the same load mode and the same fact loading
// (its analyzer declares a fact type, so dependencies are analysed from
// source too), running an analyzer that does nothing. What httpvet costs
// above this is the cost of its analysis; the rest is the driver's.
package main

import (
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

type noFact struct{}

func (*noFact) AFact() {}

var noop = &analysis.Analyzer{
	Name:       "noop",
	Doc:        "does nothing, to measure the driver's own cost",
	URL:        "https://github.com/httpvet/httpvet/blob/main/docs/performance.md",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	FactTypes:  []analysis.Fact{new(noFact)},
	ResultType: reflect.TypeFor[bool](),
	Run:        func(*analysis.Pass) (any, error) { return true, nil },
}

func main() { multichecker.Main(noop) }
