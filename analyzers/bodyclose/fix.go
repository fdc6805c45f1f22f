package bodyclose

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

const fixMessage = "Close the response body"

// errCheckAfter returns the statement that follows stmt when it is
// if err != nil { ... } on the request's error, without init or else,
// and its body does not fall through.
func (c *checker) errCheckAfter(b *binding) (*ast.IfStmt, inspector.Cursor, bool) {
	cur, ok := c.model.Cursor(b.stmt)
	if !ok || b.errVar == nil {
		return nil, cur, false
	}
	switch cur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
	default:
		return nil, cur, false
	}
	next, ok := cur.NextSibling()
	if !ok {
		return nil, cur, false
	}
	ifs, ok := next.Node().(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) == 0 {
		return nil, cur, false
	}
	bin, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || bin.Op != token.NEQ || !c.isNil(bin.Y) {
		return nil, cur, false
	}
	if id, ok := ast.Unparen(bin.X).(*ast.Ident); !ok || c.pass.TypesInfo.Uses[id] != b.errVar {
		return nil, cur, false
	}
	switch last := ifs.Body.List[len(ifs.Body.List)-1].(type) {
	case *ast.ReturnStmt:
	case *ast.ExprStmt:
		call, ok := last.X.(*ast.CallExpr)
		if !ok || c.mayReturn(call) {
			return nil, cur, false
		}
	default:
		return nil, cur, false
	}
	return ifs, cur, true
}

// inLoop reports whether cur sits in a loop of fn (not counting loops
// enclosing fn).
func inLoop(cur inspector.Cursor, fn ast.Node) bool {
	for p := cur.Parent(); p.Node() != nil && p.Node() != fn; p = p.Parent() {
		switch p.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		}
	}
	return false
}

// deferFix inserts defer resp.Body.Close() after the error check that
// follows the request, outside loops.
func (c *checker) deferFix(b *binding) (analysis.SuggestedFix, bool) {
	ifs, cur, ok := c.errCheckAfter(b)
	if !ok || inLoop(cur, b.fn) {
		return analysis.SuggestedFix{}, false
	}
	pos, indent, ok := fixes.NextLine(c.pass, ifs)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{Message: fixMessage, TextEdits: []analysis.TextEdit{{
		Pos: pos, End: pos, NewText: []byte(indent + "defer " + b.resp.Name() + ".Body.Close()\n"),
	}}}, true
}

// ownLine reports whether pos is the first token of its line.
func (c *checker) ownLine(pos token.Pos) bool {
	return len(fixes.Indent(c.pass, pos)) == fixes.Position(c.pass.Fset, pos).Column-1
}

// returnFix inserts resp.Body.Close() before each return that leaves with
// the body open, when only paths with a live response reach it and the
// return does not read the body.
func (c *checker) returnFix(b *binding, leaks []leak, reached map[*ast.ReturnStmt]map[int]bool) (analysis.SuggestedFix, bool) {
	var edits []analysis.TextEdit
	for _, l := range leaks {
		if l.implicit || len(reached[l.ret]) != 1 || !reached[l.ret][respLive] || !c.ownLine(l.ret.Pos()) {
			return analysis.SuggestedFix{}, false
		}
		for _, u := range b.uses {
			if u.body && within(u.id, l.ret) {
				return analysis.SuggestedFix{}, false
			}
			for _, w := range u.wrappers {
				if within(w, l.ret) {
					return analysis.SuggestedFix{}, false
				}
			}
		}
		indent := fixes.Indent(c.pass, l.ret.Pos())
		edits = append(edits, analysis.TextEdit{Pos: l.ret.Pos(), End: l.ret.Pos(),
			NewText: []byte(b.resp.Name() + ".Body.Close()\n" + indent)})
	}
	return analysis.SuggestedFix{Message: fixMessage, TextEdits: edits}, true
}

// isErrNotNil reports whether cond is x != nil (or nil != x) for a value x
// of type error.
func (c *checker) isErrNotNil(cond ast.Expr) bool {
	bin, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || bin.Op != token.NEQ {
		return false
	}
	x, y := bin.X, bin.Y
	if c.isNil(x) {
		x, y = y, x
	}
	return c.isNil(y) && isError(c.pass.TypesInfo.TypeOf(x))
}

func within(n, outer ast.Node) bool { return outer.Pos() <= n.Pos() && n.End() <= outer.End() }

// reportDiscarded reports a live response that nothing binds.
func (c *checker) reportDiscarded(b *binding) {
	d := analysis.Diagnostic{Pos: b.call.Pos(), End: b.call.End(), Category: categoryDiscarded,
		Message: fmt.Sprintf("the response from %s is discarded: its body can never be closed, so its connection stays busy and cannot be reused", astq.FuncName(b.callee))}
	if fix, ok := c.discardFix(b); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.rep.Report(d)
}

// discardFix binds a discarded response (resp, err := ...) and closes it
// after the error check, when the statement declares and a fresh name is
// free in the whole function.
func (c *checker) discardFix(b *binding) (analysis.SuggestedFix, bool) {
	as, ok := b.stmt.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE || b.lhs == nil {
		return analysis.SuggestedFix{}, false
	}
	blank, ok := b.lhs[b.k].(*ast.Ident)
	if !ok || blank.Name != "_" {
		return analysis.SuggestedFix{}, false
	}
	ifs, _, ok := c.errCheckAfter(b)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	pos, indent, ok := fixes.NextLine(c.pass, ifs)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	inFn := make(map[string]bool)
	ast.Inspect(b.fn, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			inFn[id.Name] = true
		}
		return true
	})
	scope := c.pass.Pkg.Scope().Innermost(as.Pos())
	name := fixes.FreshName("resp", func(name string) bool {
		if inFn[name] {
			return true
		}
		if scope != nil {
			if _, obj := scope.LookupParent(name, as.Pos()); obj != nil {
				return true
			}
		}
		return false
	})
	return analysis.SuggestedFix{Message: fixMessage, TextEdits: []analysis.TextEdit{
		{Pos: blank.Pos(), End: blank.End(), NewText: []byte(name)},
		{Pos: pos, End: pos, NewText: []byte(indent + name + ".Body.Close()\n")},
	}}, true
}

// checkDeferInLoop reports a deferred close of the body inside a loop
// that also sends the request.
func (c *checker) checkDeferInLoop(b *binding) {
	for _, u := range b.uses {
		if u.kind != useDeferClose || !u.direct {
			continue
		}
		ds := u.node.(*ast.DeferStmt)
		cur, ok := c.model.Cursor(ds)
		if !ok {
			continue
		}
		var loop ast.Node
		var body *ast.BlockStmt
		for p := cur.Parent(); p.Node() != nil && p.Node() != b.fn && loop == nil; p = p.Parent() {
			switch n := p.Node().(type) {
			case *ast.ForStmt:
				loop, body = n, n.Body
			case *ast.RangeStmt:
				loop, body = n, n.Body
			}
		}
		if loop == nil || !within(b.call, body) || c.lastOfLoop(ds, cur) {
			continue
		}
		d := analysis.Diagnostic{Pos: ds.Pos(), End: ds.End(), Category: categoryDeferInLoop,
			Message: fmt.Sprintf("%s.Body.Close is deferred inside a loop: every iteration's connection stays open until the function returns, and a long loop exhausts the pool", b.resp.Name())}
		if fix, ok := c.loopFix(ds, cur, body); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		c.rep.Report(d)
	}
}

// lastOfLoop reports whether the statements after the defer, in its own
// block, end in a return (or a call that does not return) and nothing
// among them goes round the loop except a continue in an error branch
// (if err != nil { continue }): the defer runs once, at the return that
// follows. An iteration that goes round on an error holds nothing worth
// the report: a body read to EOF has already handed its connection back
// to the pool, and one whose read failed has lost it (the transport
// closes a connection whose body read fails). A poll that waits for its
// first good answer is written this way.
func (c *checker) lastOfLoop(ds *ast.DeferStmt, cur inspector.Cursor) bool {
	var list []ast.Stmt
	switch p := cur.Parent().Node().(type) {
	case *ast.BlockStmt:
		list = p.List
	case *ast.CaseClause:
		list = p.Body
	case *ast.CommClause:
		list = p.Body
	default:
		return false
	}
	i := slices.Index(list, ast.Stmt(ds))
	rest := list[i+1:]
	if i < 0 || len(rest) == 0 {
		return false
	}
	switch last := rest[len(rest)-1].(type) {
	case *ast.ReturnStmt:
	case *ast.ExprStmt:
		call, ok := last.X.(*ast.CallExpr)
		if !ok || c.mayReturn(call) {
			return false
		}
	default:
		return false
	}
	return !leaves(rest, false, c.isErrNotNil)
}

// loopFix moves a deferred close that is a statement of the loop body to
// the end of the body, when nothing after it leaves the iteration early.
func (c *checker) loopFix(ds *ast.DeferStmt, cur inspector.Cursor, body *ast.BlockStmt) (analysis.SuggestedFix, bool) {
	if cur.Parent().Node() != body || !c.ownLine(ds.Pos()) || !c.ownLine(body.Rbrace) {
		return analysis.SuggestedFix{}, false
	}
	i := -1
	for j, s := range body.List {
		if s == ds {
			i = j
		}
	}
	if i < 0 || leavesIteration(body.List[i+1:]) {
		return analysis.SuggestedFix{}, false
	}
	next, _, ok := fixes.NextLine(c.pass, ds)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	tf := c.pass.Fset.File(ds.Pos())
	indent := fixes.Indent(c.pass, ds.Pos())
	call := fixes.Source(c.pass, ds.Call)
	if call == "" || strings.Contains(call, "\n") {
		return analysis.SuggestedFix{}, false
	}
	end := fixes.LineStart(tf, body.Rbrace)
	return analysis.SuggestedFix{Message: "Close the response body at the end of the iteration", TextEdits: []analysis.TextEdit{
		{Pos: fixes.LineStart(tf, ds.Pos()), End: next},
		{Pos: end, End: end, NewText: []byte(indent + call + "\n")},
	}}, true
}

// leavesIteration reports whether stmts can leave the loop iteration they
// end before reaching its end: return, goto, a labelled branch, or a
// break or continue of the loop itself.
func leavesIteration(stmts []ast.Stmt) bool { return leaves(stmts, true, nil) }

// leaves reports whether stmts can leave the iteration early: by a
// return when returns is set, by a branch statement otherwise. When
// errBranch is given, a continue of the loop in the body of an if whose
// condition errBranch accepts does not count.
func leaves(stmts []ast.Stmt, returns bool, errBranch func(ast.Expr) bool) bool {
	var walk func(n ast.Node, loop, brk bool) bool
	walk = func(n ast.Node, loop, brk bool) bool {
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			if found || m == nil {
				return false
			}
			if m == n {
				return true
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				found = returns
			case *ast.BranchStmt:
				switch {
				case m.Label != nil, m.Tok == token.GOTO:
					found = true
				case m.Tok == token.BREAK && !brk, m.Tok == token.CONTINUE && !loop:
					found = true
				}
			case *ast.ForStmt, *ast.RangeStmt:
				found = walk(m, true, true)
				return false
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				found = walk(m, loop, true)
				return false
			case *ast.IfStmt:
				if errBranch != nil && errBranch(m.Cond) {
					found = walk(m.Body, true, brk) || m.Else != nil && walk(m.Else, loop, brk)
					return false
				}
			}
			return !found
		})
		return found
	}
	return walk(&ast.BlockStmt{List: stmts}, false, false)
}
