// Package httpmodel is the shared model of net/http that every httpvet
// analyzer builds on. Its Analyzer reports nothing: it finds the calls that
// send HTTP requests (directly, through well-known clients, or through
// functions known by fact to send one), and says what is knowable about each
// request's method, context and client, and which functions are inbound
// handlers. The knowledge is computed once per package and exported as
// facts, so that a request wrapper in one package is recognised when called
// from another. What is shown of the analyzers' findings (directives,
// generated and test files, the standard library) is the report package's
// decision; the model only carries report's Policy to every analyzer.
package httpmodel

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
	"github.com/httpvet/httpvet/analyzers/internal/report"
)

// Analyzer computes the Model of a package and exports a FuncFact for every
// function that sends or builds an HTTP request.
var Analyzer = &analysis.Analyzer{
	Name:       "httpmodel",
	Doc:        "shared model of net/http requests, clients, contexts and handlers for the httpvet analyzers",
	URL:        "https://github.com/httpvet/httpvet/blob/main/docs/README.md",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Model](),
	FactTypes:  []analysis.Fact{new(FuncFact)},
}

// Model is what the model knows about one package.
type Model struct {
	// HTTP reports whether the package can take part in HTTP at all: net/http
	// is in its import closure. When it is not, the model is empty and the
	// analyzers can return at once.
	HTTP bool
	// Requests lists the request-sending calls of the package in source order.
	Requests []*Request

	byCall  map[*ast.CallExpr]*Request
	policy  *report.Policy
	insp    *inspector.Inspector
	cursors map[ast.Node]int32 // calls and functions -> their cursor's index
	files   []inspector.Cursor // the package's files, by position
	info    *types.Info

	filesOnce sync.Once
	usesOnce  sync.Once
	uses      map[*types.Var][]*ast.Ident
	localUses localUses               // uses of locals as cursors, indexed per declaration
	program   shortLived              // ShortLived, on first use
	handlers  map[ast.Node]*types.Var // handler function node -> its *http.Request parameter
	bindings  bindings                // each request's binding, on first use
	r         *resolver
}

// Policy returns what decides which findings of the package are shown,
// computed once per package by the report package: the model carries it
// to every analyzer's report.New.
func (m *Model) Policy() *report.Policy { return m.policy }

// IsGenerated reports whether filename (a file on disk) is a generated
// file of the package, as the report package decides.
func (m *Model) IsGenerated(filename string) bool { return m.policy.IsGenerated(filename) }

// Cursor returns the inspector cursor of n. For a call or a function
// (*ast.CallExpr, *ast.FuncDecl, *ast.FuncLit) it takes constant time; other
// nodes (an identifier from Uses, say) are found by position, descending
// from n's file, in time proportional to the depth of the tree rather than
// to the size of the package.
func (m *Model) Cursor(n ast.Node) (inspector.Cursor, bool) {
	if i, ok := m.cursors[n]; ok {
		return m.insp.At(i), true
	}
	if file, ok := m.fileAt(n.Pos()); ok {
		if cur, ok := file.FindByPos(n.Pos(), n.End()); ok {
			// The innermost node spanning n's range is n or one of its
			// descendants with the same span (an ExprStmt's X).
			for ; cur.Node() != nil && cur.Node().Pos() == n.Pos(); cur = cur.Parent() {
				if cur.Node() == n {
					return cur, true
				}
			}
		}
	}
	return m.insp.Root().FindNode(n)
}

// fileAt returns the cursor of the file containing pos.
func (m *Model) fileAt(pos token.Pos) (inspector.Cursor, bool) {
	m.filesOnce.Do(func() {
		for cur := range m.insp.Root().Children() {
			m.files = append(m.files, cur)
		}
		slices.SortFunc(m.files, func(a, b inspector.Cursor) int {
			return cmp.Compare(a.Node().(*ast.File).FileStart, b.Node().(*ast.File).FileStart)
		})
	})
	i, _ := slices.BinarySearchFunc(m.files, pos, func(c inspector.Cursor, pos token.Pos) int {
		return cmp.Compare(c.Node().(*ast.File).FileStart, pos)
	})
	// m.files[i-1] is the last file starting at or before pos (or i is an exact match).
	for _, j := range []int{i, i - 1} {
		if j >= 0 && j < len(m.files) {
			if f := m.files[j].Node().(*ast.File); f.FileStart <= pos && pos <= f.FileEnd {
				return m.files[j], true
			}
		}
	}
	return inspector.Cursor{}, false
}

// Uses returns the identifiers that refer to obj, in source order. The
// uses of variables (fields included) are indexed once per package, on
// first use, safely for the analyzers that share the model to call
// concurrently; for other objects the package is searched.
func (m *Model) Uses(obj types.Object) []*ast.Ident {
	v, ok := obj.(*types.Var)
	if !ok {
		var ids []*ast.Ident
		for id, o := range m.info.Uses {
			if o == obj {
				ids = append(ids, id)
			}
		}
		slices.SortFunc(ids, func(a, b *ast.Ident) int { return cmp.Compare(a.Pos(), b.Pos()) })
		return ids
	}
	m.usesOnce.Do(func() {
		m.uses = make(map[*types.Var][]*ast.Ident)
		for id, o := range m.info.Uses {
			if v, ok := o.(*types.Var); ok {
				m.uses[v] = append(m.uses[v], id)
			}
		}
		for _, ids := range m.uses {
			if len(ids) > 1 {
				slices.SortFunc(ids, func(a, b *ast.Ident) int { return cmp.Compare(a.Pos(), b.Pos()) })
			}
		}
	})
	return m.uses[v]
}

// Callee returns Callee(info, call) for a call of the package, from a cache
// the model fills as it walks the package.
func (m *Model) Callee(call *ast.CallExpr) *types.Func { return m.r.callee(call) }

// Request returns the request sent by call, or nil if call sends none as far
// as the model knows.
func (m *Model) Request(call *ast.CallExpr) *Request { return m.byCall[call] }

// IsHandler reports whether fn (an *ast.FuncDecl or *ast.FuncLit) is an
// inbound HTTP handler: a function of shape (http.ResponseWriter, *http.Request).
func (m *Model) IsHandler(fn ast.Node) bool {
	_, ok := m.handlers[fn]
	return ok
}

// InboundRequest returns the *http.Request parameter of handler fn, or nil.
func (m *Model) InboundRequest(fn ast.Node) *types.Var { return m.handlers[fn] }

// Handlers returns the handler function nodes of the package.
func (m *Model) Handlers() []ast.Node {
	nodes := make([]ast.Node, 0, len(m.handlers))
	for n := range m.handlers {
		nodes = append(nodes, n)
	}
	return nodes
}

// FactOf returns what is known about fn: from this package's own analysis,
// or from a fact exported by the package that declares it.
func (m *Model) FactOf(fn *types.Func) *FuncFact { return m.r.factOf(fn) }

// ContextOf classifies a context.Context expression at its position inside
// fn (the enclosing *ast.FuncDecl or *ast.FuncLit).
func (m *Model) ContextOf(expr ast.Expr, fn ast.Node) Context {
	return m.r.context(expr, m.r.funcOf(fn), 0)
}

// ClientOf classifies an *http.Client expression at its position.
func (m *Model) ClientOf(expr ast.Expr, fn ast.Node) Client {
	return m.r.client(expr, m.r.funcOf(fn), 0)
}

// AssignmentsOf returns every assignment to v that the package shows, in
// source order. An assignment whose value cannot be seen (a range variable,
// an op-assignment) has a nil Value.
func (m *Model) AssignmentsOf(v *types.Var) []Assignment { return m.r.assigns[v] }

// FieldSet is an assignment to a field through a variable or field:
// c.Timeout = d, s.client.Timeout = d.
type FieldSet struct {
	Field *types.Var
	Value ast.Expr
	Pos   token.Pos
}

// FieldSets returns the assignments to fields of base (a variable, or a
// struct field holding a struct or pointer), in source order.
func (m *Model) FieldSets(base types.Object) []FieldSet {
	var sets []FieldSet
	for _, s := range m.r.selAssigns[base] {
		sets = append(sets, FieldSet{Field: s.field, Value: s.value, Pos: s.pos})
	}
	return sets
}

// Returns returns the return statements of decl itself (not of function
// literals inside it).
func (m *Model) Returns(decl *ast.FuncDecl) []*ast.ReturnStmt { return m.r.returns[decl] }

// Via says how a call sends its request.
type Via int

const (
	// ViaNetHTTP is a call of net/http itself: the package helpers,
	// (*http.Client) methods, RoundTrip.
	ViaNetHTTP Via = iota
	// ViaWellKnown is a call of a well-known client library (go-retryablehttp, resty).
	ViaWellKnown
	// ViaFact is a call of a function known by fact to send a request.
	ViaFact
)

// String returns "nethttp", "wellknown" or "fact".
func (v Via) String() string {
	switch v {
	case ViaNetHTTP:
		return "nethttp"
	case ViaWellKnown:
		return "wellknown"
	case ViaFact:
		return "fact"
	}
	return fmt.Sprintf("Via(%d)", int(v))
}

// Request is one request-sending call.
type Request struct {
	Call   *ast.CallExpr
	Callee *types.Func
	Via    Via
	// Method is the request's HTTP method ("GET", "POST", ...) or "" when unknown.
	Method  string
	Context Context
	Client  Client
	// BuiltBy is the http.NewRequest or http.NewRequestWithContext call that
	// built the request, when this function shows it.
	BuiltBy *ast.CallExpr
	// Func is the innermost function (*ast.FuncDecl or *ast.FuncLit) containing the call.
	Func ast.Node
	// Decl is the outermost function declaration containing the call; nil at package level.
	Decl *ast.FuncDecl
	// Lazy reports a call of a function that sends only to initialise state
	// its receiver keeps, at most once (see FuncFact.Lazy).
	Lazy bool
	// Go reports a request sent by a goroutine the enclosing function
	// starts: the call of a go statement (go s.worker()), or a call inside
	// a function literal a go statement runs. The work is meant to outlive
	// the function; it does not count towards the function's fact.
	Go bool

	desc ReqDesc // the request described in terms of Decl's parameters, for facts
}

// Helper reports whether the call is one of net/http's package-level helpers
// (http.Get, http.Head, http.Post, http.PostForm).
func (r *Request) Helper() bool {
	return r.Via == ViaNetHTTP && r.Callee.Signature().Recv() == nil
}

// Tri is a three-valued answer.
type Tri int

// Answers of a Tri.
const (
	TriUnknown Tri = iota
	TriYes
	TriNo
)

// String returns "unknown", "yes" or "no".
func (t Tri) String() string {
	switch t {
	case TriYes:
		return "yes"
	case TriNo:
		return "no"
	}
	return "unknown"
}

// Assignment is one visible assignment to a variable.
type Assignment struct {
	// Value is the assigned expression; for a tuple assignment from a call,
	// the call, with Index the result's position. Nil when the value cannot be seen.
	Value ast.Expr
	Index int
	// Zero reports a declaration without a value (var c http.Client).
	Zero bool
	// Pos is where the assignment has taken effect: the end of the
	// statement, so that in x = f(x) the argument still sees the old x.
	Pos token.Pos
}

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	m := &Model{
		byCall:   make(map[*ast.CallExpr]*Request),
		handlers: make(map[ast.Node]*types.Var),
		insp:     insp,
		cursors:  make(map[ast.Node]int32),
		info:     pass.TypesInfo,
		policy:   report.Scan(pass),
	}
	// The standard library is not modelled: nothing is reported in it.
	m.HTTP = DependsOn(pass.Pkg, "net/http") && !m.policy.StandardLibrary()
	r := newResolver(pass)
	m.r = r
	if !m.HTTP {
		// Nothing here can build, send or receive a request: most packages a
		// program depends on, skipped without a traversal.
		return m, nil
	}

	// One filtered traversal collects everything the resolver needs:
	// assignments, the calls of each function, and handler shapes.
	type funcCalls struct {
		decl  *ast.FuncDecl
		calls []*ast.CallExpr
	}
	var funcs []*funcCalls
	var current *funcCalls
	var orphanCalls []*ast.CallExpr // calls outside any function declaration
	filter := []ast.Node{
		(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.CallExpr)(nil),
		(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.RangeStmt)(nil),
		(*ast.CompositeLit)(nil), (*ast.ReturnStmt)(nil), (*ast.GoStmt)(nil),
		(*ast.IfStmt)(nil), (*ast.CommClause)(nil),
	}
	for cur := range insp.Root().Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			m.cursors[n] = cur.Index()
			current = &funcCalls{decl: n}
			funcs = append(funcs, current)
			r.recordFunc(n, n.Type)
			m.recordHandler(pass, n)
		case *ast.FuncLit:
			m.cursors[n] = cur.Index()
			if m.storedForLater(cur, 0) {
				r.stored[n] = true
			}
			r.recordFunc(n, n.Type)
			r.recordDoneWaits(n)
			m.recordHandler(pass, n)
		case *ast.CallExpr:
			m.cursors[n] = cur.Index()
			r.callees[n] = Callee(pass.TypesInfo, n)
			r.recordAfterFunc(n)
			r.recordContextAfterFunc(n)
			if current != nil && current.decl.Body != nil && astq.Within(n, current.decl) {
				current.calls = append(current.calls, n)
			} else {
				orphanCalls = append(orphanCalls, n)
			}
			r.recordEnclosing(cur)
		case *ast.AssignStmt:
			r.recordAssign(n)
		case *ast.ValueSpec:
			r.recordValueSpec(n)
		case *ast.RangeStmt:
			r.recordRange(n)
		case *ast.CompositeLit:
			r.recordCompositeLit(n)
		case *ast.ReturnStmt:
			r.recordReturn(cur)
		case *ast.GoStmt:
			r.recordGo(n)
		case *ast.IfStmt:
			r.recordNilDefault(n)
		case *ast.CommClause:
			r.recordCommClause(n)
		}
	}

	// Facts of this package's functions depend on each other. Visit callees
	// before callers, so that a fact is derived from its callees' final facts
	// (a fact derived too early is partial, and a recursive call would feed
	// that back as if it were settled); then iterate to a fixed point for
	// the recursive ones. The bound guards against oscillation on odd code.
	//
	// A derivation reads nothing that changes but the local facts it
	// consults (through factOf), so a function none of whose consulted
	// facts has changed since its last derivation would derive the same
	// fact again: it is skipped. Imported facts are cached meanwhile.
	funcs = calleesFirst(pass.TypesInfo, funcs, func(f *funcCalls) []*ast.CallExpr { return f.calls },
		func(f *funcCalls) *ast.FuncDecl { return f.decl }, r.callee)
	r.imported = make(map[*types.Func]*FuncFact)
	reads := make([][]factRead, len(funcs)) // per function: the local facts its last derivation consulted
	derived := make([]bool, len(funcs))
	for round := 0; round < 8; round++ {
		changed := false
		for i, f := range funcs {
			fn, ok := pass.TypesInfo.Defs[f.decl.Name].(*types.Func)
			if !ok || f.decl.Body == nil {
				continue
			}
			if derived[i] && !slices.ContainsFunc(reads[i], func(rd factRead) bool { return r.local[rd.fn] != rd.fact }) {
				continue // same inputs, same fact
			}
			rs := reads[i][:0]
			r.reads = &rs
			fact := r.deriveFact(f.decl, fn, f.calls)
			r.reads = nil
			reads[i], derived[i] = rs, true
			if old, seen := r.local[fn]; !seen || *old != *fact {
				r.local[fn] = fact
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for fn, fact := range r.local {
		if fact.Sends || fact.Builds {
			f := *fact
			pass.ExportObjectFact(fn, &f)
		}
	}

	for _, f := range funcs {
		for _, call := range f.calls {
			if req := r.requestOf(call); req != nil {
				m.Requests = append(m.Requests, req)
				m.byCall[call] = req
			}
		}
	}
	for _, call := range orphanCalls {
		if req := r.requestOf(call); req != nil {
			m.Requests = append(m.Requests, req)
			m.byCall[call] = req
		}
	}
	r.indexDecls()
	r.imported = nil // from now on the model is shared: no more writes
	return m, nil
}

// calleesFirst orders functions so that every function comes after the
// functions of the same list it calls (a depth-first post-order of the
// package's call graph; cycles are broken where the search meets them).
func calleesFirst[F any](info *types.Info, funcs []F, calls func(F) []*ast.CallExpr, decl func(F) *ast.FuncDecl,
	callee func(*ast.CallExpr) *types.Func) []F {
	byObj := make(map[*types.Func]int, len(funcs))
	for i, f := range funcs {
		if fn, ok := info.Defs[decl(f).Name].(*types.Func); ok {
			byObj[fn] = i
		}
	}
	ordered := make([]F, 0, len(funcs))
	visited := make([]bool, len(funcs))
	var visit func(i int)
	visit = func(i int) {
		if visited[i] {
			return
		}
		visited[i] = true
		for _, call := range calls(funcs[i]) {
			if j, ok := byObj[callee(call)]; ok {
				visit(j)
			}
		}
		ordered = append(ordered, funcs[i])
	}
	for i := range funcs {
		visit(i)
	}
	return ordered
}

// recordHandler marks fn as an inbound handler when its parameters are
// exactly (http.ResponseWriter, *http.Request). Every way of registering a
// handler with net/http (HandleFunc, HandlerFunc conversions, ServeHTTP
// methods, ServeMux methods) requires this shape, so the shape is the test.
func (m *Model) recordHandler(pass *analysis.Pass, fn ast.Node) {
	var sig *types.Signature
	var ft *ast.FuncType
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if obj, ok := pass.TypesInfo.Defs[fn.Name].(*types.Func); ok {
			sig = obj.Signature()
		}
		ft = fn.Type
	case *ast.FuncLit:
		sig, _ = pass.TypesInfo.TypeOf(fn).(*types.Signature)
		ft = fn.Type
	}
	if sig == nil || sig.Params().Len() != 2 {
		return
	}
	if !IsNamed(sig.Params().At(0).Type(), "net/http", "ResponseWriter") ||
		!IsPointerTo(sig.Params().At(1).Type(), "net/http", "Request") {
		return
	}
	var req *types.Var
	if list := ft.Params.List; len(list) > 0 {
		last := list[len(list)-1]
		if n := len(last.Names); n > 0 {
			req, _ = pass.TypesInfo.Defs[last.Names[n-1]].(*types.Var)
		}
	}
	m.handlers[fn] = req
}

// EnclosingFunc returns the innermost function (*ast.FuncDecl or
// *ast.FuncLit) containing cur, or nil at package level.
func EnclosingFunc(cur inspector.Cursor) ast.Node {
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return f.Node()
	}
	return nil
}

// DependsOn reports whether the package at path is pkg itself or in its
// import closure.
func DependsOn(pkg *types.Package, path string) bool {
	seen := make(map[*types.Package]bool)
	var visit func(p *types.Package) bool
	visit = func(p *types.Package) bool {
		if p.Path() == path {
			return true
		}
		if seen[p] {
			return false
		}
		seen[p] = true
		for _, imp := range p.Imports() {
			if visit(imp) {
				return true
			}
		}
		return false
	}
	return visit(pkg)
}

// IsNamed reports whether t (after unaliasing) is the named type pkgPath.name.
func IsNamed(t types.Type, pkgPath, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == pkgPath
}

// IsPointerTo reports whether t is a pointer to the named type pkgPath.name.
func IsPointerTo(t types.Type, pkgPath, name string) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && IsNamed(p.Elem(), pkgPath, name)
}

// IsClientType reports whether t is http.Client or *http.Client.
func IsClientType(t types.Type) bool {
	return IsNamed(t, "net/http", "Client") || IsPointerTo(t, "net/http", "Client")
}

// IsFunc reports whether fn is the function pkgPath.name, or with a non-empty
// recv, the method name of the named type recv (pointer or not) in pkgPath.
func IsFunc(fn *types.Func, pkgPath, recv, name string) bool {
	if fn == nil || fn.Name() != name || fn.Pkg() == nil || fn.Pkg().Path() != pkgPath {
		return false
	}
	sig := fn.Signature()
	if sig.Recv() == nil {
		return recv == ""
	}
	t := types.Unalias(sig.Recv().Type())
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	return ok && n.Obj().Name() == recv
}

// Callee returns the function or method called by call, or nil for calls of
// function values, conversions and builtins. Instantiated generic functions
// are returned as their origin, the object facts are attached to.
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil {
		return nil
	}
	return fn.Origin()
}

// IsTestFile reports whether filename is a Go test file (report.IsTestFile).
func IsTestFile(filename string) bool { return report.IsTestFile(filename) }

// RunsApart reports whether the function literal runs in a goroutine of
// its own, beside or after the code that creates it: go func() { ... }(),
// or the function of time.AfterFunc. Its requests are background work, not
// its creator's: they must not use the creator's context, and it does not
// wait for them.
func (m *Model) RunsApart(lit *ast.FuncLit) bool { return m.r.goLits[lit] }

// OneShot reports whether the call runs once, in a program's main
// function itself: in package main, directly in func main, not in a loop,
// a goroutine or a function literal. Such a call belongs to a command run
// at a terminal (an example, a one-off tool): the person who started it
// sees it hang and interrupts it, nothing waits on it, and what it holds
// is released when the process exits. Calls in the functions main calls
// are not one-shot: they may be reached from servers and loops.
func (m *Model) OneShot(call *ast.CallExpr) bool {
	cur, ok := m.Cursor(call)
	if !ok || m.r.pass.Pkg.Name() != "main" {
		return false
	}
	for enc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.GoStmt)(nil)) {
		fd, isDecl := enc.Node().(*ast.FuncDecl)
		return isDecl && fd.Recv == nil && fd.Name.Name == "main"
	}
	return false
}
