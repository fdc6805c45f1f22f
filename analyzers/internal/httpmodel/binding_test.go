package httpmodel_test

import (
	"fmt"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/testsupport"
)

// describeBindings reports each request's binding: the variables receiving
// its response and error, what ends the response variable's region (the
// next assignment to it, or the end of the enclosing function) and how many
// uses of the response the region holds.
var describeBindings = &analysis.Analyzer{
	Name:     "describebindings",
	Doc:      "test analyzer printing the model's response bindings",
	Requires: []*analysis.Analyzer{httpmodel.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		m := pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model)
		for _, req := range m.Requests {
			b := m.Binding(req)
			if b == nil {
				pass.Reportf(req.Call.Pos(), "no binding")
				continue
			}
			errName := "_"
			if b.Err != nil {
				errName = b.Err.Name()
			}
			end := "func"
			if b.End != b.Func.End() {
				end = "next" // the next assignment to the response variable
			}
			msg := fmt.Sprintf("binding resp=%s err=%s end=%s uses=%d", b.Resp.Name(), errName, end, len(m.UsesAfter(b.Resp, b)))
			if b.ErrDiscarded() {
				msg += " discarded"
			}
			pass.Reportf(req.Call.Pos(), "%s", msg)
		}
		return nil, nil
	},
}

func TestBindings(t *testing.T) {
	analysistest.Run(t, testsupport.Testdata(t), describeBindings, "httpmodel/bindings")
}
