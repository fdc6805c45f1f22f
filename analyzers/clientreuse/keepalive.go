package clientreuse

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// Transports whose connections are never pooled: built with keep-alives
// disabled, or sending only requests that ask for their connection to be
// closed. Building such a Transport once would save no handshake.

// keepAlivesDisabled reports whether e is a Transport literal that sets
// DisableKeepAlives to the constant true.
func (c *checker) keepAlivesDisabled(e ast.Expr) bool {
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "DisableKeepAlives" {
				return c.isConstTrue(kv.Value)
			}
		}
	}
	return false
}

// isConstTrue reports whether e is a constant expression of value true.
func (c *checker) isConstTrue(e ast.Expr) bool {
	tv, ok := c.info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value)
}

// constString returns the value of e when it is a constant string.
func (c *checker) constString(e ast.Expr) (string, bool) {
	tv, ok := c.info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// closesEvery reports whether every request sent through the tracked
// Transport is marked, in the function that sends it, to close its
// connection after the response: then the Transport never pools one.
func (c *checker) closesEvery(f *flow) bool {
	if len(f.sendsVia) == 0 || f.sendOdd {
		return false
	}
	for _, call := range f.sendsVia {
		if !c.sendsClosing(call) {
			return false
		}
	}
	return true
}

// sendsClosing reports whether the request-sending call sends an
// *http.Request held by a variable that is marked to close before the call.
func (c *checker) sendsClosing(call *ast.CallExpr) bool {
	req := c.model.Request(call)
	if req == nil || len(call.Args) == 0 {
		return false
	}
	if !httpmodel.IsFunc(req.Callee, "net/http", "Client", "Do") &&
		!httpmodel.IsFunc(req.Callee, "net/http", "Transport", "RoundTrip") &&
		!httpmodel.IsFunc(req.Callee, "net/http", "RoundTripper", "RoundTrip") {
		return false // a helper builds its own request, a wrapper sends who knows what
	}
	v := astq.VarOf(c.info, call.Args[0])
	if v == nil || v.IsField() || v.Pkg() != c.pass.Pkg || v.Parent() == v.Pkg().Scope() ||
		!httpmodel.IsPointerTo(v.Type(), "net/http", "Request") {
		return false
	}
	as := c.model.AssignmentsOf(v)
	if len(as) > 0 && c.allClosingLiterals(as) {
		return true
	}
	callCur, ok := c.model.Cursor(call)
	if !ok {
		return false
	}
	fn := httpmodel.EnclosingFunc(callCur)
	for _, use := range c.model.UseCursors(v) {
		stmt, ok := c.closeMark(use)
		if !ok || !astq.InStmtList(stmt) || httpmodel.EnclosingFunc(stmt) != fn {
			continue
		}
		// The mark runs before the call on every path: it comes first in a
		// statement list that holds the call, and the variable is given no
		// other request from the mark on.
		if !astq.Within(call, stmt.Parent().Node()) || stmt.Node().End() > call.Pos() {
			continue
		}
		later := false
		for _, a := range as {
			if a.Pos > stmt.Node().Pos() {
				later = true
			}
		}
		if !later {
			return true
		}
	}
	return false
}

// allClosingLiterals reports whether every assignment gives the variable a
// request literal that sets Close to true: &http.Request{..., Close: true}.
func (c *checker) allClosingLiterals(as []httpmodel.Assignment) bool {
	for _, a := range as {
		if a.Value == nil || a.Index != 0 {
			return false
		}
		e := ast.Unparen(a.Value)
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = ast.Unparen(u.X)
		}
		lit, ok := e.(*ast.CompositeLit)
		if tv, known := c.info.Types[lit]; !ok || !known || !httpmodel.IsNamed(tv.Type, "net/http", "Request") {
			return false
		}
		closes := false
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "Close" {
					closes = c.isConstTrue(kv.Value)
				}
			}
		}
		if !closes {
			return false
		}
	}
	return true
}

// closeMark returns the statement in which the use of a request variable
// marks the request to close its connection: req.Close = true, or
// req.Header.Set("Connection", "close") (or Add; the header's name and
// value compared case-insensitively).
func (c *checker) closeMark(use inspector.Cursor) (inspector.Cursor, bool) {
	var none inspector.Cursor
	if use.ParentEdgeKind() != edge.SelectorExpr_X {
		return none, false
	}
	selCur := use.Parent()
	sel := selCur.Node().(*ast.SelectorExpr)
	s := c.info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal || len(s.Index()) != 1 {
		return none, false
	}
	switch sel.Sel.Name {
	case "Close":
		k, idx := selCur.ParentEdge()
		if k != edge.AssignStmt_Lhs {
			return none, false
		}
		asCur := selCur.Parent()
		as := asCur.Node().(*ast.AssignStmt)
		if as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) || !c.isConstTrue(as.Rhs[idx]) {
			return none, false
		}
		return asCur, true
	case "Header":
		if selCur.ParentEdgeKind() != edge.SelectorExpr_X {
			return none, false
		}
		mCur := selCur.Parent()
		ms := c.info.Selections[mCur.Node().(*ast.SelectorExpr)]
		if ms == nil || ms.Kind() != types.MethodVal || mCur.ParentEdgeKind() != edge.CallExpr_Fun {
			return none, false
		}
		m, _ := ms.Obj().(*types.Func)
		if !httpmodel.IsFunc(m, "net/http", "Header", "Set") && !httpmodel.IsFunc(m, "net/http", "Header", "Add") {
			return none, false
		}
		callCur := mCur.Parent()
		call := callCur.Node().(*ast.CallExpr)
		if len(call.Args) != 2 || callCur.ParentEdgeKind() != edge.ExprStmt_X {
			return none, false
		}
		key, ok1 := c.constString(call.Args[0])
		val, ok2 := c.constString(call.Args[1])
		if !ok1 || !ok2 || !strings.EqualFold(key, "Connection") || !strings.EqualFold(strings.TrimSpace(val), "close") {
			return none, false
		}
		return callCur.Parent(), true
	}
	return none, false
}
