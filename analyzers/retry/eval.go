package retry

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// What the walk knows of values: arithmetic on tracked integers, conditions
// under the walk's outcome, nil tests.

// opOfAssign returns the operator of a compound assignment (x op= y), or
// ILLEGAL for an assignment whose operator arith does not evaluate.
func opOfAssign(tok token.Token) token.Token {
	switch tok {
	case token.ADD_ASSIGN:
		return token.ADD
	case token.SUB_ASSIGN:
		return token.SUB
	case token.MUL_ASSIGN:
		return token.MUL
	case token.QUO_ASSIGN:
		return token.QUO
	case token.REM_ASSIGN:
		return token.REM
	case token.SHL_ASSIGN:
		return token.SHL
	case token.SHR_ASSIGN:
		return token.SHR
	}
	return token.ILLEGAL
}

func arith(op token.Token, x, y int64, ok bool) (int64, bool) {
	if !ok {
		return 0, false
	}
	switch op {
	case token.ADD:
		return x + y, true
	case token.SUB:
		return x - y, true
	case token.MUL:
		return x * y, true
	case token.QUO:
		if y != 0 {
			return x / y, true
		}
	case token.REM:
		if y != 0 {
			return x % y, true
		}
	case token.SHL:
		if y >= 0 && y < 62 {
			return x << y, true
		}
	case token.SHR:
		if y >= 0 && y < 63 {
			return x >> y, true
		}
	}
	return 0, false
}

// cond evaluates a boolean condition under the walk's outcome.
func (w *walk) cond(e ast.Expr, st *pathState) tri {
	info := w.c.pass.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.Bool {
		if constant.BoolVal(tv.Value) {
			return yes
		}
		return no
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return w.cond(e.X, st).not()
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND:
			l := w.cond(e.X, st)
			if l == no {
				return no
			}
			r := w.cond(e.Y, st)
			if r == no {
				return no
			}
			if l == yes && r == yes {
				return yes
			}
			return unknown
		case token.LOR:
			l := w.cond(e.X, st)
			if l == yes {
				return yes
			}
			r := w.cond(e.Y, st)
			if r == yes {
				return yes
			}
			if l == no && r == no {
				return no
			}
			return unknown
		case token.EQL, token.NEQ:
			if t := w.nilCompare(e, st); t != unknown {
				if e.Op == token.NEQ {
					return t.not()
				}
				return t
			}
		}
		switch e.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			x, okx := w.intVal(e.X, st)
			y, oky := w.intVal(e.Y, st)
			if okx && oky {
				if constant.Compare(constant.MakeInt64(x), e.Op, constant.MakeInt64(y)) {
					return yes
				}
				return no
			}
		}
	}
	return unknown
}

// nilCompare evaluates x == nil for the attempt's error and response, and
// for ctx.Err() of a context that never ends; unknown otherwise.
func (w *walk) nilCompare(e *ast.BinaryExpr, st *pathState) tri {
	info := w.c.pass.TypesInfo
	x := e.X
	if tv, ok := info.Types[x]; ok && tv.IsNil() {
		x = e.Y
	} else if tv, ok := info.Types[e.Y]; !ok || !tv.IsNil() {
		return unknown
	}
	x = ast.Unparen(x)
	if id, ok := x.(*ast.Ident); ok && st.builderErr != nil && info.Uses[id] == st.builderErr {
		return yes
	}
	if id, ok := x.(*ast.Ident); ok && st.sent {
		v := info.Uses[id]
		switch {
		case v == nil:
		case v == w.li.at.err && !st.errStale:
			if w.out == outErr {
				return no
			}
			return yes
		case v == w.li.at.resp:
			if w.out == outErr {
				return yes
			}
			return no
		}
	}
	// ctx.Err() == nil
	if call, ok := x.(*ast.CallExpr); ok && len(call.Args) == 0 {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Err" && w.c.isContext(sel.X) {
			if w.budget || w.li.ctxFree(sel.X) {
				return yes
			}
		}
	}
	return unknown
}

// intVal evaluates an integer expression: constants, the status of the
// attempt, and (for the budget) simulated variables.
func (w *walk) intVal(e ast.Expr, st *pathState) (int64, bool) {
	if v, ok := w.c.constInt(e); ok {
		return v, true
	}
	info := w.c.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr, *ast.Ident:
		if w.c.isStatus(e, w.li.at.resp, w.li.statusVars) {
			if st.sent && w.out != outErr {
				return statusOf[w.out], true
			}
			return 0, false
		}
		if id, ok := e.(*ast.Ident); ok && w.budget {
			if v, ok := info.Uses[id].(*types.Var); ok {
				x, ok := st.env[v]
				return x, ok
			}
		}
	case *ast.BinaryExpr:
		x, okx := w.intVal(e.X, st)
		y, oky := w.intVal(e.Y, st)
		if okx && oky {
			return arith(e.Op, x, y, true)
		}
	case *ast.CallExpr:
		if tv, ok := info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			if b, ok := tv.Type.Underlying().(*types.Basic); ok && b.Info()&types.IsInteger != 0 {
				return w.intVal(e.Args[0], st)
			}
			return 0, false
		}
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok && len(e.Args) > 0 {
			if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "min" || b.Name() == "max") {
				best, first := int64(0), true
				for _, a := range e.Args {
					v, ok := w.intVal(a, st)
					if !ok {
						return 0, false
					}
					if first || (b.Name() == "min" && v < best) || (b.Name() == "max" && v > best) {
						best, first = v, false
					}
				}
				return best, true
			}
		}
	}
	return 0, false
}

// containsExit reports whether a nested statement can leave the loop:
// a return, a labelled branch, or a call that does not return.
func (w *walk) containsExit(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		case *ast.BranchStmt:
			if n.Label != nil {
				found = true
			}
		case *ast.CallExpr:
			if w.c.isNoReturn(n) {
				found = true
			}
		}
		return !found
	})
	return found
}
