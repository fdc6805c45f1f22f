package httpmodel

import (
	"go/ast"
	"go/constant"
	"go/types"
)

// ClientKind classifies the client a request is sent with.
type ClientKind int

// Kinds of client.
const (
	// ClientUnknown: not visible here (a function result of another package, an interface...).
	ClientUnknown ClientKind = iota
	// ClientDefault: http.DefaultClient, or the package helpers http.Get & co. that use it.
	ClientDefault
	// ClientLiteral: &http.Client{...}, http.Client{...}, new(http.Client) or a
	// zero http.Client variable, visible in the enclosing function.
	ClientLiteral
	// ClientPackageVar: a package-level variable.
	ClientPackageVar
	// ClientField: a struct field.
	ClientField
	// ClientParam: a parameter.
	ClientParam
	// ClientCall: the result of a function call.
	ClientCall
	// ClientTransport: the request is sent by a RoundTripper directly.
	ClientTransport
	// ClientWellKnown: a well-known client library's client (go-retryablehttp, resty).
	ClientWellKnown
)

var clientKindNames = [...]string{"unknown", "default", "literal", "packagevar", "field", "param", "call", "transport", "wellknown"}

func (k ClientKind) String() string {
	if int(k) < len(clientKindNames) {
		return clientKindNames[k]
	}
	return "invalid"
}

// Client is what the model knows of the client a request is sent with.
type Client struct {
	Kind ClientKind
	// Expr is the client expression at the call (the receiver), if any.
	Expr ast.Expr
	// Var is the variable or field holding the client, if any.
	Var *types.Var
	// Construction is the expression that built the client, when visible:
	// a composite literal (possibly under &) or new(http.Client). Nil for a
	// zero-valued variable declaration.
	Construction ast.Expr
	// Timeout says whether the client visibly has a non-zero Timeout.
	Timeout Tri
	// Transport is the value of the literal's Transport field, or nil.
	Transport ast.Expr
	// Call and Callee are set for ClientCall.
	Call   *ast.CallExpr
	Callee *types.Func
}

// client classifies an *http.Client (or http.Client) expression inside f.
func (r *resolver) client(e ast.Expr, f *funcInfo, depth int) Client {
	unknown := Client{Kind: ClientUnknown, Expr: e}
	if e == nil || depth > maxDepth {
		return unknown
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.StarExpr:
		c := r.client(x.X, f, depth+1)
		c.Expr = e
		return c
	case *ast.UnaryExpr:
		if lit, ok := ast.Unparen(x.X).(*ast.CompositeLit); ok {
			c := r.clientLiteral(lit)
			c.Expr, c.Construction = e, x
			return c
		}
	case *ast.CompositeLit:
		c := r.clientLiteral(x)
		c.Expr = e
		return c
	case *ast.CallExpr:
		if isNewOf(r.info, x, IsClientType) {
			return Client{Kind: ClientLiteral, Expr: e, Construction: x, Timeout: TriNo}
		}
		return Client{Kind: ClientCall, Expr: e, Call: x, Callee: r.callee(x)}
	case *ast.SelectorExpr:
		v, ok := r.info.Uses[x.Sel].(*types.Var)
		if !ok {
			return unknown
		}
		if v.Pkg() != nil && v.Pkg().Path() == "net/http" && v.Name() == "DefaultClient" {
			return Client{Kind: ClientDefault, Expr: e, Var: v}
		}
		if v.IsField() {
			return Client{Kind: ClientField, Expr: e, Var: v}
		}
		return r.packageVarClient(v, e, depth)
	case *ast.Ident:
		v, ok := r.info.Uses[x].(*types.Var)
		if !ok {
			return unknown
		}
		if v.Parent() != nil && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
			return r.packageVarClient(v, e, depth)
		}
		a, assigned := r.lastAssign(v, x.Pos())
		if !assigned {
			if _, isParam := r.paramIndex(v, f); isParam {
				return Client{Kind: ClientParam, Expr: e, Var: v}
			}
			return unknown
		}
		var c Client
		switch {
		case a.Zero:
			c = Client{Kind: ClientLiteral, Timeout: TriNo}
		case a.Value == nil || a.Index != 0:
			return unknown
		default:
			c = r.client(a.Value, f, depth+1)
		}
		c.Expr, c.Var = e, v
		// c.Timeout = d after the construction sets a timeout: before this
		// use, or after it textually but for a use that runs later (in a
		// function literal, a loop's next iteration). Flow-insensitive on
		// purpose: a Timeout the code sets on this value counts.
		if (c.Kind == ClientLiteral || c.Kind == ClientCall) && c.Timeout != TriYes {
			for _, s := range r.selAssigns[v] {
				if s.field.Name() != "Timeout" || s.pos <= a.Pos || isZeroConst(r.info, s.value) {
					continue
				}
				if last, _ := r.lastAssign(v, s.pos); last.Pos == a.Pos {
					c.Timeout = TriYes // set on the value this use sees, not on a later one
				}
			}
		}
		return c
	}
	return unknown
}

// packageVarClient classifies a package-level client variable: known when
// its one visible assignment is its declaration.
func (r *resolver) packageVarClient(v *types.Var, e ast.Expr, depth int) Client {
	c := Client{Kind: ClientPackageVar, Expr: e, Var: v}
	as := r.assigns[v]
	if v.Pkg() != r.pass.Pkg || len(as) != 1 {
		return c // declared elsewhere, or reassigned: not visible
	}
	a := as[0]
	var inner Client
	switch {
	case a.Zero:
		inner = Client{Kind: ClientLiteral, Timeout: TriNo}
	case a.Value != nil && a.Index == 0:
		inner = r.client(a.Value, &funcInfo{}, depth+1)
	}
	if inner.Kind == ClientLiteral {
		c.Construction, c.Timeout, c.Transport = inner.Construction, inner.Timeout, inner.Transport
	}
	for _, s := range r.selAssigns[v] {
		if s.field.Name() == "Timeout" && !isZeroConst(r.info, s.value) {
			c.Timeout = TriYes // set somewhere, typically in init or main
		}
	}
	return c
}

// isZeroConst reports whether e is a constant zero: Timeout: 0 sets no timeout.
func isZeroConst(info *types.Info, e ast.Expr) bool {
	if e == nil {
		return false
	}
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && constant.Sign(tv.Value) == 0
}

// clientLiteral reads an http.Client composite literal.
func (r *resolver) clientLiteral(lit *ast.CompositeLit) Client {
	tv, ok := r.info.Types[lit]
	if !ok || !IsNamed(tv.Type, "net/http", "Client") {
		return Client{Kind: ClientUnknown}
	}
	c := Client{Kind: ClientLiteral, Construction: lit, Timeout: TriNo}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		switch key.Name {
		case "Timeout":
			c.Timeout = TriYes
			if isZeroConst(r.info, kv.Value) {
				c.Timeout = TriNo
			}
		case "Transport":
			c.Transport = kv.Value
		}
	}
	return c
}

// IsNewTransport reports whether call is new(http.Transport).
func IsNewTransport(info *types.Info, call *ast.CallExpr) bool {
	return isNewOf(info, call, func(t types.Type) bool { return IsNamed(t, "net/http", "Transport") })
}

// ImportsNetHTTP reports whether pkg is net/http or imports it directly:
// the analyzers' fast path.
func ImportsNetHTTP(pkg *types.Package) bool {
	if pkg.Path() == "net/http" {
		return true
	}
	for _, imp := range pkg.Imports() {
		if imp.Path() == "net/http" {
			return true
		}
	}
	return false
}

// isNewOf reports whether call is new(T) with T accepted by is.
func isNewOf(info *types.Info, call *ast.CallExpr, is func(types.Type) bool) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) != 1 {
		return false
	}
	if b, ok := info.Uses[id].(*types.Builtin); !ok || b.Name() != "new" {
		return false
	}
	tv, ok := info.Types[call.Args[0]]
	return ok && tv.IsType() && is(tv.Type)
}
