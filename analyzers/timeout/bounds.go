package timeout

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// This file holds the bounds a client gets from somewhere other than its
// own Timeout field: code it is handed to, and its transport.

// isZeroConst reports whether e is a constant zero: Timeout: 0 sets no timeout.
func isZeroConst(info *types.Info, e ast.Expr) bool {
	if e == nil {
		return false
	}
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && constant.Sign(tv.Value) == 0
}

// mayBeConfigured reports whether the client variable v (local or of the
// package) is handed to code that may set its Timeout: passed to a
// function (an options loop, a configurator), stored in another variable,
// field or literal. Only uses as the operand of a selector (c.Do,
// c.Timeout = d), in a return statement (the caller is judged on its own)
// and in comparisons keep the client in view. A client held by value is
// copied when passed, so only its address (&c) is handed on.
func (c *checker) mayBeConfigured(v *types.Var) bool {
	if v == nil || v.IsField() || v.Pkg() != c.pass.Pkg {
		return false
	}
	_, isPtr := types.Unalias(v.Type()).(*types.Pointer)
	for _, id := range c.model.Uses(v) {
		cur, ok := c.model.Cursor(id)
		if !ok {
			return true
		}
		for {
			if _, ok := cur.Parent().Node().(*ast.ParenExpr); !ok {
				break
			}
			cur = cur.Parent()
		}
		switch p := cur.Parent().Node().(type) {
		case *ast.SelectorExpr, *ast.ReturnStmt, *ast.BinaryExpr:
			continue
		case *ast.StarExpr:
			continue // *c: a copy
		case *ast.UnaryExpr:
			if p.Op == token.AND {
				return true
			}
			continue
		case *ast.AssignStmt:
			if cur.ParentEdgeKind() == edge.AssignStmt_Lhs {
				continue // c = ...: a new value, seen by the model's assignments
			}
		case *ast.CallExpr:
			if isPtr && cur.ParentEdgeKind() == edge.CallExpr_Args && !c.setsTimeoutOfParam(p, cur.ParentEdgeIndex()) {
				continue
			}
		}
		if t := c.convertedTo(cur); t != nil && sendOnly(t) {
			continue // held as a Doer: what holds it can send, not configure
		}
		if isPtr {
			return true
		}
	}
	return false
}

// convertedTo returns the type the value at cur is stored or passed as:
// the declared type of the variable, field or parameter that receives it;
// nil when it keeps its own type or the destination cannot be seen.
func (c *checker) convertedTo(cur inspector.Cursor) types.Type {
	info := c.pass.TypesInfo
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if cur.ParentEdgeKind() == edge.AssignStmt_Rhs && len(p.Lhs) == len(p.Rhs) && p.Tok == token.ASSIGN {
			return info.TypeOf(p.Lhs[cur.ParentEdgeIndex()])
		}
	case *ast.ValueSpec:
		if cur.ParentEdgeKind() == edge.ValueSpec_Values && p.Type != nil {
			return info.TypeOf(p.Type)
		}
	case *ast.CallExpr:
		if cur.ParentEdgeKind() != edge.CallExpr_Args || p.Ellipsis.IsValid() {
			return nil
		}
		sig, ok := types.Unalias(info.TypeOf(p.Fun)).Underlying().(*types.Signature)
		if !ok {
			return nil
		}
		i := cur.ParentEdgeIndex()
		switch {
		case sig.Variadic() && i >= sig.Params().Len()-1:
			return nil
		case i < sig.Params().Len():
			return sig.Params().At(i).Type()
		}
	case *ast.KeyValueExpr:
		if cur.ParentEdgeKind() == edge.KeyValueExpr_Value {
			if f, ok := info.Uses[astIdent(p.Key)].(*types.Var); ok && f.IsField() {
				return f.Type()
			}
		}
	}
	return nil
}

// astIdent returns e as an identifier, or nil.
func astIdent(e ast.Expr) *ast.Ident {
	id, _ := e.(*ast.Ident)
	return id
}

// sendOnly reports whether t is an interface whose methods are all among
// http.Client's sending ones (Do, Get, Head, Post, PostForm,
// CloseIdleConnections): a client held as one can be used, not
// configured, so its Timeout stays what this package gave it.
func sendOnly(t types.Type) bool {
	it, ok := types.Unalias(t).Underlying().(*types.Interface)
	if !ok || it.NumMethods() == 0 {
		return false
	}
	for i := 0; i < it.NumMethods(); i++ {
		switch it.Method(i).Name() {
		case "Do", "Get", "Head", "Post", "PostForm", "CloseIdleConnections":
		default:
			return false
		}
	}
	return true
}

// setsTimeoutOfParam reports whether the function call calls may set the
// Timeout of the client passed as its argument i: a function value (an
// option) or a function of another package may; a function of this
// package may when it assigns its parameter's Timeout.
func (c *checker) setsTimeoutOfParam(call *ast.CallExpr, i int) bool {
	fn := c.model.Callee(call)
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return true
	}
	decl := c.decls[fn]
	if decl == nil || call.Ellipsis.IsValid() {
		return true
	}
	var params []*types.Var
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			v, _ := c.pass.TypesInfo.Defs[name].(*types.Var)
			params = append(params, v)
		}
		if len(field.Names) == 0 {
			params = append(params, nil)
		}
	}
	if i >= len(params) || params[i] == nil {
		return true
	}
	for _, s := range c.model.FieldSets(params[i]) {
		if s.Field.Name() == "Timeout" {
			return true
		}
	}
	return false
}

// transportBounds reports whether the client's transport bounds every phase
// of a request but the body read, or gives its connections deadlines:
//
//   - ResponseHeaderTimeout together with a dial function and a TLS
//     handshake limit (TLSHandshakeTimeout, or a TLS dial function of its
//     own): connect, handshake and the wait for the headers are bounded;
//   - a dial function that sets deadlines on the connections it returns
//     (conn.SetDeadline, SetReadDeadline), directly or in the Read of a
//     connection type of the package it wraps them in.
//
// Such requests are bounded, differently from a Client.Timeout but
// deliberately: a download may take long, a silent server may not.
func (c *checker) transportBounds(cl httpmodel.Client) bool {
	var candidates []ast.Expr
	if cl.Transport != nil {
		candidates = append(candidates, cl.Transport)
	}
	if cl.Var != nil {
		for _, s := range c.model.FieldSets(cl.Var) {
			if s.Field.Name() == "Transport" && s.Value != nil {
				candidates = append(candidates, s.Value) // c.Transport = tr
			}
		}
	}
	for _, e := range candidates {
		if c.boundedTransport(e) {
			return true
		}
	}
	return false
}

// boundedTransport reports whether the transport expression e is visibly
// configured as transportBounds describes: a literal, or a variable whose
// one visible value is a literal or a clone of http.DefaultTransport, with
// the fields its literal and later assignments set.
func (c *checker) boundedTransport(e ast.Expr) bool {
	fields := make(map[string]ast.Expr)
	base := func(v ast.Expr) bool {
		v = ast.Unparen(v)
		if u, ok := v.(*ast.UnaryExpr); ok && u.Op == token.AND {
			v = ast.Unparen(u.X)
		}
		switch v := v.(type) {
		case *ast.CompositeLit:
			tv, ok := c.pass.TypesInfo.Types[v]
			if !ok || !httpmodel.IsNamed(tv.Type, "net/http", "Transport") {
				return false
			}
			for _, elt := range v.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if key, ok := kv.Key.(*ast.Ident); ok {
						fields[key.Name] = kv.Value
					}
				}
			}
			return true
		case *ast.CallExpr:
			if c.isDefaultTransportClone(v) {
				// The default transport's dialer and handshake timeout come along.
				fields["DialContext"], fields["TLSHandshakeTimeout"] = v, v
				return true
			}
		}
		return false
	}
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok {
			return false
		}
		as := c.model.AssignmentsOf(v)
		if len(as) != 1 || as[0].Value == nil || as[0].Index != 0 || !base(as[0].Value) {
			return false
		}
		for _, s := range c.model.FieldSets(v) {
			fields[s.Field.Name()] = s.Value
		}
	} else if !base(e) {
		return false
	}
	set := func(name string) bool {
		v, ok := fields[name]
		return ok && !isZeroConst(c.pass.TypesInfo, v)
	}
	dial := set("DialContext") || set("Dial") || set("DialTLSContext") || set("DialTLS")
	handshake := set("TLSHandshakeTimeout") || set("DialTLSContext") || set("DialTLS")
	if set("ResponseHeaderTimeout") && dial && handshake {
		return true
	}
	for _, name := range []string{"DialContext", "Dial", "DialTLSContext", "DialTLS"} {
		if v, ok := fields[name]; ok && c.dialSetsDeadline(v) {
			return true
		}
	}
	return false
}

// isDefaultTransportClone reports whether call is
// http.DefaultTransport.(*http.Transport).Clone().
func (c *checker) isDefaultTransportClone(call *ast.CallExpr) bool {
	fn := c.model.Callee(call)
	if !httpmodel.IsFunc(fn, "net/http", "Transport", "Clone") {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	ta, ok := ast.Unparen(sel.X).(*ast.TypeAssertExpr)
	if !ok {
		return false
	}
	x, ok := ast.Unparen(ta.X).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[x.Sel].(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == "net/http" && v.Name() == "DefaultTransport"
}

// dialSetsDeadline reports whether the dial function e (a function
// literal, or a function or method of this package) sets a deadline on
// the connections it makes, or wraps them in a connection type of this
// package whose methods do.
func (c *checker) dialSetsDeadline(e ast.Expr) bool {
	var body *ast.BlockStmt
	switch x := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		body = x.Body
	case *ast.Ident, *ast.SelectorExpr:
		var obj types.Object
		if id, ok := x.(*ast.Ident); ok {
			obj = c.pass.TypesInfo.Uses[id]
		} else {
			obj = c.pass.TypesInfo.Uses[x.(*ast.SelectorExpr).Sel]
		}
		fn, ok := obj.(*types.Func)
		if !ok {
			return false
		}
		decl := c.decls[fn.Origin()]
		if decl == nil {
			return false
		}
		body = decl.Body
	}
	if body == nil {
		return false
	}
	if c.setsDeadline(body) {
		return true
	}
	// return &deadlineConn{Conn: conn, ...}: the wrapper's methods may set them.
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok || found {
			return !found
		}
		named, ok := types.Unalias(c.pass.TypesInfo.TypeOf(lit)).(*types.Named)
		if !ok || named.Obj().Pkg() != c.pass.Pkg {
			return true
		}
		for m := range named.Origin().Methods() {
			if decl := c.decls[m]; decl != nil && c.setsDeadline(decl.Body) {
				found = true
			}
		}
		return !found
	})
	return found
}

// setsDeadline reports whether body calls a SetDeadline or SetReadDeadline
// method taking a time.Time, as net.Conn's.
func (c *checker) setsDeadline(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		fn := c.model.Callee(call)
		if fn == nil || (fn.Name() != "SetDeadline" && fn.Name() != "SetReadDeadline") {
			return true
		}
		params := fn.Signature().Params()
		if fn.Signature().Recv() != nil && params.Len() == 1 && httpmodel.IsNamed(params.At(0).Type(), "time", "Time") {
			found = true
		}
		return !found
	})
	return found
}
