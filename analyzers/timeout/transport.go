package timeout

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// checkTransports reports Transport constructions without dial or TLS
// handshake timeouts whose clients have no Timeout either.
func (c *checker) checkTransports(insp *inspector.Inspector) {
	for cur := range insp.Root().Preorder((*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)) {
		var lit *ast.CompositeLit
		switch n := cur.Node().(type) {
		case *ast.CompositeLit:
			tv, ok := c.pass.TypesInfo.Types[n]
			if !ok || !httpmodel.IsNamed(tv.Type, "net/http", "Transport") {
				continue
			}
			lit = n
		case *ast.CallExpr:
			if !httpmodel.IsNewTransport(c.pass.TypesInfo, n) {
				continue
			}
		}
		cons := cur.Node().(ast.Expr)
		if lit != nil && setsTimeouts(lit) {
			continue
		}
		holder := c.holderOf(cur)
		if holder != nil && c.setLater(holder) {
			continue
		}
		if !c.givenToClientWithoutTimeout(cur, holder) {
			continue
		}
		d := analysis.Diagnostic{
			Pos:      cons.Pos(),
			End:      cons.End(),
			Category: CategoryTransportTimeouts,
			Message:  "http.Transport has no dial or TLS handshake timeout and its client no Timeout: a host that accepts the connection but never completes the handshake hangs the request forever",
		}
		if fix, ok := c.transportFix(cons); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		c.rep.Report(d)
	}
}

func isDialOrHandshake(field string) bool {
	switch field {
	case "DialContext", "Dial", "DialTLSContext", "DialTLS", "TLSHandshakeTimeout":
		return true
	}
	return false
}

func setsTimeouts(lit *ast.CompositeLit) bool {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && isDialOrHandshake(key.Name) {
				return true
			}
		}
	}
	return false
}

// holderOf returns the local variable a transport construction is assigned
// to (tr := &http.Transport{...}), or nil.
func (c *checker) holderOf(cur inspector.Cursor) types.Object {
	p := cur.Parent()
	if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		cur, p = p, p.Parent()
	}
	e := cur.Node()
	switch s := p.Node().(type) {
	case *ast.AssignStmt:
		for i, rhs := range s.Rhs {
			if rhs == e && i < len(s.Lhs) && len(s.Lhs) == len(s.Rhs) {
				if id, ok := s.Lhs[i].(*ast.Ident); ok {
					return c.objOf(id)
				}
			}
		}
	case *ast.ValueSpec:
		for i, v := range s.Values {
			if v == e && i < len(s.Names) && len(s.Names) == len(s.Values) {
				return c.pass.TypesInfo.Defs[s.Names[i]]
			}
		}
	}
	return nil
}

func (c *checker) objOf(id *ast.Ident) types.Object {
	if obj := c.pass.TypesInfo.Defs[id]; obj != nil {
		return obj
	}
	return c.pass.TypesInfo.Uses[id]
}

// setLater reports whether a dial function or handshake timeout is assigned
// to the transport variable after its construction (tr.DialContext = ...).
func (c *checker) setLater(holder types.Object) bool {
	for _, s := range c.model.FieldSets(holder) {
		if isDialOrHandshake(s.Field.Name()) {
			return true
		}
	}
	// Given to a function that takes the *http.Transport itself, a
	// configurator such as go-connections' sockets.ConfigureTransport: it
	// may set the dial function (wrappers take an http.RoundTripper).
	v, ok := holder.(*types.Var)
	if !ok {
		return false
	}
	for _, id := range c.model.Uses(v) {
		cur, ok := c.model.Cursor(id)
		if !ok {
			continue
		}
		if call, ok := cur.Parent().Node().(*ast.CallExpr); ok && cur.ParentEdgeKind() == edge.CallExpr_Args && configures(c.pass.TypesInfo, call, cur.ParentEdgeIndex()) {
			return true
		}
	}
	return false
}

// configures reports whether argument i of call is a *http.Transport
// parameter of a function outside net/http and x/net/http2 (whose
// configurators are known not to set a dial function).
func configures(info *types.Info, call *ast.CallExpr, i int) bool {
	fn := httpmodel.Callee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "net/http", "golang.org/x/net/http2":
		return false
	}
	params := fn.Signature().Params()
	if i >= params.Len() {
		return false
	}
	return httpmodel.IsPointerTo(params.At(i).Type(), "net/http", "Transport")
}

// retrievedLater reports whether the client literal at litCur is stored in
// a struct field whose Transport the package takes back out as an
// *http.Transport (c.client.Transport.(*http.Transport)) to configure it
// elsewhere: what it ends up with cannot be seen here.
func (c *checker) retrievedLater(litCur inspector.Cursor) bool {
	field := c.fieldHolding(litCur)
	if field == nil {
		return false
	}
	// Each use of the field is the Sel of x.field; look for it under
	// (x.field).Transport.(*http.Transport). Going through the field's uses
	// keeps this proportional to them, not to the package.
	for _, id := range c.model.Uses(field) {
		cur, ok := c.model.Cursor(id)
		if !ok {
			continue
		}
		if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); !ok || sel.Sel != id {
			continue
		}
		holder := outerParens(cur.Parent())
		tr, ok := holder.Parent().Node().(*ast.SelectorExpr)
		if !ok || tr.Sel.Name != "Transport" || ast.Unparen(tr.X) != holder.Node() {
			continue
		}
		ta, ok := outerParens(holder.Parent()).Parent().Node().(*ast.TypeAssertExpr)
		if ok && ta.Type != nil && httpmodel.IsPointerTo(c.pass.TypesInfo.TypeOf(ta.Type), "net/http", "Transport") {
			return true
		}
	}
	return false
}

// outerParens returns the outermost parenthesised expression around the
// node at cur, or cur itself.
func outerParens(cur inspector.Cursor) inspector.Cursor {
	for {
		if _, ok := cur.Parent().Node().(*ast.ParenExpr); !ok {
			return cur
		}
		cur = cur.Parent()
	}
}

// givenToClientWithoutTimeout reports whether the transport is given to an
// http.Client whose requests the package visibly sends with nothing else
// bounding them (no client Timeout, no context deadline, no caller's
// context): inline in the client's literal, or through the variable that
// holds it. A transport whose clients cannot be seen sending (returned,
// passed on to an SDK's constructor, stored where nothing here sends
// through them) is not judged: what bounds their requests is decided
// elsewhere.
func (c *checker) givenToClientWithoutTimeout(cur inspector.Cursor, holder types.Object) bool {
	// Inline: &http.Client{Transport: &http.Transport{...}}.
	if kv, lit := enclosingClientField(c.pass.TypesInfo, cur); kv != nil {
		return !c.retrievedLater(lit) && c.sendsUnbounded(lit)
	}
	if holder == nil {
		return false
	}
	// Through a variable: the client literals naming it in their Transport
	// field, found among its uses.
	for _, id := range c.model.Uses(holder) {
		cur, ok := c.model.Cursor(id)
		if !ok {
			continue
		}
		val := outerParens(cur)
		kv, ok := val.Parent().Node().(*ast.KeyValueExpr)
		if !ok || kv.Value != val.Node() {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok || key.Name != "Transport" {
			continue
		}
		cl := val.Parent().Parent()
		lit, ok := cl.Node().(*ast.CompositeLit)
		if !ok {
			continue
		}
		if tv, ok := c.pass.TypesInfo.Types[lit]; ok && httpmodel.IsNamed(tv.Type, "net/http", "Client") && c.sendsUnbounded(cl) {
			return true
		}
	}
	return false
}

// sendsUnbounded reports whether the package sends, through the client
// literal at litCur, a request that nothing bounds: directly (through the
// variable holding it, or a package variable) or through the unexported
// field it is stored in.
func (c *checker) sendsUnbounded(litCur inspector.Cursor) bool {
	lit := litCur.Node().(*ast.CompositeLit)
	if len(c.unboundedByCons[lit]) > 0 {
		return true
	}
	if field := c.fieldHolding(litCur); field != nil {
		return len(c.unboundedByField[field]) > 0
	}
	return false
}

// fieldHolding returns the struct field the literal at litCur (possibly
// under &) is stored in, s.client = &http.Client{...} or
// T{client: &http.Client{...}}, or nil.
func (c *checker) fieldHolding(litCur inspector.Cursor) *types.Var {
	cur := litCur
	if u, ok := cur.Parent().Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		cur = cur.Parent()
	}
	var field *types.Var
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if cur.ParentEdgeKind() == edge.AssignStmt_Rhs && len(p.Lhs) == len(p.Rhs) {
			if sel, ok := ast.Unparen(p.Lhs[cur.ParentEdgeIndex()]).(*ast.SelectorExpr); ok {
				field, _ = c.pass.TypesInfo.Uses[sel.Sel].(*types.Var)
			}
		}
	case *ast.KeyValueExpr:
		if id, ok := p.Key.(*ast.Ident); ok {
			field, _ = c.pass.TypesInfo.Uses[id].(*types.Var)
		}
	}
	if field == nil || !field.IsField() {
		return nil
	}
	return field
}

// enclosingClientField returns the Transport key-value and the client literal
// when cur (possibly under &) is the Transport field of an http.Client literal.
func enclosingClientField(info *types.Info, cur inspector.Cursor) (*ast.KeyValueExpr, inspector.Cursor) {
	p := cur.Parent()
	if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		p = p.Parent()
	}
	kv, ok := p.Node().(*ast.KeyValueExpr)
	if !ok {
		return nil, cur
	}
	key, ok := kv.Key.(*ast.Ident)
	if !ok || key.Name != "Transport" {
		return nil, cur
	}
	litCur := p.Parent()
	lit, ok := litCur.Node().(*ast.CompositeLit)
	if !ok {
		return nil, cur
	}
	if tv, ok := info.Types[lit]; !ok || !httpmodel.IsNamed(tv.Type, "net/http", "Client") {
		return nil, cur
	}
	return kv, litCur
}
