package jsoncheck

import (
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// unbounded-read (opt-in): a response body read whole with no size limit.

func (c *checker) checkReads() {
	for _, n := range c.calls {
		call := n.cur.Node().(*ast.CallExpr)
		fn := c.model.Callee(call)
		if len(call.Args) == 0 || !(httpmodel.IsFunc(fn, "io", "", "ReadAll") || httpmodel.IsFunc(fn, "io/ioutil", "", "ReadAll") ||
			httpmodel.IsFunc(fn, "encoding/json", "", "NewDecoder")) {
			continue
		}
		if c.srcOf(call.Args[0])&(fromResponse|unbounded) != fromResponse|unbounded {
			continue
		}
		what := "io.ReadAll"
		if fn.Pkg().Path() == "io/ioutil" {
			what = "ioutil.ReadAll"
		} else if fn.Name() == "NewDecoder" {
			what = "json.NewDecoder"
		}
		d := analysis.Diagnostic{
			Pos:      call.Pos(),
			End:      call.End(),
			Category: CategoryUnboundedRead,
			Message: fmt.Sprintf("%s reads an HTTP response body with no size limit: a huge or endless body exhausts memory; wrap it in io.LimitReader",
				what),
		}
		if fix, ok := c.limitFix(n, call.Args[0]); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		c.rep.Report(d)
	}
}
