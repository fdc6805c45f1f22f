package sequential

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// Data dependence between statements: what a statement assigns and evaluates,
// in which order, and which variables a call may change or fill in.

// assignParts splits a straight-line statement into what it assigns and
// what it evaluates.
func assignParts(st ast.Stmt) (lhs, rhs []ast.Expr) {
	switch st := st.(type) {
	case *ast.AssignStmt:
		lhs = st.Lhs
		rhs = append(rhs, st.Rhs...)
		for _, e := range st.Lhs {
			// Index and selector bases on the left are evaluated too.
			if _, ok := ast.Unparen(e).(*ast.Ident); !ok {
				rhs = append(rhs, e)
			}
		}
		if st.Tok != token.ASSIGN && st.Tok != token.DEFINE {
			rhs = append(rhs, st.Lhs...) // x += f(): x is read as well
		}
	case *ast.IncDecStmt:
		lhs = []ast.Expr{st.X}
		rhs = []ast.Expr{st.X}
	case *ast.DeclStmt:
		if gd, ok := st.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for _, n := range vs.Names {
					lhs = append(lhs, n)
				}
				rhs = append(rhs, vs.Values...)
			}
		}
	case *ast.ExprStmt:
		rhs = []ast.Expr{st.X}
	case *ast.ReturnStmt:
		rhs = st.Results
	}
	return lhs, rhs
}

// evalOrder returns the calls of exprs in evaluation order (operands before
// the call), without entering function literals, and marks the calls that
// run only conditionally (right of && and ||).
func evalOrder(exprs []ast.Expr) ([]*ast.CallExpr, map[*ast.CallExpr]bool) {
	var calls []*ast.CallExpr
	conditional := make(map[*ast.CallExpr]bool)
	var visit func(n ast.Node, cond bool)
	visit = func(n ast.Node, cond bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.BinaryExpr:
				if n.Op == token.LAND || n.Op == token.LOR {
					visit(n.X, cond)
					visit(n.Y, true)
					return false
				}
			case *ast.CallExpr:
				visit(n.Fun, cond)
				for _, a := range n.Args {
					visit(a, cond)
				}
				calls = append(calls, n)
				if cond {
					conditional[n] = true
				}
				return false
			}
			return true
		})
	}
	for _, e := range exprs {
		visit(e, false)
	}
	return calls, conditional
}

// containsRequest reports whether a request is sent while evaluating the
// operands of call: get(ctx, get(ctx, a)) depends on the inner call.
func containsRequest(m *httpmodel.Model, call *ast.CallExpr) bool {
	found := false
	for _, a := range append([]ast.Expr{call.Fun}, call.Args...) {
		ast.Inspect(a, func(n ast.Node) bool {
			if inner, ok := n.(*ast.CallExpr); ok && m.Request(inner) != nil {
				found = true
			}
			return !found
		})
	}
	return found
}

// varsIn returns the variables an expression refers to, function literals
// included.
func varsIn(info *types.Info, n ast.Node) map[*types.Var]bool {
	vars := make(map[*types.Var]bool)
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				vars[v] = true
			}
		}
		return true
	})
	return vars
}

// rootVar returns the variable at the root of x, x.f.g, x[i], *x, or nil.
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			if v, ok := info.Defs[x].(*types.Var); ok {
				return v
			}
			v, _ := info.Uses[x].(*types.Var)
			return v
		case *ast.SelectorExpr:
			if _, ok := info.Uses[x.Sel].(*types.PkgName); ok {
				return nil
			}
			if sel, ok := info.Selections[x]; ok && sel.Kind() == types.FieldVal {
				e = x.X
				continue
			}
			// A qualified package-level variable: pkg.V.
			v, _ := info.Uses[x.Sel].(*types.Var)
			return v
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return nil
			}
			e = x.X
		case *ast.SliceExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// immutable reports whether a value of type t cannot be changed through a
// copy of it: basic values, contexts and errors.
func immutable(t types.Type) bool {
	if t == nil {
		return false
	}
	if _, ok := t.Underlying().(*types.Basic); ok {
		return true
	}
	return httpmodel.IsNamed(t, "context", "Context") || types.Identical(t, types.Universe.Lookup("error").Type())
}

// mutable returns the variables a non-request call may change: the roots of
// its receiver and of its arguments that are not immutable values, and the
// variables its function-literal arguments assign.
func (c *checker) mutable(call *ast.CallExpr) []*types.Var {
	var vars []*types.Var
	add := func(e ast.Expr) {
		if immutable(c.info.TypeOf(e)) {
			return
		}
		if v := rootVar(c.info, e); v != nil {
			vars = append(vars, v)
		}
	}
	if tv, ok := c.info.Types[call.Fun]; ok && tv.IsType() {
		return nil // a conversion
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := c.info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "delete", "clear", "copy", "close":
			default:
				return nil // len, cap, append, ... change nothing themselves
			}
		}
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := c.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
			add(sel.X)
		}
	}
	for _, a := range call.Args {
		add(a)
		vars = append(vars, assignedIn(c.info, a)...)
	}
	return vars
}

// outParams returns the variables a request call may fill in: &x and
// pointer, slice or map variables among its arguments (a client excepted),
// and the variables its function-literal arguments assign.
func (c *checker) outParams(call *ast.CallExpr) []*types.Var {
	var vars []*types.Var
	for _, a := range call.Args {
		vars = append(vars, assignedIn(c.info, a)...)
		t := c.info.TypeOf(a)
		if t == nil || immutable(t) || isClientLike(t) {
			continue
		}
		switch ast.Unparen(a).(type) {
		case *ast.UnaryExpr, *ast.Ident, *ast.SelectorExpr:
		default:
			continue
		}
		switch t.Underlying().(type) {
		case *types.Pointer, *types.Slice, *types.Map, *types.Interface:
			if v := rootVar(c.info, a); v != nil {
				vars = append(vars, v)
			}
		}
	}
	return vars
}

// isClientLike reports whether t is (a pointer to) a type named like a
// client or service, which requests are sent through, not written into.
func isClientLike(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	name := n.Obj().Name()
	return strings.HasSuffix(name, "Client") || strings.HasSuffix(name, "Service") || name == "Transport"
}

// assignedIn returns the variables that function literals inside e assign.
func assignedIn(info *types.Info, e ast.Expr) []*types.Var {
	var vars []*types.Var
	ast.Inspect(e, func(n ast.Node) bool {
		lit, ok := n.(*ast.FuncLit)
		if !ok {
			return true
		}
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					if v := rootVar(info, l); v != nil {
						vars = append(vars, v)
					}
				}
			case *ast.IncDecStmt:
				if v := rootVar(info, n.X); v != nil {
					vars = append(vars, v)
				}
			}
			return true
		})
		return false
	})
	return vars
}
