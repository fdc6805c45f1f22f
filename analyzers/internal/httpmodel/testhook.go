package httpmodel

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// InTestHookBranch reports whether cur lies in the body of an if statement
// taken only when a test hook is set: an unexported package-level
// variable, declared without a value, that the package's own non-test code
// never assigns nor takes the address of (tests set it, as in
// `var testDial func(...)` ... `if testDial != nil { build a Transport }`).
// In production such a branch never runs, so what it builds or sends is
// test scaffolding.
func (m *Model) InTestHookBranch(cur inspector.Cursor) bool {
	child := cur
	for p := cur.Parent(); p.Node() != nil; child, p = p, p.Parent() {
		switch n := p.Node().(type) {
		case *ast.IfStmt:
			if child.ParentEdgeKind() == edge.IfStmt_Body && m.testHookSet(n.Cond) {
				return true
			}
		case *ast.FuncDecl, *ast.FuncLit:
			return false
		}
	}
	return false
}

// testHookSet reports whether cond holds only when a test hook is set:
// hook != nil (either way round), a boolean hook, or a conjunction with
// one of those.
func (m *Model) testHookSet(cond ast.Expr) bool {
	switch c := ast.Unparen(cond).(type) {
	case *ast.BinaryExpr:
		switch c.Op {
		case token.LAND:
			return m.testHookSet(c.X) || m.testHookSet(c.Y)
		case token.NEQ:
			switch {
			case astq.IsNil(m.info, c.Y):
				return m.isTestHook(c.X)
			case astq.IsNil(m.info, c.X):
				return m.isTestHook(c.Y)
			}
		}
	case *ast.Ident:
		if b, ok := m.info.TypeOf(c).Underlying().(*types.Basic); ok && b.Kind() == types.Bool {
			return m.isTestHook(c)
		}
	}
	return false
}

// isTestHook reports whether e names a test hook (see InTestHookBranch).
func (m *Model) isTestHook(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := m.info.Uses[id].(*types.Var)
	if !ok || v.Exported() || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return false
	}
	for _, a := range m.AssignmentsOf(v) {
		if !a.Zero && !m.inTestFile(a.Pos) {
			return false
		}
	}
	for _, u := range m.Uses(v) {
		if m.inTestFile(u.Pos()) {
			continue
		}
		cur, ok := m.Cursor(u)
		if !ok {
			return false
		}
		if un, ok := cur.Parent().Node().(*ast.UnaryExpr); ok && un.Op == token.AND {
			return false // its address escapes: anything may set it
		}
	}
	return true
}

// inTestFile reports whether pos is in a _test.go file, by the file's name
// on disk.
func (m *Model) inTestFile(pos token.Pos) bool {
	return strings.HasSuffix(m.r.pass.Fset.PositionFor(pos, false).Filename, "_test.go")
}
