package retry

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// Small helpers.

func (c *checker) varOf(id *ast.Ident) *types.Var {
	if v, ok := c.pass.TypesInfo.Defs[id].(*types.Var); ok {
		return v
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	return v
}

func (c *checker) identVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	return c.varOf(id)
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
	fn := httpmodel.Callee(c.pass.TypesInfo, call)
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
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
			return true
		}
	}
	fn := httpmodel.Callee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "os":
		return fn.Name() == "Exit"
	case "log":
		return strings.HasPrefix(fn.Name(), "Fatal") || strings.HasPrefix(fn.Name(), "Panic")
	case "runtime":
		return fn.Name() == "Goexit"
	case "testing":
		return strings.HasPrefix(fn.Name(), "Fatal") || fn.Name() == "FailNow" || strings.HasPrefix(fn.Name(), "Skip")
	}
	return false
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

func within(inner, outer ast.Node) bool {
	return outer.Pos() <= inner.Pos() && inner.End() <= outer.End()
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
