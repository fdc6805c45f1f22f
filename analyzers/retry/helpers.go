package retry

import (
	"go/ast"
	"go/constant"
	"go/types"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// Small helpers.

func (c *checker) identVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	return astq.VarOf(c.pass.TypesInfo, id)
}

// builderErr returns the error variable of an assignment from a request
// builder: http.NewRequest, http.NewRequestWithContext, or a function known
// to build a request.
func (c *checker) builderErr(n ast.Node) *types.Var {
	as, ok := n.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) < 2 {
		return nil
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok {
		return nil
	}
	fn := c.model.Callee(call)
	if fn == nil {
		return nil
	}
	if !httpmodel.IsFunc(fn, "net/http", "", "NewRequest") && !httpmodel.IsFunc(fn, "net/http", "", "NewRequestWithContext") {
		if f := c.model.FactOf(fn); f == nil || !f.Builds || f.Sends {
			return nil
		}
	}
	v := c.identVar(as.Lhs[len(as.Lhs)-1])
	if v == nil || !fixes.IsError(v.Type()) {
		return nil
	}
	return v
}

// assigns reports whether n assigns v.
func (c *checker) assigns(n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if c.identVar(l) == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func (c *checker) constInt(e ast.Expr) (int64, bool) {
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil {
		return 0, false
	}
	v := constant.ToInt(tv.Value)
	if v.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(v)
}

func (c *checker) isContext(e ast.Expr) bool {
	t := c.pass.TypesInfo.TypeOf(e)
	return t != nil && httpmodel.IsNamed(t, "context", "Context")
}

// isNoReturn reports calls that do not return: panic, os.Exit, log.Fatal...
func (c *checker) isNoReturn(call *ast.CallExpr) bool {
	return astq.NoReturn(c.pass.TypesInfo, call, c.model.Callee(call))
}

func calleeName(info *types.Info, call *ast.CallExpr) string {
	if fn := httpmodel.Callee(info, call); fn != nil {
		return fn.Name()
	}
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		if n, ok := types.Unalias(tv.Type).(*types.Named); ok {
			return n.Obj().Name()
		}
	}
	return "backoff"
}

func funcIdent(e ast.Expr) *ast.Ident {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x
	case *ast.SelectorExpr:
		return x.Sel
	}
	return nil
}
