package httpmodel

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// StoredForLater reports whether the function literal lit is kept to be
// called later rather than called now: an element of a composite literal
// (a struct field, a map or slice entry), a result, assigned to a field, a
// map entry or a package variable, appended to a slice kept that way, or
// held by a local variable that is itself kept that way. It runs after the
// function that made it has returned: its requests are not that function's,
// and the function's context may be over by then.
func (m *Model) StoredForLater(lit *ast.FuncLit) bool { return m.r.stored[lit] }

// storedForLater reports whether the value at cur (a function literal, or
// a local variable holding one) is kept beyond the enclosing call. A local
// variable is followed through its uses, two levels deep.
func (m *Model) storedForLater(cur inspector.Cursor, depth int) bool {
	if depth > 2 {
		return false
	}
	for {
		if _, ok := cur.Parent().Node().(*ast.ParenExpr); !ok {
			break
		}
		cur = cur.Parent()
	}
	switch p := cur.Parent().Node().(type) {
	case *ast.CompositeLit, *ast.ReturnStmt:
		return true
	case *ast.CallExpr:
		// append(hooks, func() {...}): kept where the slice is kept.
		if id, ok := ast.Unparen(p.Fun).(*ast.Ident); ok && cur.ParentEdgeKind() == edge.CallExpr_Args {
			if b, ok := m.info.Uses[id].(*types.Builtin); ok && b.Name() == "append" {
				return m.storedForLater(cur.Parent(), depth+1)
			}
		}
	case *ast.KeyValueExpr:
		if _, ok := cur.Parent().Parent().Node().(*ast.CompositeLit); ok && cur.ParentEdgeKind() == edge.KeyValueExpr_Value {
			return true
		}
	case *ast.AssignStmt:
		if cur.ParentEdgeKind() != edge.AssignStmt_Rhs || len(p.Lhs) != len(p.Rhs) {
			return false
		}
		lhs := ast.Unparen(p.Lhs[cur.ParentEdgeIndex()])
		id, ok := lhs.(*ast.Ident)
		if !ok {
			return true // a field, a map or slice element, *p
		}
		v, ok := m.info.ObjectOf(id).(*types.Var)
		if !ok || v.Parent() == m.r.pass.Pkg.Scope() {
			return ok
		}
		return m.varStored(v, depth)
	case *ast.ValueSpec:
		for i, val := range p.Values {
			if val == cur.Node() && i < len(p.Names) {
				if v, ok := m.info.Defs[p.Names[i]].(*types.Var); ok {
					if v.Parent() == m.r.pass.Pkg.Scope() {
						return true
					}
					return m.varStored(v, depth)
				}
			}
		}
	}
	return false
}

// varStored reports whether some use of the local variable v keeps its
// value beyond the enclosing call.
func (m *Model) varStored(v *types.Var, depth int) bool {
	for _, id := range m.Uses(v) {
		if cur, ok := m.Cursor(id); ok && m.storedForLater(cur, depth+1) {
			return true
		}
	}
	return false
}
