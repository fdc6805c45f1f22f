package sequential

import (
	"go/ast"
	"go/build"
	"go/constant"
	"go/token"
	"go/types"
	"net"
	"net/url"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/facttable"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// The check reports two requests only on positive evidence that they are
// independent reads, never on the mere absence of a visible data flow. A
// request is evidently an independent read when
//
//   - it is sent by net/http through a client that keeps no cookies
//     (http.Get, http.DefaultClient, a client literal without a Jar, a
//     struct field that this package only ever sets to such a client), or
//   - it is a call of a function with a stateFact saying Read: that
//     function sends on every path that does not fail, only through
//     evident requests, and changes no state that outlives it
//     (fields of its receiver, package-level variables), directly or
//     through the functions it calls.
//
// A request to the loopback interface is never reported: a local server
// answers too fast for the overlap to matter.

// stateFact is what the check knows of a function declared outside the
// standard library, exported for the packages that call it.
type stateFact struct {
	// Writes reports that calling the function may change state that
	// outlives the call and that another call may read: it assigns a field
	// of its receiver or a package-level variable, takes their address,
	// locks or updates them atomically, calls through an interface or a
	// function value they hold, or calls a function that Writes.
	Writes bool
	// Read reports that the function sends a request on every path that
	// does not fail, only through senders that keep no state (clients
	// without cookies, functions that Read), and does not write. The
	// method is the caller's to know: the model resolves it at each call
	// (go-github's Do sends whatever request it is given).
	Read bool
}

// AFact marks stateFact as an analysis fact.
func (*stateFact) AFact() {}

func (f *stateFact) String() string {
	switch {
	case f.Read:
		return "read"
	case f.Writes:
		return "writes"
	}
	return "none"
}

// stdlib reports whether the package being analysed is in GOROOT: its
// functions are judged by the rules below, not by facts.
func stdlib(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 {
		return true
	}
	root := filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
	return strings.HasPrefix(pass.Fset.File(pass.Files[0].FileStart).Name(), root)
}

// states computes and exports the facts of the package's functions.
type states struct {
	c     *checker
	decls map[*types.Func]*ast.FuncDecl
	facts map[*types.Func]*stateFact
	// fieldClients holds, for a struct field of this package, the values
	// this package assigns to it (composite-literal keys and assignments).
	fieldClients map[*types.Var][]fieldValue
}

type fieldValue struct {
	value ast.Expr
	fn    ast.Node // the function it is assigned in, or nil
}

func (c *checker) computeStates() *states {
	st := &states{
		c:            c,
		decls:        make(map[*types.Func]*ast.FuncDecl),
		facts:        make(map[*types.Func]*stateFact),
		fieldClients: make(map[*types.Var][]fieldValue),
	}
	var order []*types.Func
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if obj, ok := c.info.Defs[fd.Name].(*types.Func); ok {
					st.decls[obj] = fd
					st.facts[obj] = &stateFact{}
					order = append(order, obj)
				}
			}
		}
		st.indexFields(f)
	}
	// Writes spreads along calls inside the package until it settles.
	facttable.Settle(0, func() bool {
		changed := false
		for _, fn := range order {
			if !st.facts[fn].Writes && st.writes(st.decls[fn]) {
				st.facts[fn].Writes = true
				changed = true
			}
		}
		return changed
	})
	// Read is derived callees-first the same way: a function is a read
	// once every request it sends is.
	facttable.Settle(0, func() bool {
		changed := false
		for _, fn := range order {
			f := st.facts[fn]
			if !f.Read && !f.Writes && st.reads(st.decls[fn]) {
				f.Read = true
				changed = true
			}
		}
		return changed
	})
	for _, fn := range order {
		if f := st.facts[fn]; f.Read || f.Writes {
			c.pass.ExportObjectFact(fn, f)
		}
	}
	return st
}

// factOf returns the fact of fn: computed here for the package's own
// functions, imported for others; nil when none is known.
func (st *states) factOf(fn *types.Func) *stateFact {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if f, ok := st.facts[fn]; ok {
		return f
	}
	f := new(stateFact)
	if st.c.pass.ImportObjectFact(fn, f) {
		return f
	}
	return nil
}

// indexFields records the values the file assigns to struct fields.
func (st *states) indexFields(file *ast.File) {
	info := st.c.info
	var stack []ast.Node
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		encl := func() ast.Node {
			for i := len(stack) - 1; i >= 0; i-- {
				switch stack[i].(type) {
				case *ast.FuncDecl, *ast.FuncLit:
					return stack[i]
				}
			}
			return nil
		}
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok {
				if f, ok := info.Uses[id].(*types.Var); ok && f.IsField() {
					st.fieldClients[f] = append(st.fieldClients[f], fieldValue{n.Value, encl()})
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
						if f, ok := info.Uses[sel.Sel].(*types.Var); ok && f.IsField() {
							st.fieldClients[f] = append(st.fieldClients[f], fieldValue{n.Rhs[i], encl()})
						}
					}
				}
			}
		}
		return true
	})
}

// isPackageVar reports a package-level variable.
func isPackageVar(v *types.Var) bool {
	return v != nil && v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// receiverOf returns the receiver variable of decl, or nil.
func receiverOf(info *types.Info, decl *ast.FuncDecl) *types.Var {
	if decl.Recv == nil || len(decl.Recv.List) == 0 || len(decl.Recv.List[0].Names) == 0 {
		return nil
	}
	v, _ := info.Defs[decl.Recv.List[0].Names[0]].(*types.Var)
	return v
}

// writes reports whether decl may change state that outlives the call.
func (st *states) writes(decl *ast.FuncDecl) bool {
	info := st.c.info
	recv := receiverOf(info, decl)
	// Locals that alias shared state: s := c.session, m := globalCache.
	alias := make(map[*types.Var]bool)
	shared := func(e ast.Expr, bare bool) bool {
		v := rootVar(info, e)
		if v == nil {
			return false
		}
		_, isIdent := ast.Unparen(e).(*ast.Ident)
		switch {
		case isPackageVar(v):
			return true
		case v == recv || alias[v]:
			return !(bare && isIdent)
		}
		return false
	}
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
			for i, l := range as.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok {
					continue
				}
				v, _ := info.ObjectOf(id).(*types.Var)
				if v == nil || isPackageVar(v) || immutable(v.Type()) {
					continue
				}
				if r := rootVar(info, as.Rhs[i]); r != nil && (isPackageVar(r) || r == recv || alias[r]) {
					alias[v] = true
				}
			}
		}
		return true
	})
	found := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && n.Tok == token.DEFINE && info.Defs[id] != nil {
					continue // a new local
				}
				if shared(l, true) {
					found = true
				}
			}
		case *ast.IncDecStmt:
			if shared(n.X, true) {
				found = true
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && shared(n.X, false) {
				found = true
			}
		case *ast.CallExpr:
			if st.callWrites(n, shared) {
				found = true
			}
		}
		return !found
	})
	return found
}

// callWrites reports whether a call may change shared state: a call of a
// function that Writes, a lock or atomic operation on shared state, a call
// through an interface or a function value that shared state holds.
func (st *states) callWrites(call *ast.CallExpr, shared func(ast.Expr, bool) bool) bool {
	info := st.c.info
	fn := httpmodel.Callee(info, call)
	var recvExpr ast.Expr
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := info.Selections[sel]; ok {
			recvExpr = sel.X
			if s.Kind() == types.FieldVal {
				// A function-valued field: c.hook(req).
				return shared(sel.X, false)
			}
		}
	}
	if fn == nil {
		if tv, ok := info.Types[call.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && tv.IsBuiltin() {
				switch id.Name {
				case "delete", "clear", "copy":
					return len(call.Args) > 0 && shared(call.Args[0], false)
				}
			}
			return false
		}
		// A function value held in a variable: its body is unknown.
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && isPackageVar(v) {
				return true
			}
		}
		return false
	}
	onShared := recvExpr != nil && shared(recvExpr, false)
	if fn.Pkg() != nil && (fn.Pkg().Path() == "sync" || fn.Pkg().Path() == "sync/atomic") {
		if onShared {
			return true
		}
		for _, a := range call.Args {
			if shared(a, false) {
				return true
			}
		}
		return false
	}
	if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) && onShared {
		return true // an implementation we cannot see
	}
	if f := st.factOf(fn); f != nil && f.Writes {
		// A method of another object writes that object; it matters when
		// the object is ours. A package function writes package state.
		return fn.Signature().Recv() == nil || onShared
	}
	return false
}

// reads reports whether decl sends a request on every path that does not
// fail, and every request it sends goes through a sender that keeps no
// state.
func (st *states) reads(decl *ast.FuncDecl) bool {
	c := st.c
	var own []*httpmodel.Request
	for _, req := range c.model.Requests {
		if req.Decl != decl {
			continue
		}
		if req.Func != decl {
			return false // sent by a closure: when, we cannot tell
		}
		if !st.evident(req) {
			return false
		}
		own = append(own, req)
	}
	for _, req := range own {
		if unconditional(c.info, decl.Body, req.Call) {
			return true
		}
	}
	return false
}

// evident reports whether a request is evidently an independent read, as
// far as its sender goes (see the comment at the top of this file).
func (st *states) evident(req *httpmodel.Request) bool {
	switch req.Via {
	case httpmodel.ViaNetHTTP:
		if req.Helper() {
			return true // http.DefaultClient
		}
		if req.Client.Kind == httpmodel.ClientTransport {
			return false // a RoundTripper may keep state (tokens)
		}
		return st.jarless(req.Client, 0)
	case httpmodel.ViaFact:
		f := st.factOf(req.Callee)
		return f != nil && f.Read
	}
	return false // a well-known library's client keeps cookies (resty) or is configured elsewhere
}

// jarless reports positive evidence that a client keeps no cookies.
func (st *states) jarless(cl httpmodel.Client, depth int) bool {
	if depth > 3 {
		return false
	}
	setsJar := func(v *types.Var) bool {
		if v == nil {
			return false
		}
		for _, s := range st.c.model.FieldSets(v) {
			if s.Field.Name() == "Jar" {
				return true
			}
		}
		return false
	}
	switch cl.Kind {
	case httpmodel.ClientDefault:
		return true
	case httpmodel.ClientLiteral, httpmodel.ClientPackageVar:
		if cl.Kind == httpmodel.ClientPackageVar && cl.Construction == nil {
			return false // built elsewhere
		}
		return !literalSetsJar(cl.Construction) && !setsJar(cl.Var)
	case httpmodel.ClientField:
		f := cl.Var
		vals := st.fieldClients[f]
		if f == nil || f.Exported() || f.Pkg() != st.c.pass.Pkg || len(vals) == 0 {
			return false // set by code we do not see
		}
		for _, fv := range vals {
			if astq.IsNil(st.c.info, fv.value) {
				continue
			}
			if !st.jarless(st.c.model.ClientOf(fv.value, fv.fn), depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// literalSetsJar reports a client literal with a Jar field.
func literalSetsJar(cons ast.Expr) bool {
	if u, ok := cons.(*ast.UnaryExpr); ok {
		cons = u.X
	}
	lit, ok := cons.(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Jar" {
				return true
			}
		}
	}
	return false
}

// unconditional reports whether call is on every path through body that
// does not fail: it is evaluated by a top-level statement, and no statement
// before it may leave the function except on an error.
func unconditional(info *types.Info, body *ast.BlockStmt, call *ast.CallExpr) bool {
	for _, s := range body.List {
		if s.Pos() <= call.Pos() && call.End() <= s.End() {
			var eval ast.Stmt = s
			if ifs, ok := s.(*ast.IfStmt); ok {
				if ifs.Init == nil || call.End() > ifs.Init.End() {
					return false
				}
				eval = ifs.Init
			}
			switch eval.(type) {
			case *ast.ExprStmt, *ast.AssignStmt, *ast.DeclStmt, *ast.ReturnStmt:
			default:
				return false
			}
			_, rhs := assignParts(eval)
			calls, conditional := evalOrder(rhs)
			for _, c := range calls {
				if c == call {
					return !conditional[c]
				}
			}
			return false
		}
		if leaves(s) && !errorExit(info, s) {
			return false
		}
	}
	return false
}

// leaves reports whether a statement may return or branch away, outside
// function literals.
func leaves(s ast.Stmt) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt, *ast.BranchStmt:
			found = true
		}
		return !found
	})
	return found
}

// errorExit reports an if statement that only leaves on an error:
// if err != nil { return ..., err }.
func errorExit(info *types.Info, s ast.Stmt) bool {
	ifs, ok := s.(*ast.IfStmt)
	return ok && ifs.Else == nil && isErrCheck(info, ifs.Cond)
}

// failing reports whether a block that leaves the path does so with a
// failure: it returns a non-nil error last, or panics or exits.
func failing(info *types.Info, b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	ret, ok := b.List[len(b.List)-1].(*ast.ReturnStmt)
	if !ok {
		_, isBranch := b.List[len(b.List)-1].(*ast.BranchStmt)
		return !isBranch // panic, os.Exit, log.Fatal: terminates says so
	}
	if len(ret.Results) == 0 {
		return false
	}
	last := ret.Results[len(ret.Results)-1]
	t := info.TypeOf(last)
	return t != nil && types.Identical(t, types.Universe.Lookup("error").Type()) && !astq.IsNil(info, last)
}

// loopback reports whether a request visibly goes to the loopback
// interface: a URL it is sent to, or the constant prefix of one, names
// localhost or a loopback address.
func (c *checker) loopback(req *httpmodel.Request) bool {
	var exprs []ast.Expr
	if b := req.BuiltBy; b != nil {
		exprs = append(exprs, b.Args...)
	}
	exprs = append(exprs, req.Call.Args...)
	for _, e := range exprs {
		if s, ok := c.constPrefix(e, 0); ok && loopbackURL(s) {
			return true
		}
	}
	return false
}

// constPrefix returns the constant string an expression starts with: a
// constant, the left operand of +, the format of fmt.Sprintf, a local
// variable assigned once.
func (c *checker) constPrefix(e ast.Expr, depth int) (string, bool) {
	if depth > 4 {
		return "", false
	}
	if tv, ok := c.info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value), true
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			return c.constPrefix(x.X, depth+1)
		}
	case *ast.CallExpr:
		if fn := c.model.Callee(x); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "fmt" && fn.Name() == "Sprintf" && len(x.Args) > 0 {
			return c.constPrefix(x.Args[0], depth+1)
		}
	case *ast.Ident:
		v, ok := c.info.Uses[x].(*types.Var)
		if !ok {
			return "", false
		}
		as := c.model.AssignmentsOf(v)
		if len(as) == 1 && as[0].Value != nil && as[0].Index == 0 {
			return c.constPrefix(as[0].Value, depth+1)
		}
	}
	return "", false
}

// loopbackURL reports a URL whose host is localhost or a loopback address.
func loopbackURL(s string) bool {
	if i := strings.IndexByte(s, '%'); i >= 0 {
		s = s[:i] // a format's verbs: the host comes before them
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	h := strings.ToLower(u.Hostname())
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
