package jsoncheck

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// The shared walk: the nodes collected once per package, and the worklist that
// propagates origins (a response body, a parameter) through assignments,
// ranges, type switches and calls until nothing changes.

// node is a collected node with its cursor and outermost declaration.
type node struct {
	cur  inspector.Cursor
	decl *ast.FuncDecl
}

// guards lists what, in one declaration, shows that a value was checked.
type guards struct {
	nilCmps  []ast.Expr            // x in x == nil, x != nil
	assigned []ast.Expr            // left-hand sides of assignments
	getters  []*ast.CallExpr       // x.GetF() calls
	calls    []*ast.CallExpr       // every call, for validators
	commaOks []*ast.TypeAssertExpr // comma-ok assertions and type switch guards
}

// guardsOf returns the guards of d, collected on first need: only the
// declarations with something to report are looked at again.
func (c *checker) guardsOf(d *ast.FuncDecl) *guards {
	if g := c.guards[d]; g != nil {
		return g
	}
	g := new(guards)
	c.guards[d] = g
	root, ok := c.model.Cursor(d)
	if !ok {
		return g
	}
	filter := []ast.Node{
		(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.TypeSwitchStmt)(nil),
		(*ast.CallExpr)(nil), (*ast.BinaryExpr)(nil),
	}
	for cur := range root.Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			g.assigned = append(g.assigned, n.Lhs...)
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				if ta, ok := ast.Unparen(n.Rhs[0]).(*ast.TypeAssertExpr); ok {
					g.commaOks = append(g.commaOks, ta)
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 {
				if ta, ok := ast.Unparen(n.Values[0]).(*ast.TypeAssertExpr); ok {
					g.commaOks = append(g.commaOks, ta)
				}
			}
		case *ast.TypeSwitchStmt:
			if ta := switchGuard(n); ta != nil {
				g.commaOks = append(g.commaOks, ta)
			}
		case *ast.CallExpr:
			g.calls = append(g.calls, n)
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && strings.HasPrefix(sel.Sel.Name, "Get") {
				g.getters = append(g.getters, n)
			}
		case *ast.BinaryExpr:
			if n.Op == token.EQL || n.Op == token.NEQ {
				if astq.IsNil(c.info, n.Y) {
					g.nilCmps = append(g.nilCmps, n.X)
				} else if astq.IsNil(c.info, n.X) {
					g.nilCmps = append(g.nilCmps, n.Y)
				}
			}
		}
	}
	return g
}

// collect makes the one traversal of the package.
func (c *checker) collect(insp *inspector.Inspector) {
	seen := make(map[*types.Var]bool)
	addVar := func(e ast.Expr) {
		if v := c.localVar(e); v != nil && !seen[v] {
			seen[v] = true
			c.vars = append(c.vars, v)
		}
	}
	var decl *ast.FuncDecl
	filter := []ast.Node{
		(*ast.FuncDecl)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.RangeStmt)(nil),
		(*ast.TypeSwitchStmt)(nil), (*ast.CallExpr)(nil), (*ast.TypeAssertExpr)(nil),
		(*ast.SelectorExpr)(nil), (*ast.StarExpr)(nil), (*ast.StructType)(nil), (*ast.BinaryExpr)(nil),
	}
	for cur := range insp.Root().Preorder(filter...) {
		n := cur.Node()
		if fd, ok := n.(*ast.FuncDecl); ok {
			decl = fd
			c.decls = append(c.decls, fd)
			c.seedParams(fd)
			continue
		}
		if decl != nil && (n.Pos() < decl.Pos() || n.End() > decl.End()) {
			decl = nil
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				addVar(lhs)
			}
		case *ast.ValueSpec:
			for _, name := range n.Names {
				addVar(name)
			}
		case *ast.StructType:
			c.collectStruct(cur, n)
		case *ast.BinaryExpr:
			c.collectNilCheck(n, decl)
		case *ast.RangeStmt:
			c.ranges = append(c.ranges, n)
		case *ast.TypeSwitchStmt:
			c.switches = append(c.switches, n)
			c.recordAliases(n)
		case *ast.CallExpr:
			c.calls = append(c.calls, node{cur, decl})
		case *ast.TypeAssertExpr:
			if n.Type != nil && decl != nil {
				c.asserts = append(c.asserts, node{cur, decl})
			}
		case *ast.SelectorExpr:
			// Only a selection from a selection can dereference a field (see checkDerefs).
			if _, ok := ast.Unparen(n.X).(*ast.SelectorExpr); ok && decl != nil {
				c.derefs = append(c.derefs, node{cur, decl})
			}
		case *ast.StarExpr:
			if _, ok := ast.Unparen(n.X).(*ast.SelectorExpr); ok && decl != nil {
				c.derefs = append(c.derefs, node{cur, decl})
			}
		}
	}
}

// seedParams gives each parameter of a declaration its own origin bit.
func (c *checker) seedParams(fd *ast.FuncDecl) {
	if fd.Type.Params == nil {
		return
	}
	i := 0
	for _, field := range fd.Type.Params.List {
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, name := range field.Names {
			if v, ok := c.info.Defs[name].(*types.Var); ok && i < maxParams {
				c.src[v] |= 1 << i // before propagate: no readers yet
			}
			i++
		}
	}
}

// switchGuard returns the assertion of a type switch: x.(type) in
// switch v := x.(type) or switch x.(type).
func switchGuard(n *ast.TypeSwitchStmt) *ast.TypeAssertExpr {
	var e ast.Expr
	switch a := n.Assign.(type) {
	case *ast.AssignStmt:
		if len(a.Rhs) == 1 {
			e = a.Rhs[0]
		}
	case *ast.ExprStmt:
		e = a.X
	}
	ta, _ := ast.Unparen(e).(*ast.TypeAssertExpr)
	return ta
}

// propagate computes the origins of every variable and the facts of the
// package's functions, to a fixed point. Each item (see checker.queue) is
// evaluated once, and again only when what it read has changed since: a
// variable it read gained origins, or a local function's fact it consulted
// changed. What an evaluation reads is recorded as it reads it (depend,
// dependFact), so the dependencies are exact even where they follow facts.
// Origins only gain bits, so this ends; the bound guards against odd code.
func (c *checker) propagate() {
	nv, nr, ns, nc := len(c.vars), len(c.ranges), len(c.switches), len(c.calls)
	n := nv + nr + ns + nc + len(c.decls)
	c.queue = make([]int32, n)
	c.queued = make([]bool, n)
	for i := range c.queue {
		c.queue[i], c.queued[i] = int32(i), true
	}
	for head := 0; head < len(c.queue) && head < 32*n; head++ {
		i := c.queue[head]
		c.queued[i], c.cur = false, i
		switch j := int(i); {
		case j < nv:
			c.assignOrigins(c.vars[j])
		case j < nv+nr:
			c.rangeOrigins(c.ranges[j-nv])
		case j < nv+nr+ns:
			c.switchOrigins(c.switches[j-nv-nr])
		case j < nv+nr+ns+nc:
			c.callEffects(c.calls[j-nv-nr-ns].cur.Node().(*ast.CallExpr))
		default:
			c.deriveDecl(c.decls[j-nv-nr-ns-nc])
		}
	}
	c.cur, c.queue, c.queued, c.readers, c.factReaders = -1, nil, nil, nil, nil
}

// depend records that the item being evaluated reads the origins of v.
func (c *checker) depend(v *types.Var) {
	if c.cur < 0 {
		return
	}
	if rs := c.readers[v]; len(rs) == 0 || rs[len(rs)-1] != c.cur {
		c.readers[v] = append(rs, c.cur)
	}
}

// dependFact records that the item being evaluated reads the fact of fn.
func (c *checker) dependFact(fn *types.Func) {
	if c.cur < 0 {
		return
	}
	if rs := c.factReaders[fn]; len(rs) == 0 || rs[len(rs)-1] != c.cur {
		c.factReaders[fn] = append(rs, c.cur)
	}
}

// gain adds origins to v in m (c.src, c.val or c.ptr), and queues the
// items that read v when it gains any.
func (c *checker) gain(m map[*types.Var]mask, v *types.Var, bits mask) {
	if bits&^m[v] == 0 {
		return
	}
	m[v] |= bits
	c.requeue(c.readers[v])
}

func (c *checker) requeue(items []int32) {
	for _, i := range items {
		if c.queued != nil && !c.queued[i] {
			c.queued[i] = true
			c.queue = append(c.queue, i)
		}
	}
}

// srcVar and dataVar read the origins of a variable.
func (c *checker) srcVar(v *types.Var) mask {
	c.depend(v)
	return c.src[v]
}

func (c *checker) dataVar(v *types.Var) (val, ptr mask) {
	c.depend(v)
	return c.val[v], c.ptr[v]
}

func (c *checker) assignOrigins(v *types.Var) {
	for _, a := range c.model.AssignmentsOf(v) {
		if a.Value == nil {
			continue
		}
		val := ast.Unparen(a.Value)
		if call, ok := val.(*ast.CallExpr); ok {
			if _, tuple := c.info.TypeOf(call).(*types.Tuple); tuple {
				c.gain(c.src, v, c.callSrc(call, a.Index))
				dv, dp := c.callData(call, a.Index)
				c.gain(c.val, v, dv)
				c.gain(c.ptr, v, dp)
				continue
			}
		}
		if a.Index != 0 {
			continue // ok of a comma-ok form
		}
		c.gain(c.src, v, c.srcOf(val))
		dv, dp := c.dataOf(val)
		c.gain(c.val, v, dv)
		c.gain(c.ptr, v, dp)
	}
}

func (c *checker) rangeOrigins(r *ast.RangeStmt) {
	if r.Value == nil {
		return
	}
	v := c.localVar(r.Value)
	if v == nil {
		return
	}
	dv, dp := c.dataOf(r.X)
	if isPointerToArray(c.info.TypeOf(r.X)) {
		dv |= dp
	}
	c.gain(c.val, v, dv)
}

// switchOrigins gives the clause variables of a type switch over data the
// data's origins.
func (c *checker) switchOrigins(s *ast.TypeSwitchStmt) {
	ta := switchGuard(s)
	if ta == nil {
		return
	}
	dv, _ := c.dataOf(ta.X)
	for _, v := range c.clauseVars(s) {
		c.gain(c.val, v, dv)
	}
}

// recordAliases records the clause variables of a type switch as aliases
// of the switched variable, so that decoding into a clause variable fills
// what the variable points to.
func (c *checker) recordAliases(s *ast.TypeSwitchStmt) {
	ta := switchGuard(s)
	if ta == nil {
		return
	}
	if base := c.localVar(ta.X); base != nil {
		for _, v := range c.clauseVars(s) {
			c.aliases[v] = base
		}
	}
}

// clauseVars returns the variables a type switch declares in its clauses.
func (c *checker) clauseVars(s *ast.TypeSwitchStmt) []*types.Var {
	var vars []*types.Var
	for _, stmt := range s.Body.List {
		clause, ok := stmt.(*ast.CaseClause)
		if !ok {
			continue
		}
		if v, ok := c.info.Implicits[clause].(*types.Var); ok {
			vars = append(vars, v)
		}
	}
	return vars
}

// callEffects applies what a call does to its arguments: decoding into a
// destination, copying a body into a buffer.
func (c *checker) callEffects(call *ast.CallExpr) {
	fn := c.model.Callee(call)
	if fn == nil {
		return
	}
	if d := c.decodeOf(call); d != nil {
		m := d.src
		if m&fromResponse != 0 && c.errorBodyOf(call, d.from) {
			m |= errBody
		}
		c.markDest(d.dst, m)
		return
	}
	switch {
	case httpmodel.IsFunc(fn, "io", "", "Copy"), httpmodel.IsFunc(fn, "io", "", "CopyN"), httpmodel.IsFunc(fn, "io", "", "CopyBuffer"):
		if len(call.Args) >= 2 {
			if v := c.localVar(stripAddr(call.Args[0])); v != nil {
				c.gain(c.src, v, c.srcOf(call.Args[1]))
			}
		}
		return
	case httpmodel.IsFunc(fn, "bytes", "Buffer", "ReadFrom"), httpmodel.IsFunc(fn, "strings", "Builder", "ReadFrom"):
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && len(call.Args) == 1 {
			if v := c.localVar(stripAddr(sel.X)); v != nil {
				c.gain(c.src, v, c.srcOf(call.Args[0]))
			}
		}
		return
	}
	f := c.factOf(fn)
	if f == nil {
		return
	}
	for _, fl := range f.Into {
		dst := c.argOf(call, fn, fl.To)
		if dst == nil {
			continue
		}
		c.markDest(dst, c.dataOrigin(call, fn, fl))
	}
}

// dataOrigin returns the origins of data that a fact's flow decodes in a
// call, with errBody when the data may come from an error response: the
// callee says so, or the callee decodes a body the caller hands it, whose
// status the caller leaves unchecked.
func (c *checker) dataOrigin(call *ast.CallExpr, fn *types.Func, fl Flow) mask {
	m := c.flowOrigin(call, fn, fl.From)
	if m&fromResponse == 0 {
		return m
	}
	if fl.From < 0 {
		if fl.ErrBody {
			m |= errBody
		}
	} else if arg := c.argOf(call, fn, fl.From); arg != nil && c.errorBodyOf(call, arg) {
		m |= errBody
	}
	return m
}

// errorBodyOf is errorBodyAt for the source src of a decoding call,
// computed once per call.
func (c *checker) errorBodyOf(call *ast.CallExpr, src ast.Expr) bool {
	if v, ok := c.errBodies[call]; ok {
		return v
	}
	v := false
	if cur, ok := c.model.Cursor(call); ok {
		v = c.errorBodyAt(cur, src)
	}
	c.errBodies[call] = v
	return v
}
