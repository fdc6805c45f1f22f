package jsoncheck

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// unchecked-assertion: an unchecked type assertion on JSON decoded from a response.

func (c *checker) checkAssertions() {
	for _, n := range c.asserts {
		ta := n.cur.Node().(*ast.TypeAssertExpr)
		if commaOk(n.cur) {
			continue
		}
		if v, _ := c.dataOf(ta.X); v&fromResponse == 0 {
			continue
		}
		if !isEmptyInterface(c.info.TypeOf(ta.X)) {
			continue
		}
		if c.testedBefore(ta, c.guardsOf(n.decl)) {
			continue
		}
		c.reportAssertion(n, ta)
	}
}

// commaOk reports whether the assertion at cur is the value of a comma-ok form.
func commaOk(cur inspector.Cursor) bool {
	for {
		if _, ok := cur.Parent().Node().(*ast.ParenExpr); !ok {
			break
		}
		cur = cur.Parent()
	}
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		return len(p.Lhs) == 2 && len(p.Rhs) == 1
	case *ast.ValueSpec:
		return len(p.Names) == 2 && len(p.Values) == 1
	}
	return false
}

// testedBefore reports whether an earlier comma-ok assertion or type switch
// of the function tested the same expression.
func (c *checker) testedBefore(ta *ast.TypeAssertExpr, g *guards) bool {
	for _, ok := range g.commaOks {
		if ok.Pos() < ta.Pos() && c.sameExpr(ok.X, ta.X) {
			return true
		}
	}
	return false
}

func (c *checker) reportAssertion(n node, ta *ast.TypeAssertExpr) {
	d := analysis.Diagnostic{
		Pos:      ta.Pos(),
		End:      ta.End(),
		Category: CategoryUncheckedAssertion,
		Message: fmt.Sprintf("unchecked type assertion %s on JSON from an HTTP response panics when the value is null, absent or not %s; use the comma-ok form or a typed struct",
			shorten(c.source(ta)), types.ExprString(ta.Type)),
	}
	if fix, ok := c.assertionFix(n, ta); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.rep.Report(d)
}

// shorten keeps messages on one line and of a readable length.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

func isEmptyInterface(t types.Type) bool {
	if t == nil {
		return false
	}
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return false
	}
	i, ok := t.Underlying().(*types.Interface)
	return ok && i.Empty()
}
