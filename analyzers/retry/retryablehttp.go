package retry

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// github.com/hashicorp/go-retryablehttp: a CheckRetry that retries a 404.

func (c *checker) isCheckRetryField(id *ast.Ident) bool {
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	return ok && v.IsField() && v.Name() == "CheckRetry" && v.Pkg() != nil && v.Pkg().Path() == pkgRetryable
}

// checkCheckRetry reports a retryablehttp CheckRetry that retries a 404.
func (c *checker) checkCheckRetry(val ast.Expr) {
	var ftype *ast.FuncType
	var body *ast.BlockStmt
	var fnNode ast.Node
	switch x := ast.Unparen(val).(type) {
	case *ast.FuncLit:
		ftype, body, fnNode = x.Type, x.Body, x
	case *ast.Ident, *ast.SelectorExpr:
		fn, ok := c.pass.TypesInfo.Uses[funcIdent(x)].(*types.Func)
		if !ok {
			return
		}
		d := c.decls[fn]
		if d == nil {
			return
		}
		ftype, body, fnNode = d.Type, d.Body, d
	default:
		return
	}
	var params []*types.Var
	for _, f := range ftype.Params.List {
		for _, n := range f.Names {
			v, _ := c.pass.TypesInfo.Defs[n].(*types.Var)
			params = append(params, v)
		}
	}
	if len(params) != 3 {
		return
	}
	at := attempt{resp: params[1], err: params[2]}
	if at.resp == nil || at.err == nil {
		return
	}
	li := &loopInfo{fn: fnNode, body: body, at: at}
	li.statusVars = c.statusVars(body, at.resp)
	if c.selective(body, at.resp, li.statusVars) {
		return
	}
	li.ctxFree = func(e ast.Expr) bool { return c.model.ContextOf(e, fnNode).Unbounded() }
	w := c.newWalk(li, outPerm)
	w.fnMode = true
	w.initial = pathState{sent: true}
	w.run()
	if w.aborted {
		return
	}
	for _, e := range w.exits {
		r, ok := e.node.(*ast.ReturnStmt)
		if !ok || len(r.Results) != 2 || e.st.unknownResp {
			continue
		}
		// The answer may be constant (return true, nil) or computed in the
		// return itself (return resp.StatusCode != http.StatusOK, nil):
		// evaluated for a 404, both say retry.
		st := e.st
		if c.isTrue(r.Results[0]) || w.cond(r.Results[0], &st) == yes {
			c.report(analysis.Diagnostic{Pos: val.Pos(), End: val.End(), Category: CategoryBlanket,
				Message: "CheckRetry retries every failing status, 4xx included: a 401 or 404 cannot succeed on retry and only multiplies the load; retry only 429 and 5xx, as retryablehttp.DefaultRetryPolicy does"})
			return
		}
	}
}
