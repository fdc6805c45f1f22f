package retry

import (
	"go/ast"
	"go/types"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// Retry libraries: the dispatch to each library and what their checks share.

func (c *checker) checkLibraries() {
	for cur := range c.root.Preorder((*ast.CallExpr)(nil), (*ast.AssignStmt)(nil), (*ast.KeyValueExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			fn := c.model.Callee(n)
			if fn == nil || fn.Pkg() == nil {
				continue
			}
			encl := httpmodel.EnclosingFunc(cur)
			switch path := fn.Pkg().Path(); {
			case path == pkgSethvargo:
				c.checkSethvargo(n, fn, encl)
			case isBackoffV4(path):
				c.checkBackoffV4(n, fn, encl)
			case path == pkgBackoffV5:
				c.checkBackoffV5(n, fn, encl)
			case isRetryGo(path):
				c.checkRetryGo(n, fn, encl)
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok && c.isCheckRetryField(sel.Sel) {
						c.checkCheckRetry(n.Rhs[i])
					}
				}
			}
		case *ast.KeyValueExpr:
			if k, ok := n.Key.(*ast.Ident); ok && c.isCheckRetryField(k) {
				c.checkCheckRetry(n.Value)
			}
		}
	}
}

// ctxCanEnd reports whether a context given to a library can end it.
func (c *checker) ctxCanEnd(e ast.Expr, fn ast.Node) bool {
	return !c.model.ContextOf(e, fn).Unbounded()
}

// sends reports whether calling op (a function literal or a named
// function) sends an HTTP request.
func (c *checker) sends(op ast.Expr) bool {
	switch x := ast.Unparen(op).(type) {
	case *ast.FuncLit:
		found := false
		ast.Inspect(x.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && c.model.Request(call) != nil {
				found = true
			}
			return !found
		})
		return found
	case *ast.Ident, *ast.SelectorExpr:
		id := funcIdent(x)
		if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok {
			// op := func() error { ... }
			if as := c.model.AssignmentsOf(v); len(as) == 1 && as[0].Value != nil && as[0].Index == 0 {
				if lit, ok := ast.Unparen(as[0].Value).(*ast.FuncLit); ok {
					return c.sends(lit)
				}
			}
			return false
		}
		fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func)
		if !ok {
			return false
		}
		if f := c.model.FactOf(fn.Origin()); f != nil && f.Sends {
			return true
		}
	}
	return false
}

// qualifier returns the "pkg." that a call's function is written with.
func (c *checker) qualifier(call *ast.CallExpr) string {
	fun := ast.Unparen(call.Fun)
	if ix, ok := fun.(*ast.IndexExpr); ok {
		fun = ix.X
	}
	if ix, ok := fun.(*ast.IndexListExpr); ok {
		fun = ix.X
	}
	if sel, ok := fun.(*ast.SelectorExpr); ok {
		if id, ok := sel.X.(*ast.Ident); ok {
			if _, ok := c.pass.TypesInfo.Uses[id].(*types.PkgName); ok {
				return id.Name + "."
			}
		}
	}
	return ""
}

func (c *checker) libCall(e ast.Expr, isPkg func(string) bool, names ...string) (*ast.CallExpr, string) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil, ""
	}
	fn := c.model.Callee(call)
	if fn == nil || fn.Pkg() == nil || !isPkg(fn.Pkg().Path()) || fn.Signature().Recv() != nil {
		return nil, ""
	}
	for _, n := range names {
		if fn.Name() == n {
			return call, n
		}
	}
	return nil, ""
}

// opAttempt finds the request an operation literal sends, outside loops.
func (c *checker) opAttempt(lit *ast.FuncLit) (attempt, bool) {
	for _, req := range c.model.Requests {
		if req.Func != lit {
			continue
		}
		cur, ok := c.model.Cursor(req.Call)
		if !ok {
			continue
		}
		return c.bindAttempt(req, cur)
	}
	return attempt{}, false
}
