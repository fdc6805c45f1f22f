package bodyclose

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"net/http"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/report"
)

// Analyzer reports response bodies that are never closed.
var Analyzer = &analysis.Analyzer{
	Name:      "bodyclose",
	Doc:       analyzerdoc.Doc(doc, "bodyclose"),
	URL:       analyzerdoc.URL("bodyclose"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, httpmodel.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(bodyFact)},
}

// Categories of the diagnostics.
const (
	categoryUnclosed    = "unclosed"
	categoryDiscarded   = "discarded"
	categoryDeferInLoop = "defer-in-loop"
	categoryUndrained   = "undrained"
)

// reportUndrained enables the undrained category (see checkUndrained).
var reportUndrained bool

func init() {
	Analyzer.Flags.BoolVar(&reportUndrained, "drain", false,
		"also report bodies closed unread in a loop over a shared client, which stops the transport reusing the connection")
}

// bodyFact says what a function does with the responses (and response
// bodies) it is given, and whether it returns a live response. Facts are
// gob-encoded by go vet: fields stay exported and basic.
type bodyFact struct {
	// Owns has bit i set when the function takes the duty to close its
	// parameter i (receiver excluded; a *http.Response or a body): it closes
	// it, stores it, returns it or hands it to code that may, on some path.
	// Its callers count the call as a close.
	Owns uint64
	// Borrows has bit i set when the function only reads its parameter i:
	// it never closes it nor lets it escape. Its callers count the call as
	// a plain use.
	Borrows uint64
	// Live is 1 + the index of the result through which the function
	// returns the live response of a request it sent (or obtained from
	// another such function), its body still open: the duty to close it is
	// the caller's. 0 when it returns none.
	Live int
	// ClosesOnError has bit i set when the function takes over its
	// parameter i only on paths where it returns a non-nil error (its last
	// result), and leaves it open where it returns a nil one: the
	// CheckResponse helpers of SDKs, which read the error body and close
	// it. Its callers count the call as a close where they have seen the
	// error non-nil, and go on with the body open where it is nil.
	ClosesOnError uint64
	// ErrNonNil reports that every return of the function gives a non-nil
	// error as its last result (an error constructor).
	ErrNonNil bool
	// Passes is 1 + the index of the response parameter that the function
	// returns, unchanged, as its response result (nil aside), closing it
	// at most on paths that return a non-nil error: a CheckResponse that
	// hands back the response it checked. Its callers get back the same
	// live response they passed in. 0 when it passes none.
	Passes int
	// Method is, for a function with Live set, the HTTP method of the
	// request whose response it returns, when every return agrees on it.
	Method string
	// MethodParam is, for a function with Live set and no Method, 1 + the
	// index of the parameter that gives the request's method (a do(ctx,
	// method, path) that every wrapper calls); 0 when unknown.
	MethodParam int
}

// AFact marks bodyFact as an analysis fact.
func (*bodyFact) AFact() {}

func (f *bodyFact) String() string {
	var parts []string
	for i := 0; i < 64; i++ {
		if f.Owns&(1<<i) != 0 {
			parts = append(parts, fmt.Sprintf("owns param%d", i))
		}
		if f.Borrows&(1<<i) != 0 {
			parts = append(parts, fmt.Sprintf("borrows param%d", i))
		}
	}
	for i := 0; i < 64; i++ {
		if f.ClosesOnError&(1<<i) != 0 {
			parts = append(parts, fmt.Sprintf("closes-on-error param%d", i))
		}
	}
	if f.Live > 0 {
		parts = append(parts, fmt.Sprintf("live result%d", f.Live-1))
	}
	if f.ErrNonNil {
		parts = append(parts, "error-non-nil")
	}
	if f.Passes > 0 {
		parts = append(parts, fmt.Sprintf("passes param%d", f.Passes-1))
	}
	if f.Method != "" {
		parts = append(parts, "method "+f.Method)
	}
	if f.MethodParam > 0 {
		parts = append(parts, fmt.Sprintf("method param%d", f.MethodParam-1))
	}
	return strings.Join(parts, " ")
}

func (f *bodyFact) zero() bool { return *f == bodyFact{} }

// checker holds what run computes for one package.
type checker struct {
	pass  *analysis.Pass
	model *httpmodel.Model
	insp  *inspector.Inspector
	rep   *report.Reporter

	local    map[*types.Func]*bodyFact // facts of this package's functions, as derived so far
	imported map[*types.Func]*bodyFact
	cfgs     map[ast.Node]*cfg.CFG
	caseTag  map[ast.Expr]ast.Expr // case expressions of the switches seen -> the switch's tag
}

func run(pass *analysis.Pass) (any, error) {
	model := pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model)
	if !model.HTTP {
		// Nothing here can receive a response (the model also skips the
		// standard library, which implements the API judged here).
		return nil, nil
	}
	c := &checker{
		pass:     pass,
		model:    model,
		insp:     pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
		local:    make(map[*types.Func]*bodyFact),
		imported: make(map[*types.Func]*bodyFact),
		cfgs:     make(map[ast.Node]*cfg.CFG),
		caseTag:  make(map[ast.Expr]ast.Expr),
	}
	c.computeFacts()
	c.rep = report.New(pass, model)
	for cur := range c.insp.Root().Preorder((*ast.CallExpr)(nil)) {
		c.checkCall(cur)
	}
	return nil, nil
}

// factOf returns what is known of fn: this package's derivation so far, or
// the fact its package exported. Nil when nothing is known.
func (c *checker) factOf(fn *types.Func) *bodyFact {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return c.local[fn]
	}
	if f, ok := c.imported[fn]; ok {
		return f
	}
	var f *bodyFact
	if fact := new(bodyFact); c.pass.ImportObjectFact(fn, fact) {
		f = fact
	}
	c.imported[fn] = f
	return f
}

// computeFacts derives the facts of the package's functions, iterating to
// a fixed point because they depend on each other, and exports them.
func (c *checker) computeFacts() {
	type declFn struct {
		decl *ast.FuncDecl
		fn   *types.Func
	}
	var decls []declFn
	for _, file := range c.pass.Files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok || !mentionsResponse(fn.Signature()) {
				continue
			}
			decls = append(decls, declFn{fd, fn})
		}
	}
	for round := 0; round < 8; round++ {
		changed := false
		for _, d := range decls {
			f := c.deriveFact(d.decl, d.fn)
			if old := c.local[d.fn]; old == nil || *old != *f {
				c.local[d.fn] = f
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for _, d := range decls {
		if f := c.local[d.fn]; f != nil && !f.zero() {
			fact := *f
			c.pass.ExportObjectFact(d.fn, &fact)
		}
	}
}

// mentionsResponse reports whether a signature takes a response or a body,
// or returns a response: only such functions can deserve a fact.
func mentionsResponse(sig *types.Signature) bool {
	for i := 0; i < sig.Params().Len(); i++ {
		if paramKind(sig.Params().At(i).Type()) != notTracked {
			return true
		}
	}
	return responseIndex(sig) >= 0
}

// Kinds of tracked values.
const (
	notTracked = iota
	trackResponse
	trackBody
)

// paramKind says whether a parameter of type t can receive a response
// (*http.Response) or a body (an interface with a Read or Close method:
// io.Reader, io.ReadCloser, io.Closer).
func paramKind(t types.Type) int {
	if isResponse(t) {
		return trackResponse
	}
	iface, ok := types.Unalias(t).Underlying().(*types.Interface)
	if !ok || iface.NumMethods() == 0 {
		return notTracked
	}
	for i := 0; i < iface.NumMethods(); i++ {
		switch iface.Method(i).Name() {
		case "Read", "Close":
			return trackBody
		}
	}
	return notTracked
}

func isResponse(t types.Type) bool { return httpmodel.IsPointerTo(t, "net/http", "Response") }

// responseIndex returns the index of sig's *http.Response result, or -1.
func responseIndex(sig *types.Signature) int {
	for i := 0; i < sig.Results().Len(); i++ {
		if isResponse(sig.Results().At(i).Type()) {
			return i
		}
	}
	return -1
}

// deriveFact computes the fact of one declared function.
func (c *checker) deriveFact(decl *ast.FuncDecl, fn *types.Func) *bodyFact {
	f := &bodyFact{}
	sig := fn.Signature()
	for i := 0; i < sig.Params().Len() && i < 64; i++ {
		p := sig.Params().At(i)
		kind := paramKind(p.Type())
		if kind == notTracked {
			continue
		}
		if sig.Variadic() && i == sig.Params().Len()-1 {
			continue // a ...io.Reader is a slice: not followed
		}
		owns := false
		for _, u := range c.usesIn(p, decl, kind) {
			if u.kind != useNeutral && u.kind != useUpgrade {
				owns = true
			}
		}
		if owns {
			f.Owns |= 1 << i
			if c.closesOnError(decl, sig, p, kind) {
				f.ClosesOnError |= 1 << i
			}
		} else {
			f.Borrows |= 1 << i
		}
	}
	if k := responseIndex(sig); k >= 0 {
		if c.returnsLive(decl, k) {
			f.Live = k + 1
			f.Method, f.MethodParam = c.returnedMethod(decl, fn)
		}
		for i := 0; i < sig.Params().Len() && i < 64 && f.Live == 0; i++ {
			if c.passesThrough(decl, sig, sig.Params().At(i), k) {
				f.Passes = i + 1
				break
			}
		}
	}
	f.ErrNonNil = c.errNonNil(decl, sig)
	return f
}

// returnedMethod returns the HTTP method of the requests whose responses
// decl returns, when all of them agree: a constant, or 1 + the index of
// the parameter of fn that gives it (a request built with
// http.NewRequest(method, ...), or a call passing it on).
func (c *checker) returnedMethod(decl *ast.FuncDecl, fn *types.Func) (string, int) {
	method, param := "", 0
	agree := func(m string, p int) bool {
		if m == "" && p == 0 || method != "" && m != method || param != 0 && p != param {
			return false
		}
		method, param = m, p
		return true
	}
	sig := fn.Signature()
	for _, ret := range c.model.Returns(decl) {
		if len(ret.Results) != 1 {
			continue
		}
		call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr)
		if !ok {
			continue
		}
		if f := c.factOf(c.model.Callee(call)); f != nil && f.Passes > 0 {
			continue // check(resp, err): the request is the one built here
		}
		m, p := c.methodOf(call), 0
		if m == "" {
			if f := c.factOf(c.model.Callee(call)); f != nil && f.MethodParam > 0 && f.MethodParam <= len(call.Args) {
				m, p = c.methodArg(call.Args[f.MethodParam-1], sig)
			}
		}
		if !agree(m, p) {
			return "", 0
		}
	}
	if method == "" && param == 0 {
		// The request is built here: http.NewRequest(method, ...).
		cur, ok := c.model.Cursor(decl)
		if !ok {
			return "", 0
		}
		for cc := range cur.Preorder((*ast.CallExpr)(nil)) {
			call := cc.Node().(*ast.CallExpr)
			callee := c.model.Callee(call)
			i := -1
			switch {
			case httpmodel.IsFunc(callee, "net/http", "", "NewRequest"):
				i = 0
			case httpmodel.IsFunc(callee, "net/http", "", "NewRequestWithContext"):
				i = 1
			}
			if i < 0 || i >= len(call.Args) {
				continue
			}
			if m, p := c.methodArg(call.Args[i], sig); !agree(m, p) {
				return "", 0
			}
		}
	}
	return method, param
}

// methodArg evaluates a method argument: a constant string, or a
// parameter of sig (1 + its index).
func (c *checker) methodArg(e ast.Expr, sig *types.Signature) (string, int) {
	tv := c.pass.TypesInfo.Types[e]
	if tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value), 0
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		for i := 0; i < sig.Params().Len(); i++ {
			if c.pass.TypesInfo.Uses[id] == sig.Params().At(i) {
				return "", i + 1
			}
		}
	}
	return "", 0
}

// methodOf returns the HTTP method of the request call sends, or "".
func (c *checker) methodOf(call *ast.CallExpr) string {
	if req := c.model.Request(call); req != nil && req.Method != "" {
		return req.Method
	}
	f := c.factOf(c.model.Callee(call))
	switch {
	case f == nil:
	case f.Method != "":
		return f.Method
	case f.MethodParam > 0 && f.MethodParam <= len(call.Args):
		tv := c.pass.TypesInfo.Types[call.Args[f.MethodParam-1]]
		if tv.Value != nil && tv.Value.Kind() == constant.String {
			return constant.StringVal(tv.Value)
		}
	}
	return ""
}

// passesThrough reports whether decl returns its response parameter p,
// never reassigned, as its result k on every return that does not give
// nil there (and on one at least), and closes or takes it over only on
// paths that return a non-nil error.
func (c *checker) passesThrough(decl *ast.FuncDecl, sig *types.Signature, p *types.Var, k int) bool {
	if !isResponse(p.Type()) || sig.Variadic() && p == sig.Params().At(sig.Params().Len()-1) {
		return false
	}
	for _, a := range c.model.AssignmentsOf(p) {
		if !a.Zero {
			return false
		}
	}
	passed := false
	for _, ret := range c.model.Returns(decl) {
		if len(ret.Results) != sig.Results().Len() {
			return false // a naked return, or return f(...)
		}
		e := ast.Unparen(ret.Results[k])
		if c.isNil(e) {
			continue
		}
		id, ok := e.(*ast.Ident)
		if !ok || c.pass.TypesInfo.Uses[id] != p {
			return false
		}
		passed = true
	}
	if !passed {
		return false
	}
	var closing []ast.Node
	for _, u := range c.usesIn(p, decl, trackResponse) {
		switch u.kind {
		case useNeutral, useUpgrade, useReturn:
		case useClose, useCloseOnError:
			closing = append(closing, u.node)
		default:
			return false
		}
	}
	return len(closing) == 0 || c.closedOnlyOnError(decl, sig, p, closing)
}

// returnsLive reports whether every return of decl gives, as its result
// k, nil or a live response whose body the function has not closed for
// good (no deferred close), and at least one gives a live response.
func (c *checker) returnsLive(decl *ast.FuncDecl, k int) bool {
	live := false
	checked := make(map[*types.Var]bool)
	for _, ret := range c.model.Returns(decl) {
		if len(ret.Results) == 0 {
			return false // a naked return of named results: not followed
		}
		if len(ret.Results) == 1 && c.tupleCall(ret.Results[0]) {
			call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr)
			if !ok {
				return false
			}
			if idx, ok := c.liveResult(call); !ok || idx != k {
				return false
			}
			live = true
			continue
		}
		if k >= len(ret.Results) {
			return false
		}
		e := ast.Unparen(ret.Results[k])
		if id, ok := e.(*ast.Ident); ok {
			if _, isNil := c.pass.TypesInfo.Uses[id].(*types.Nil); isNil {
				continue
			}
		}
		if call, ok := e.(*ast.CallExpr); ok {
			if idx, ok := c.liveResult(call); ok && idx == 0 && !c.tupleCall(call) {
				live = true
				continue
			}
			return false
		}
		id, ok := e.(*ast.Ident)
		if !ok {
			return false
		}
		v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok {
			return false
		}
		if ok, seen := checked[v]; seen {
			if !ok {
				return false
			}
			live = true
			continue
		}
		b := c.sourceOf(v, decl)
		ok = b != nil && b.fn == ast.Node(decl)
		if ok {
			for _, u := range b.uses {
				switch {
				case u.kind == useNeutral, u.kind == useClose, u.kind == useCloseOnError, u.kind == useReturn:
					// Closed on some paths (a failing status, a helper's
					// error) and returned open on others.
				case u.kind == useHandoff && u.store:
					// A reference kept (a debugging copy): the caller
					// still gets the response to close.
				default:
					ok = false
				}
			}
		}
		checked[v] = ok
		if !ok {
			return false
		}
		live = true
	}
	return live
}

// tupleCall reports whether e is a call with several results.
func (c *checker) tupleCall(e ast.Expr) bool {
	_, ok := c.pass.TypesInfo.TypeOf(e).(*types.Tuple)
	return ok
}

// liveResult reports whether call returns a live response, and at which
// result: a request sent through net/http or a well-known client, or a
// function known by fact to return a live response.
func (c *checker) liveResult(call *ast.CallExpr) (int, bool) {
	fn := c.model.Callee(call)
	if fn == nil {
		return -1, false
	}
	if req := c.model.Request(call); req != nil && req.Via != httpmodel.ViaFact {
		if k := responseIndex(fn.Signature()); k >= 0 {
			return k, true
		}
	}
	if httpmodel.IsDoerMethod(fn) {
		return 0, true
	}
	f := c.factOf(fn)
	if f != nil && f.Live > 0 {
		return f.Live - 1, true
	}
	if f != nil && f.Passes > 0 && c.liveArg(call, f.Passes-1) {
		return responseIndex(fn.Signature()), true
	}
	return -1, false
}

// liveArg reports whether argument p of call, a function passing that
// argument through (Passes), is a live response that the caller hands
// over with this call: the result of a live call spread into the
// arguments (check(c.Do(req))), or a local variable bound to one whose
// only hand-off is this call (reading it, storing a reference, closing
// it on the error path aside). Its result is then live in its turn.
func (c *checker) liveArg(call *ast.CallExpr, p int) bool {
	if len(call.Args) == 1 && c.tupleCall(call.Args[0]) {
		inner, ok := ast.Unparen(call.Args[0]).(*ast.CallExpr)
		if !ok {
			return false
		}
		idx, ok := c.liveResult(inner)
		return ok && idx == p
	}
	if p >= len(call.Args) {
		return false
	}
	id, ok := ast.Unparen(call.Args[p]).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	cur, ok := c.model.Cursor(call)
	if !ok {
		return false
	}
	b := c.sourceOf(v, httpmodel.EnclosingFunc(cur))
	if b == nil {
		return false
	}
	for _, u := range b.uses {
		switch {
		case u.kind == useNeutral, u.kind == useCloseOnError, u.kind == useHandoff && u.store:
		case u.kind == usePass && u.node == ast.Node(call):
		default:
			return false
		}
	}
	return true
}

// binding is a live response and where the function that received it keeps it.
type binding struct {
	call   *ast.CallExpr
	callee *types.Func
	stmt   ast.Node       // the statement binding the results
	fn     ast.Node       // the innermost function holding the call
	body   *ast.BlockStmt // its body
	resp   *types.Var     // the response's variable; nil when discarded
	respID *ast.Ident
	errVar *types.Var // the request error's variable, or nil
	uses   []use      // classified uses of resp
	k      int        // the index of the response among the call's results
	lhs    []ast.Expr // the bound expressions, when an assignment binds them
}

// sourceOf returns the binding of v when v is a local variable of fn
// assigned exactly once, by a call returning a live response.
func (c *checker) sourceOf(v *types.Var, fn ast.Node) *binding {
	var src *httpmodel.Assignment
	for _, a := range c.model.AssignmentsOf(v) {
		if a.Zero {
			continue
		}
		if src != nil {
			return nil
		}
		a := a
		src = &a
	}
	if src == nil {
		return nil
	}
	call, ok := src.Value.(*ast.CallExpr)
	if !ok {
		return nil
	}
	cur, ok := c.model.Cursor(call)
	if !ok {
		return nil
	}
	b := c.bind(cur)
	if b == nil || b.resp != v || b.fn != fn {
		return nil
	}
	return b
}

// bind describes how the live response of the call at cur is kept, or
// returns nil when call returns no live response or hands it on at once
// (an argument, a returned call, a field or element it is stored in).
func (c *checker) bind(cur inspector.Cursor) *binding {
	call := cur.Node().(*ast.CallExpr)
	k, ok := c.liveResult(call)
	if !ok {
		return nil
	}
	if req := c.model.Request(call); req != nil && req.Method == http.MethodHead {
		return nil // a HEAD response has no body: the transport reuses the connection at once
	}
	b := &binding{call: call, callee: c.model.Callee(call), fn: httpmodel.EnclosingFunc(cur), k: k}
	switch fn := b.fn.(type) {
	case *ast.FuncDecl:
		b.body = fn.Body
	case *ast.FuncLit:
		b.body = fn.Body
	default:
		return nil // package level
	}
	results := b.callee.Signature().Results()
	errIdx := -1
	if n := results.Len(); n > 0 && isError(results.At(n-1).Type()) {
		errIdx = n - 1
	}
	var lhs []ast.Expr
	parent := cur.Parent()
	switch n := parent.Node().(type) {
	case *ast.AssignStmt:
		if len(n.Rhs) != 1 || len(n.Lhs) != results.Len() {
			return nil
		}
		lhs = n.Lhs
	case *ast.ValueSpec:
		if len(n.Values) != 1 || len(n.Names) != results.Len() {
			return nil
		}
		for _, id := range n.Names {
			lhs = append(lhs, id)
		}
	case *ast.ExprStmt, *ast.GoStmt, *ast.DeferStmt:
		b.stmt = n
		return b // discarded: nothing binds the response
	default:
		return nil
	}
	b.stmt = parent.Node()
	b.lhs = lhs
	id, ok := ast.Unparen(lhs[k]).(*ast.Ident)
	if !ok {
		return nil // stored in a field or element: handed on
	}
	if errIdx >= 0 {
		if eid, ok := ast.Unparen(lhs[errIdx]).(*ast.Ident); ok && eid.Name != "_" {
			b.errVar, _ = c.pass.TypesInfo.ObjectOf(eid).(*types.Var)
		}
	}
	if id.Name == "_" {
		return b
	}
	v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok {
		return nil
	}
	// A local of the function that sent the request, assigned once: a
	// package variable, a parameter or named result, or a variable of an
	// enclosing function is shared with other code.
	if v.Pos() < b.body.Lbrace || v.Pos() > b.body.Rbrace || c.pass.TypesInfo.Defs[id] != v && !c.declaredIn(v, b.fn) {
		return nil
	}
	n := 0
	for _, a := range c.model.AssignmentsOf(v) {
		if !a.Zero {
			n++
		}
	}
	if n != 1 {
		return nil
	}
	b.resp, b.respID = v, id
	b.uses = c.usesIn(v, b.fn, trackResponse)
	return b
}

// declaredIn reports whether v, declared inside fn's body, belongs to fn
// itself rather than to a function literal inside it.
func (c *checker) declaredIn(v *types.Var, fn ast.Node) bool {
	cur, ok := c.model.Cursor(fn)
	if !ok {
		return false
	}
	for lit := range cur.Preorder((*ast.FuncLit)(nil)) {
		if lit.Node() != fn && lit.Node().Pos() <= v.Pos() && v.Pos() < lit.Node().End() {
			return false
		}
	}
	return true
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// discarded reports whether the binding throws the response away.
func (b *binding) discarded() bool { return b.resp == nil }

// checkCall checks the live response of the call at cur, if any.
func (c *checker) checkCall(cur inspector.Cursor) {
	b := c.bind(cur)
	if b == nil {
		return
	}
	if c.model.OneShot(b.call) {
		// Sent once by main itself: the connection it holds goes when the
		// process exits, a moment later.
		return
	}
	if b.discarded() {
		if c.methodOf(b.call) == http.MethodDelete {
			// APIs answer a DELETE with 204 No Content by convention: whether
			// the thrown-away response holds a body is the server's choice,
			// which the code does not show.
			return
		}
		c.reportDiscarded(b)
		return
	}
	for _, u := range b.uses {
		switch {
		case u.kind == useUpgrade:
			return // the body belongs to an upgraded connection
		case (u.kind == useHandoff || u.kind == useReturn) && u.id.Pos() < b.call.Pos():
			// Handed on before the request, e.g. to a closure defined
			// earlier: where it runs is not followed.
			return
		case u.kind == useDeferClose && u.node.Pos() < b.call.Pos():
			// Closed by a function deferred before the request (over a
			// variable declared earlier): it runs on every way out.
			return
		}
	}
	c.checkDeferInLoop(b)
	c.checkUndrained(b)
	c.checkPaths(b)
}
