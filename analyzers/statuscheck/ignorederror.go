package statuscheck

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// ignored-error: a request whose error is never checked before the response is
// used, and its fix.

// checkError reports a request whose error is discarded while its response is used.
func (c *checker) checkError(req *httpmodel.Request, b *httpmodel.Binding) {
	blank := astq.IsBlank(b.ErrExpr)
	if !blank && b.Err != nil && !c.unread(b) {
		c.checkEarlyUse(req, b)
		return
	}
	if !blank && b.Err == nil {
		return
	}
	used := false
	for _, u := range c.after(b.Resp, b) {
		switch k, _ := c.classify(u); k {
		case useCompare:
			return // resp == nil: the failure is handled through the response
		case useWrite:
		case useOther:
			if c.nilSafeArg(u) {
				return // handed to a function that compares it with nil
			}
			used = true
		default:
			used = true
		}
	}
	if !used {
		return
	}
	c.reportIgnored(req, b, blank, fmt.Sprintf("error returned by %s is not checked: when the request fails (connection refused, timeout) %s is nil and using it panics",
		astq.FuncName(req.Callee), b.Resp.Name()), nil)
}

// reportIgnored reports an ignored error at the request, with the fix
// that checks it when that fix is safe.
func (c *checker) reportIgnored(req *httpmodel.Request, b *httpmodel.Binding, blank bool, msg string, related []analysis.RelatedInformation) {
	d := analysis.Diagnostic{
		Pos:      req.Call.Pos(),
		End:      req.Call.End(),
		Category: categoryIgnoredError,
		Message:  msg,
		Related:  related,
	}
	if fix, ok := c.errorFix(req, b, blank); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.rep.Report(d)
}

// checkEarlyUse reports a response dereferenced before its error is
// tested: the first statement after the request that mentions the
// response or the error reads a field of the response (resp.StatusCode,
// defer resp.Body.Close()) and does not mention the error. When the
// request fails the response is nil and that statement panics; the error
// read later comes too late. Only the plain shape is claimed: the
// statement follows the request in the same block, the response is a
// pointer, no closure reads the error, the use is not nested in a block of
// the statement (if ok { resp.Links = l }), and no use of the response there is a comparison (resp != nil), an
// assignment, or inside a function literal (which may run later).
func (c *checker) checkEarlyUse(req *httpmodel.Request, b *httpmodel.Binding) {
	if b.Resp == nil || !astq.InStmtList(b.Cursor) {
		return
	}
	if _, ok := b.Resp.Type().Underlying().(*types.Pointer); !ok {
		return
	}
	if c.usedOnlyIn(b.Err) != b.Func {
		return // a closure reads the error: it may run before the use
	}
	for next, ok := b.Cursor.NextSibling(); ok; next, ok = next.NextSibling() {
		stmt := next.Node()
		if len(between(c.model.UseCursors(b.Err), stmt.Pos()-1, stmt.End())) > 0 {
			return // the error is looked at here, first or together
		}
		uses := between(c.model.UseCursors(b.Resp), stmt.Pos()-1, stmt.End())
		if len(uses) == 0 {
			switch stmt.(type) {
			case *ast.ReturnStmt, *ast.BranchStmt:
				return // what follows is not reached from the request
			}
			continue
		}
		var deref *ast.SelectorExpr
		for _, u := range uses {
			if c.insideFuncLit(u, next) {
				return // may run later, after a check
			}
			if conditional(u, next) {
				continue // runs only when something holds: perhaps success
			}
			switch k, _ := c.classify(u); k {
			case useStatus, useBody, useOther:
				if sel, ok := u.Parent().Node().(*ast.SelectorExpr); ok && u.ParentEdgeKind() == edge.SelectorExpr_X {
					if deref == nil {
						deref = sel
					}
					continue
				}
				return
			default:
				return // compared, assigned, handed on: not a plain dereference
			}
		}
		if deref == nil {
			return
		}
		c.reportIgnored(req, b, false, fmt.Sprintf("%s is used before the error returned by %s is checked: when the request fails (connection refused, timeout) %s is nil and reading %s panics",
			b.Resp.Name(), astq.FuncName(req.Callee), b.Resp.Name(), types.ExprString(deref)),
			[]analysis.RelatedInformation{{Pos: deref.Pos(), End: deref.End(), Message: "used here"}})
		return
	}
}

// conditional reports whether the use u lies in a block or clause nested in
// the statement at stmt (if ok { resp.Links = ... }): it runs only when
// that condition holds, which may imply that the request succeeded.
func conditional(u, stmt inspector.Cursor) bool {
	for b := range u.Enclosing((*ast.BlockStmt)(nil), (*ast.CaseClause)(nil), (*ast.CommClause)(nil)) {
		return astq.Within(b.Node(), stmt.Node()) && b.Node() != stmt.Node()
	}
	return false
}

// insideFuncLit reports whether the use u lies in a function literal
// within the statement at stmt.
func (c *checker) insideFuncLit(u, stmt inspector.Cursor) bool {
	for lit := range u.Enclosing((*ast.FuncLit)(nil)) {
		return stmt.Contains(lit)
	}
	return false
}

// unread reports whether the error variable of b is never read before it
// is overwritten. Only plain cases are claimed: a local variable that no
// closure captures, with no later use at all, or overwritten by a later
// statement of the same block before any read.
func (c *checker) unread(b *httpmodel.Binding) bool {
	v := b.Err
	body := astq.FuncBody(b.Func)
	if body == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return false // a parameter, a named result (read by return), or not local
	}
	uses := c.model.UseCursors(v)
	if len(uses) > 0 && c.usedOnlyIn(v) != b.Func {
		return false // captured by a closure
	}
	later := between(uses, b.Stmt.End(), b.Func.End())
	if len(later) == 0 {
		// In a loop, a use before the statement reads the previous iteration's error.
		for l := range b.Cursor.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
			loop := l.Node()
			if _, ok := loop.(*ast.FuncLit); ok {
				break
			}
			if _, ok := loop.(*ast.FuncDecl); ok {
				break
			}
			if v.Pos() < loop.Pos() && len(between(uses, loop.Pos()-1, b.Stmt.Pos())) > 0 {
				return false
			}
		}
		return true
	}
	return c.overwrittenFirst(later, b)
}

// overwrittenFirst reports whether the first of the later uses of a
// variable is an assignment to it, in a later statement of the block of b's
// statement, that does not read it: the value it held is never read.
func (c *checker) overwrittenFirst(later []inspector.Cursor, b *httpmodel.Binding) bool {
	first := later[0]
	as, ok := first.Parent().Node().(*ast.AssignStmt)
	if !ok || first.ParentEdgeKind() != edge.AssignStmt_Lhs || (as.Tok != token.ASSIGN && as.Tok != token.DEFINE) {
		return false
	}
	if first.Parent().Parent() != b.Cursor.Parent() {
		return false // overwritten in a nested block: not on every path
	}
	// The next use, if any, must come after the overwriting statement: one
	// inside it means the statement reads the value it replaces.
	return len(later) < 2 || later[1].Node().Pos() >= as.End()
}

// errorFix names the discarded error and returns it when it is not nil.
func (c *checker) errorFix(req *httpmodel.Request, b *httpmodel.Binding, blank bool) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if b.Assign == nil || !astq.InStmtList(b.Cursor) || c.zeroReturnsUnsafe(b.Func) {
		return none, false
	}
	if req.Callee.Pkg() == nil || req.Callee.Pkg().Path() != "net/http" {
		// Libraries may return the response together with an error for
		// an error status (a 404 the code then expects): returning on
		// the error would abort on the very status the code handles.
		for _, u := range c.after(b.Resp, b) {
			if k, _ := c.classify(u); k == useStatus {
				return none, false
			}
		}
	}
	file := c.fileOf(b.Stmt.Pos())
	if file == nil {
		return none, false
	}
	id, ok := b.ErrExpr.(*ast.Ident)
	if !ok {
		return none, false
	}
	name := id.Name
	var edits []analysis.TextEdit
	if blank {
		var ok bool
		if name, ok = c.errName(b); !ok {
			return none, false
		}
		edits = append(edits, analysis.TextEdit{Pos: b.ErrExpr.Pos(), End: b.ErrExpr.End(), NewText: []byte(name)})
	}
	pos, indent, ok := c.nextLine(b.Stmt)
	if !ok {
		return none, false
	}
	zeros, zedits, ok := fixes.ZeroResults(c.pass, b.Func, file, pos)
	if !ok {
		return none, false
	}
	text := fmt.Sprintf("%sif %s != nil {\n%s\treturn %s%s\n%s}\n", indent, name, indent, zeros, name, indent)
	edits = append(edits, analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text)})
	edits = append(edits, zedits...)
	return analysis.SuggestedFix{Message: "Check the request error", TextEdits: edits}, true
}

// errName chooses the name of a discarded error: err where that is legal
// and changes nothing else, else a fresh name.
func (c *checker) errName(b *httpmodel.Binding) (string, bool) {
	pos := b.Stmt.Pos()
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return "", false
	}
	// later returns the uses of v after the statement, before end.
	later := func(v *types.Var, end token.Pos) []inspector.Cursor {
		return between(c.model.UseCursors(v), b.Stmt.End(), end)
	}
	// reusable reports whether assigning the request's error to v loses
	// nothing: the value v held is never read afterwards.
	reusable := func(obj types.Object) bool {
		v, ok := obj.(*types.Var)
		if !ok || !fixes.IsError(v.Type()) {
			return false
		}
		// Assigned, not shadowed: every later use in the function counts.
		uses, limit := later(v, b.Func.End()), b.Func.End()
		if len(uses) > 0 {
			if !c.overwrittenFirst(uses, b) {
				return false
			}
			limit = uses[0].Node().Pos()
		}
		return !c.isResult(v, b.Func) || !c.nakedReturn(b.Func, b.Stmt.End(), limit)
	}
	if b.Assign.Tok == token.ASSIGN {
		// resp, _ = call: only an existing local error variable can take it.
		_, obj := scope.LookupParent("err", pos)
		if obj != nil && obj.Parent() != c.pass.Pkg.Scope() && reusable(obj) {
			return "err", true
		}
		return "", false
	}
	legal := true
	if obj := scope.Lookup("err"); obj != nil {
		// Redeclared by :=, so assigned to.
		legal = obj.Pos() < pos && reusable(obj)
	} else if _, obj := scope.LookupParent("err", pos); obj != nil && obj.Parent() != types.Universe {
		// Shadowed from here on: no later use may mean the outer one.
		v, ok := obj.(*types.Var)
		legal = ok && fixes.IsError(v.Type()) && len(later(v, scope.End())) == 0 && !(c.isResult(v, b.Func) && c.nakedReturn(b.Func, b.Stmt.End(), scope.End()))
	}
	if legal {
		return "err", true
	}
	return fixes.FreshName("err", func(n string) bool {
		_, obj := scope.LookupParent(n, pos)
		return obj != nil || scope.Lookup(n) != nil
	}), true
}

// isResult reports whether v is a named result of fn.
func (c *checker) isResult(v *types.Var, fn ast.Node) bool {
	sig := fixes.Signature(c.pass.TypesInfo, fn)
	if sig == nil {
		return false
	}
	for i := 0; i < sig.Results().Len(); i++ {
		if sig.Results().At(i) == v {
			return true
		}
	}
	return false
}

// nakedReturn reports whether fn has a return statement without results
// between from and to, outside nested function literals. The positions of
// a function's naked returns are collected once.
func (c *checker) nakedReturn(fn ast.Node, from, to token.Pos) bool {
	ps, ok := c.naked[fn]
	if !ok {
		if body := astq.FuncBody(fn); body != nil {
			ast.Inspect(body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.ReturnStmt:
					if len(n.Results) == 0 {
						ps = append(ps, n.Pos())
					}
				}
				return true
			})
		}
		c.naked[fn] = ps
	}
	i := sort.Search(len(ps), func(i int) bool { return ps[i] >= from })
	return i < len(ps) && ps[i] < to
}
