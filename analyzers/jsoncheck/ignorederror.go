package jsoncheck

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// ignored-error: a JSON decode of a response whose error is ignored.

func (c *checker) checkDecodes() {
	for _, n := range c.calls {
		call := n.cur.Node().(*ast.CallExpr)
		d := c.decodeOf(call)
		if d == nil || d.src&fromResponse == 0 || n.decl == nil {
			continue
		}
		stmt, form := c.discarded(n.cur)
		if stmt == nil || c.decodedBefore(d, n) {
			continue
		}
		// Best effort on an error response: the error is being reported
		// anyway, and the decode only adds the API's message to it. Turning
		// its failure into the returned error would replace the API's own
		// error ("404: no such user") with "invalid character '<'".
		if c.knownErrorAt(n.cur) || c.buildsError(n.cur, call) {
			continue
		}
		if !c.destUsedAfter(d, n.cur) {
			continue
		}
		what := "json.Unmarshal"
		if !httpmodel.IsFunc(c.model.Callee(call), "encoding/json", "", "Unmarshal") {
			what = "(*json.Decoder).Decode"
		}
		diag := analysis.Diagnostic{
			Pos:      call.Pos(),
			End:      call.End(),
			Category: CategoryIgnoredError,
			Message: fmt.Sprintf("error returned by %s is not checked: a malformed or truncated response body leaves zero values that are then used as data",
				what),
		}
		if form != formAssigned {
			if fix, ok := c.decodeFix(n.cur, stmt, call); ok {
				diag.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
		c.rep.Report(diag)
	}
}

// buildsError reports whether the function around the decode at cur
// returns a non-nil error on every return after it: the function builds
// an error (a parseError(resp) helper), and what is decoded only enriches
// it.
func (c *checker) buildsError(cur inspector.Cursor, call *ast.CallExpr) bool {
	fd, ok := httpmodel.EnclosingFunc(cur).(*ast.FuncDecl)
	if !ok {
		return false
	}
	sig := fixes.Signature(c.info, fd)
	if sig == nil || sig.Results().Len() == 0 || !fixes.IsError(sig.Results().At(sig.Results().Len()-1).Type()) {
		return false
	}
	limit := reachEnd(cur, fd)
	n := 0
	for _, ret := range c.model.Returns(fd) {
		if ret.Pos() < call.End() || ret.End() > limit {
			continue
		}
		if len(ret.Results) != sig.Results().Len() || !c.nonNilError(ret.Results[len(ret.Results)-1]) {
			return false
		}
		n++
	}
	return n > 0
}

// reachEnd returns where the code reachable from the decode at cur, in
// the function fd, ends: the end of the innermost enclosing block whose
// last statement is a return (an error branch, if StatusCode > 299 { ...;
// return nil, apiErr }), or else the end of the function. The returns after
// that block are not reached from the decode.
func reachEnd(cur inspector.Cursor, fd *ast.FuncDecl) token.Pos {
	for enc := range cur.Enclosing((*ast.BlockStmt)(nil), (*ast.CaseClause)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		var list []ast.Stmt
		switch n := enc.Node().(type) {
		case *ast.BlockStmt:
			list = n.List
		case *ast.CaseClause:
			list = n.Body
		default:
			return fd.End()
		}
		if len(list) > 0 {
			if _, ok := list[len(list)-1].(*ast.ReturnStmt); ok {
				return enc.Node().End()
			}
		}
	}
	return fd.End()
}

// nonNilError reports whether e, an expression of a function's error
// result, is never nil: fmt.Errorf, errors.New, the address of a value, or
// a value of a non-pointer, non-interface type.
func (c *checker) nonNilError(e ast.Expr) bool {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok {
		fn := c.model.Callee(call)
		return httpmodel.IsFunc(fn, "fmt", "", "Errorf") || httpmodel.IsFunc(fn, "errors", "", "New")
	}
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		return true
	}
	t := c.info.TypeOf(e)
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Interface, *types.Pointer, *types.Map, *types.Slice, *types.Chan, *types.Signature:
		return false
	}
	return !astq.IsNil(c.info, e)
}

// decodedBefore reports whether the same bytes were decoded earlier in the
// declaration with the error examined: the data is known to be valid JSON,
// and a second decode into another shape (optional extras) may ignore it.
func (c *checker) decodedBefore(d *decode, n node) bool {
	arg, ok := sourceArg(d.call)
	if !ok {
		return false
	}
	for _, m := range c.calls {
		if m.decl != n.decl || m.cur.Node().Pos() >= d.call.Pos() {
			continue
		}
		other := m.cur.Node().(*ast.CallExpr)
		if c.decodeOf(other) == nil {
			continue
		}
		if a, ok := sourceArg(other); ok && c.sameExpr(a, arg) {
			if stmt, _ := c.discarded(m.cur); stmt == nil {
				return true
			}
		}
	}
	return false
}

// sourceArg returns the bytes decoded by json.Unmarshal.
func sourceArg(call *ast.CallExpr) (ast.Expr, bool) {
	if len(call.Args) != 2 {
		return nil, false
	}
	return call.Args[0], true
}

type discardForm int

const (
	formExpr     discardForm = iota // json.Unmarshal(b, &v)
	formBlank                       // _ = json.Unmarshal(b, &v)
	formAssigned                    // err = json.Unmarshal(b, &v), err never read
)

// discarded returns the statement that discards the error of the call at
// cur, or nil when the error is used.
func (c *checker) discarded(cur inspector.Cursor) (ast.Stmt, discardForm) {
	for {
		if _, ok := cur.Parent().Node().(*ast.ParenExpr); !ok {
			break
		}
		cur = cur.Parent()
	}
	parent := cur.Parent()
	switch p := parent.Node().(type) {
	case *ast.ExprStmt:
		if astq.InStmtList(parent) {
			return p, formExpr
		}
		return nil, 0
	case *ast.AssignStmt:
		if len(p.Lhs) != 1 || len(p.Rhs) != 1 || (p.Tok != token.ASSIGN && p.Tok != token.DEFINE) {
			return nil, 0
		}
		if id, ok := p.Lhs[0].(*ast.Ident); ok && id.Name == "_" {
			return p, formBlank
		}
		v := c.localVar(p.Lhs[0])
		if v == nil || !c.unread(v, parent) {
			return nil, 0
		}
		return p, formAssigned
	}
	return nil, 0
}

// unread reports whether the local variable v, assigned by the statement
// at stmt, is never read before it is overwritten. Only plain cases are
// claimed: no later use in the function, outside loops.
func (c *checker) unread(v *types.Var, stmt inspector.Cursor) bool {
	var fnCur inspector.Cursor
	for f := range stmt.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fnCur = f
		break
	}
	if !fnCur.Valid() {
		return false
	}
	var body *ast.BlockStmt
	switch f := fnCur.Node().(type) {
	case *ast.FuncDecl:
		body = f.Body
	case *ast.FuncLit:
		body = f.Body
	}
	if body == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return false // parameter or named result
	}
	for l := range stmt.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch l.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if v.Pos() < l.Node().Pos() {
				return false // a read earlier in the loop may see it
			}
		}
		break
	}
	end := stmt.Node().End()
	for _, id := range c.model.Uses(v) {
		if id.Pos() > end {
			return false
		}
	}
	return true
}

// destUsedAfter reports whether the decode's destination is used after the call.
func (c *checker) destUsedAfter(d *decode, cur inspector.Cursor) bool {
	v := c.localVar(stripAddr(d.dst))
	if v == nil {
		return true // a field or an expression: assume used
	}
	fn := httpmodel.EnclosingFunc(cur)
	if fn == nil {
		return false
	}
	for _, id := range c.model.Uses(v) {
		if id.Pos() > d.call.End() && id.Pos() < fn.End() {
			return true
		}
	}
	return false
}
