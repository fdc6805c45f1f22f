package clientreuse

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// The shared walk: following a fresh Transport through one unit of work:
// where it goes, whether it sends, whether it outlives the unit.

// flow is what tracking a fresh Transport through one unit found.
type flow struct {
	escapes  bool                    // kept beyond the unit (or lost track of)
	sends    bool                    // used to send a request
	mutates  bool                    // the Transport is modified after its construction
	returns  map[*ast.ReturnStmt]int // handed to the unit function's callers, by result
	closes   []ast.Stmt              // CloseIdleConnections statements on it
	closeOdd bool                    // a CloseIdleConnections call that is not a statement
	sendsVia []*ast.CallExpr         // the request-sending calls that use it
	sendOdd  bool                    // a send through a method value, whose request is not followed
}

// item is an expression whose value is, or holds, the fresh Transport.
type item struct {
	cur    inspector.Cursor
	sendFn bool // a method value that sends when called
	inner  bool // the Transport itself or reached from it, rather than a holder
}

type tracker struct {
	c    *checker
	u    unit
	f    *flow
	vars map[*types.Var]item
	lits map[*ast.FuncLit]bool
	work []item
}

// track follows the value of root through unit u: where it goes, whether it
// sends, whether it outlives the unit.
func (c *checker) track(r root, u unit) *flow {
	t := &tracker{
		c: c, u: u,
		f:    &flow{returns: make(map[*ast.ReturnStmt]int)},
		vars: make(map[*types.Var]item),
		lits: make(map[*ast.FuncLit]bool),
	}
	if r.tuple {
		t.tupleResult(r)
	} else {
		t.work = append(t.work, item{cur: r.cur, inner: true})
	}
	for len(t.work) > 0 && !t.f.escapes {
		it := t.work[len(t.work)-1]
		t.work = t.work[:len(t.work)-1]
		t.visit(it)
	}
	return t.f
}

func (t *tracker) escape()                            { t.f.escapes = true }
func (t *tracker) push(cur inspector.Cursor, it item) { it.cur = cur; t.work = append(t.work, it) }

// tupleResult follows result r.result of a factory call with several results.
func (t *tracker) tupleResult(r root) {
	p := r.cur.Parent()
	it := item{}
	switch k, _ := r.cur.ParentEdge(); k {
	case edge.AssignStmt_Rhs:
		as := p.Node().(*ast.AssignStmt)
		if len(as.Rhs) == 1 && r.result < len(as.Lhs) {
			t.assignTo(as.Lhs[r.result], it)
			return
		}
	case edge.ValueSpec_Values:
		vs := p.Node().(*ast.ValueSpec)
		if len(vs.Values) == 1 && r.result < len(vs.Names) {
			t.assignTo(vs.Names[r.result], it)
			return
		}
	case edge.ReturnStmt_Results:
		if len(p.Node().(*ast.ReturnStmt).Results) == 1 {
			t.ret(p, r.result)
			return
		}
	case edge.ExprStmt_X:
		return
	}
	t.escape()
}

func (t *tracker) visit(it item) {
	cur := it.cur
	p := cur.Parent()
	k, idx := cur.ParentEdge()
	switch k {
	case edge.ParenExpr_X, edge.StarExpr_X, edge.TypeAssertExpr_X, edge.IndexExpr_X, edge.IndexListExpr_X, edge.SliceExpr_X:
		t.push(p, it)
	case edge.UnaryExpr_X:
		if p.Node().(*ast.UnaryExpr).Op == token.AND {
			t.push(p, item{inner: it.inner})
		}
	case edge.KeyValueExpr_Key, edge.KeyValueExpr_Value:
		t.push(p.Parent(), item{}) // the composite literal now holds it
	case edge.CompositeLit_Elts:
		t.push(p, item{})
	case edge.SelectorExpr_X:
		t.selector(p, it)
	case edge.CallExpr_Fun:
		if it.sendFn {
			t.f.sends = true
			t.f.sendOdd = true
		}
	case edge.CallExpr_Args:
		t.argument(cur, p, it)
	case edge.AssignStmt_Rhs:
		as := p.Node().(*ast.AssignStmt)
		if len(as.Lhs) == len(as.Rhs) && (as.Tok == token.DEFINE || as.Tok == token.ASSIGN) {
			t.assignTo(as.Lhs[idx], it)
		} else {
			t.escape()
		}
	case edge.ValueSpec_Values:
		vs := p.Node().(*ast.ValueSpec)
		if len(vs.Names) == len(vs.Values) {
			t.assignTo(vs.Names[idx], it)
		} else {
			t.escape()
		}
	case edge.ReturnStmt_Results:
		t.ret(p, idx)
	case edge.AssignStmt_Lhs:
		// m[k] = v, *p = v: a store into the value, not the value going anywhere.
		if it.inner {
			t.f.mutates = true
		}
	case edge.ExprStmt_X, edge.BinaryExpr_X, edge.BinaryExpr_Y, edge.RangeStmt_X, edge.SwitchStmt_Tag,
		edge.IfStmt_Cond, edge.CaseClause_List:
		// read, not kept
	case edge.IndexExpr_Index:
		if p.ParentEdgeKind() == edge.AssignStmt_Lhs {
			t.escape() // a map key: stored
		}
	default:
		t.escape()
	}
}

// selector handles x.f and x.m where x carries the Transport.
func (t *tracker) selector(p inspector.Cursor, it item) {
	sel := p.Node().(*ast.SelectorExpr)
	s := t.c.info.Selections[sel]
	if s == nil {
		return
	}
	switch s.Kind() {
	case types.MethodVal:
		m, _ := s.Obj().(*types.Func)
		if p.ParentEdgeKind() != edge.CallExpr_Fun {
			t.push(p, item{sendFn: isSendMethod(t.c.model, m)}) // a method value holds its receiver
			return
		}
		callCur := p.Parent()
		call := callCur.Node().(*ast.CallExpr)
		switch {
		case t.c.model.Request(call) != nil:
			t.f.sends = true
			t.f.sendsVia = append(t.f.sendsVia, call)
		case httpmodel.IsFunc(m, "net/http", "Transport", "CloseIdleConnections") ||
			httpmodel.IsFunc(m, "net/http", "Client", "CloseIdleConnections"):
			switch k := callCur.ParentEdgeKind(); k {
			case edge.ExprStmt_X, edge.DeferStmt_Call:
				t.f.closes = append(t.f.closes, callCur.Parent().Node().(ast.Stmt))
			default:
				t.f.closeOdd = true
			}
		case httpmodel.IsFunc(m, retryablehttpPath, "Client", "StandardClient"):
			t.push(callCur, item{}) // the standard client wraps it
		case httpmodel.IsFunc(m, "net/http", "Transport", "RegisterProtocol"):
			t.f.mutates = true
		}
	case types.FieldVal:
		if p.ParentEdgeKind() == edge.AssignStmt_Lhs {
			if it.inner {
				t.f.mutates = true
			}
			return
		}
		if _, basic := s.Type().Underlying().(*types.Basic); !basic {
			t.push(p, item{inner: true}) // may be the Transport itself (client.Transport)
		}
	}
}

// isSendMethod reports whether calling a value of method m sends a request.
func isSendMethod(model *httpmodel.Model, m *types.Func) bool {
	if m == nil {
		return false
	}
	for _, name := range []string{"Do", "Get", "Head", "Post", "PostForm"} {
		if httpmodel.IsFunc(m, "net/http", "Client", name) || httpmodel.IsFunc(m, retryablehttpPath, "Client", name) {
			return true
		}
	}
	if httpmodel.IsFunc(m, "net/http", "Transport", "RoundTrip") {
		return true
	}
	fact := model.FactOf(m)
	return fact != nil && fact.Sends
}

// argument handles the value passed as an argument of a call.
func (t *tracker) argument(cur, p inspector.Cursor, it item) {
	call := p.Node().(*ast.CallExpr)
	info := t.c.info
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		t.push(p, it) // a conversion
		return
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "append":
				t.push(p, item{})
			case "len", "cap", "print", "println", "panic", "close", "delete", "clear", "min", "max":
			default:
				t.escape()
			}
			return
		}
	}
	if t.c.model.Request(call) != nil {
		t.f.sends = true
		t.f.sendsVia = append(t.f.sendsVia, call)
		return
	}
	fn := t.c.calleeOf(call)
	if _, lit := ast.Unparen(cur.Node().(ast.Expr)).(*ast.FuncLit); lit && startsOnce(fn) {
		return
	}
	if httpmodel.IsFunc(fn, "golang.org/x/net/http2", "", "ConfigureTransport") ||
		httpmodel.IsFunc(fn, "golang.org/x/net/http2", "", "ConfigureTransports") {
		t.f.mutates = true
		return
	}
	t.escape()
}

// startsOnce reports whether fn runs a function argument once and drops it.
func startsOnce(fn *types.Func) bool {
	return httpmodel.IsFunc(fn, "sync", "WaitGroup", "Go") ||
		httpmodel.IsFunc(fn, "sync", "Once", "Do") ||
		httpmodel.IsFunc(fn, "golang.org/x/sync/errgroup", "Group", "Go") ||
		httpmodel.IsFunc(fn, "golang.org/x/sync/errgroup", "Group", "TryGo")
}

// assignTo handles the value assigned to lhs.
func (t *tracker) assignTo(lhs ast.Expr, it item) {
	if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
		if id.Name == "_" {
			return
		}
		v := astq.VarOf(t.c.info, id)
		if v != nil && t.local(v) {
			t.addVar(v, it)
		} else {
			t.escape() // a package variable or a variable that outlives the unit
		}
		return
	}
	// A store into part of a value: x.f = v, m[k] = v, *p = v.
	base := t.c.baseVar(lhs)
	switch {
	case base == nil:
		t.escape()
	case t.tracked(base):
		// stored into a value already known to be thrown away with this one
	case t.local(base) && t.c.freshLocal(base):
		t.addVar(base, item{})
	default:
		t.escape()
	}
}

// baseVar returns the variable at the root of x.f, x[i], *x, or nil.
func (c *checker) baseVar(e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			if s := c.info.Selections[x]; s == nil || s.Kind() != types.FieldVal {
				return nil
			}
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.Ident:
			return astq.VarOf(c.info, x)
		default:
			return nil
		}
	}
}

// local reports whether v is declared inside the unit, so that it lives for one unit.
func (t *tracker) local(v *types.Var) bool {
	return v.Pkg() == t.c.pass.Pkg && !v.IsField() && v.Parent() != v.Pkg().Scope() &&
		t.u.body.Pos() <= v.Pos() && v.Pos() < t.u.body.End()
}

// freshLocal reports whether every value v holds is allocated where it is
// assigned, so that storing into it stores into nothing shared.
func (c *checker) freshLocal(v *types.Var) bool {
	as := c.model.AssignmentsOf(v)
	if len(as) == 0 {
		return false
	}
	for _, a := range as {
		switch {
		case a.Zero:
			switch v.Type().Underlying().(type) {
			case *types.Struct, *types.Array:
			default:
				return false
			}
		case a.Value == nil || a.Index != 0 || !isAlloc(c.info, a.Value):
			return false
		}
	}
	return true
}

// isAlloc reports whether e allocates a new value: T{...}, &T{...}, new(T), make(T).
func isAlloc(info *types.Info, e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return true
	case *ast.UnaryExpr:
		_, ok := ast.Unparen(x.X).(*ast.CompositeLit)
		return ok && x.Op == token.AND
	case *ast.CallExpr:
		if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok {
			b, ok := info.Uses[id].(*types.Builtin)
			return ok && (b.Name() == "new" || b.Name() == "make")
		}
	}
	return false
}

func (t *tracker) tracked(v *types.Var) bool {
	_, ok := t.vars[v]
	return ok
}

// addVar follows the uses of a local variable that now carries the Transport.
func (t *tracker) addVar(v *types.Var, it item) {
	prev, seen := t.vars[v]
	if seen && (prev.sendFn || !it.sendFn) && (prev.inner || !it.inner) {
		return
	}
	it.sendFn = it.sendFn || prev.sendFn
	it.inner = it.inner || prev.inner
	t.vars[v] = it
	for _, use := range t.c.model.UseCursors(v) {
		if use.ParentEdgeKind() == edge.AssignStmt_Lhs {
			continue // overwritten, not read
		}
		t.captures(use, v)
		t.push(use, it)
	}
}

// captures treats the function literals that capture v at use as holding
// the Transport: if such a closure is kept, so is the Transport.
func (t *tracker) captures(use inspector.Cursor, v *types.Var) {
	for e := range use.Enclosing((*ast.FuncLit)(nil)) {
		lit := e.Node().(*ast.FuncLit)
		if !astq.Within(lit, t.u.body) || (lit.Pos() <= v.Pos() && v.Pos() < lit.End()) {
			return
		}
		if !t.lits[lit] {
			t.lits[lit] = true
			t.push(e, item{})
		}
	}
}

// ret handles the value returned as result idx by the return statement at p.
func (t *tracker) ret(p inspector.Cursor, idx int) {
	if t.u.kind != funcUnit {
		t.escape()
		return
	}
	for e := range p.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if e.Node() != t.u.fn {
			t.escape() // returned by a nested closure: followed no further
			return
		}
		break
	}
	ret := p.Node().(*ast.ReturnStmt)
	if prev, ok := t.f.returns[ret]; ok && prev != idx {
		t.escape()
		return
	}
	t.f.returns[ret] = idx
}
