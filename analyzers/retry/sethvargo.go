package retry

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// github.com/sethvargo/go-retry.

// checkSethvargo checks retry.Do, retry.DoValue and the helpers.
func (c *checker) checkSethvargo(call *ast.CallExpr, fn *types.Func, encl ast.Node) {
	switch fn.Name() {
	case "Do", "DoValue":
		if len(call.Args) != 3 || c.ctxCanEnd(call.Args[0], encl) || !c.sends(call.Args[2]) {
			return
		}
		cons, ok := c.sethvargoBase(call.Args[1], 0)
		if !ok {
			return
		}
		name := c.qualifier(cons) + calleeName(c.pass.TypesInfo, cons)
		q := c.qualifier(cons)
		d := analysis.Diagnostic{Pos: cons.Pos(), End: cons.End(), Category: CategoryUnbounded,
			Message: fmt.Sprintf("%s never stops and the context given to %s%s cannot end: the retry runs until it succeeds, however long that takes; wrap it in %sWithMaxRetries or %sWithMaxDuration",
				name, c.qualifier(call), fn.Name(), q, q)}
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message: fmt.Sprintf("Wrap the backoff in %sWithMaxRetries(%d, ...)", q, c.n),
			TextEdits: []analysis.TextEdit{
				{Pos: cons.Pos(), End: cons.Pos(), NewText: []byte(fmt.Sprintf("%sWithMaxRetries(%d, ", q, c.n))},
				{Pos: cons.End(), End: cons.End(), NewText: []byte(")")},
			},
		}}
		c.report(d)
	case "Constant", "Exponential", "Fibonacci":
		if len(call.Args) != 3 || c.ctxCanEnd(call.Args[0], encl) || !c.sends(call.Args[2]) {
			return
		}
		q := c.qualifier(call)
		c.report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: CategoryUnbounded,
			Message: fmt.Sprintf("%s%s retries until its context ends and this context never does: the retry can run forever; use %sDo with a backoff wrapped in %sWithMaxRetries",
				q, fn.Name(), q, q)})
	}
}

// sethvargoBase follows a go-retry backoff expression to an unbounded
// constructor, through the wrappers that do not bound it.
func (c *checker) sethvargoBase(e ast.Expr, depth int) (*ast.CallExpr, bool) {
	if depth > 4 {
		return nil, false
	}
	isPkg := func(p string) bool { return p == pkgSethvargo }
	if call, name := c.libCall(e, isPkg, "NewExponential", "NewConstant", "NewFibonacci", "WithCappedDuration", "WithJitter", "WithJitterPercent"); call != nil {
		switch name {
		case "NewExponential", "NewConstant", "NewFibonacci":
			return call, true
		default:
			if len(call.Args) == 2 {
				return c.sethvargoBase(call.Args[1], depth+1)
			}
			return nil, false
		}
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr: // retry.BackoffFunc(f)
		if tv, ok := c.pass.TypesInfo.Types[x.Fun]; ok && tv.IsType() && httpmodel.IsNamed(tv.Type, pkgSethvargo, "BackoffFunc") {
			return x, true
		}
	case *ast.Ident:
		if v, ok := c.pass.TypesInfo.Uses[x].(*types.Var); ok {
			if as := c.model.AssignmentsOf(v); len(as) == 1 && as[0].Value != nil && as[0].Index == 0 {
				return c.sethvargoBase(as[0].Value, depth+1)
			}
		}
	}
	return nil, false
}
