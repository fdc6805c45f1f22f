package clientreuse

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/printer"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/report"
)

// Analyzer reports http.Transports built and thrown away per unit of work.
var Analyzer = &analysis.Analyzer{
	Name:      "clientreuse",
	Doc:       analyzerdoc.Doc(doc, "clientreuse"),
	URL:       analyzerdoc.URL("clientreuse"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, httpmodel.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(FactoryFact)},
}

// FactoryFact marks a function that builds a fresh http.Transport on every
// call and returns it, or an http.Client or other value holding it, as its
// result number Result.
type FactoryFact struct {
	Result int
}

// AFact marks FactoryFact as an analysis fact.
func (*FactoryFact) AFact() {}

func (f *FactoryFact) String() string { return fmt.Sprintf("newtransport(result %d)", f.Result) }

// Category is the category of every diagnostic of the analyzer.
const Category = "per-request"

// FixMessage is the message of the hoisting fix.
const FixMessage = "Build the transport once at package level"

const retryablehttpPath = "github.com/hashicorp/go-retryablehttp"

func run(pass *analysis.Pass) (any, error) {
	model, ok := pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model)
	if !ok || model == nil {
		return nil, nil
	}
	if !httpmodel.ImportsNetHTTP(pass.Pkg) && len(model.Requests) == 0 {
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := newChecker(pass, model, insp)
	if len(c.constructions) == 0 && !c.callsImportedFactory() {
		// No fresh Transport is made here: nothing to report, and no
		// function of the package can be a factory.
		return nil, nil
	}
	c.indexRefs(insp)
	c.computeSetup()
	c.computeFactories()
	c.report(report.New(pass, model))
	return nil, nil
}

// checker holds what one pass knows; it lives for one call of run.
type checker struct {
	pass  *analysis.Pass
	model *httpmodel.Model
	info  *types.Info

	constructions []inspector.Cursor // Transport constructions
	calls         []inspector.Cursor // calls of functions that may be factories
	decls         []*ast.FuncDecl
	funcOf        map[*types.Func]*ast.FuncDecl
	uses          map[*types.Var][]inspector.Cursor  // uses of local variables, by usesOf
	indexed       map[*ast.FuncDecl]bool             // declarations whose variables' uses are in uses
	refs          map[*types.Func][]inspector.Cursor // references to the package's functions, by indexRefs

	setup     map[*types.Func]bool
	factories map[*types.Func]int
	imported  map[*types.Func]*FactoryFact
	names     map[string]bool // package-level names chosen by this pass's fixes
}

func newChecker(pass *analysis.Pass, model *httpmodel.Model, insp *inspector.Inspector) *checker {
	c := &checker{
		pass: pass, model: model, info: pass.TypesInfo,
		funcOf:    make(map[*types.Func]*ast.FuncDecl),
		uses:      make(map[*types.Var][]inspector.Cursor),
		indexed:   make(map[*ast.FuncDecl]bool),
		refs:      make(map[*types.Func][]inspector.Cursor),
		setup:     make(map[*types.Func]bool),
		factories: make(map[*types.Func]int),
		imported:  make(map[*types.Func]*FactoryFact),
		names:     make(map[string]bool),
	}
	filter := []ast.Node{(*ast.FuncDecl)(nil), (*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)}
	for cur := range insp.Root().Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			c.decls = append(c.decls, n)
			if fn, ok := c.info.Defs[n.Name].(*types.Func); ok {
				c.funcOf[fn] = n
			}
		case *ast.CompositeLit:
			if tv, ok := c.info.Types[n]; ok && httpmodel.IsNamed(tv.Type, "net/http", "Transport") {
				if cur.ParentEdgeKind() == edge.UnaryExpr_X && cur.Parent().Node().(*ast.UnaryExpr).Op == token.AND {
					cur = cur.Parent()
				}
				c.constructions = append(c.constructions, cur)
			}
		case *ast.CallExpr:
			if httpmodel.IsNewTransport(c.info, n) || httpmodel.IsFunc(model.Callee(n), "net/http", "Transport", "Clone") {
				c.constructions = append(c.constructions, cur)
			} else if fn := c.calleeOf(n); fn != nil && fn.Signature().Results().Len() > 0 {
				c.calls = append(c.calls, cur)
			}
		}
	}
	return c
}

// callsImportedFactory reports whether the package calls a function of
// another package known to build a fresh Transport per call.
func (c *checker) callsImportedFactory() bool {
	for _, cur := range c.calls {
		if fn := c.calleeOf(cur.Node().(*ast.CallExpr)); fn != nil && fn.Pkg() != c.pass.Pkg {
			if _, ok := c.factoryOf(fn); ok {
				return true
			}
		}
	}
	return false
}

// declaring returns the function declaration a local variable belongs to, or nil.
func (c *checker) declaring(v *types.Var) *ast.FuncDecl {
	if v.IsField() || v.Pkg() != c.pass.Pkg || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	for _, file := range c.pass.Files {
		if file.FileStart <= v.Pos() && v.Pos() <= file.FileEnd {
			i := sort.Search(len(file.Decls), func(i int) bool { return file.Decls[i].End() > v.Pos() })
			if i < len(file.Decls) {
				if d, ok := file.Decls[i].(*ast.FuncDecl); ok && d.Pos() <= v.Pos() {
					return d
				}
			}
			return nil
		}
	}
	return nil
}

// indexRefs indexes the references to the package's functions, for the
// packages that make Transports.
func (c *checker) indexRefs(insp *inspector.Inspector) {
	for cur := range insp.Root().Preorder((*ast.Ident)(nil)) {
		if obj, ok := c.info.Uses[cur.Node().(*ast.Ident)].(*types.Func); ok && obj.Pkg() == c.pass.Pkg {
			c.refs[obj.Origin()] = append(c.refs[obj.Origin()], cur)
		}
	}
}

// usesOf returns the cursors of the uses of the local variable v, in
// source order. The uses of a variable of a function declaration are all
// in it: each declaration is indexed once, when first needed; those of
// others come from the model's index.
func (c *checker) usesOf(v *types.Var) []inspector.Cursor {
	if us, ok := c.uses[v]; ok {
		return us
	}
	if decl := c.declaring(v); decl != nil {
		if cur, ok := c.model.Cursor(decl); ok {
			if !c.indexed[decl] {
				c.indexed[decl] = true
				for id := range cur.Preorder((*ast.Ident)(nil)) {
					u, ok := c.info.Uses[id.Node().(*ast.Ident)].(*types.Var)
					if ok && !u.IsField() && decl.Pos() <= u.Pos() && u.Pos() < decl.End() {
						c.uses[u] = append(c.uses[u], id)
					}
				}
			}
			us := c.uses[v]
			c.uses[v] = us
			return us
		}
	}
	var us []inspector.Cursor
	for _, id := range c.model.Uses(v) {
		if cur, ok := c.model.Cursor(id); ok {
			us = append(us, cur)
		}
	}
	c.uses[v] = us
	return us
}

// calleeOf returns the function a call calls: statically, or through a
// local variable whose only assignment is a function or method value.
func (c *checker) calleeOf(call *ast.CallExpr) *types.Func {
	if fn := c.model.Callee(call); fn != nil {
		return fn
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	as := c.model.AssignmentsOf(v)
	if len(as) != 1 || as[0].Value == nil || as[0].Index != 0 {
		return nil
	}
	var name *ast.Ident
	switch x := ast.Unparen(as[0].Value).(type) {
	case *ast.Ident:
		name = x
	case *ast.SelectorExpr:
		name = x.Sel
	default:
		return nil
	}
	if fn, ok := c.info.Uses[name].(*types.Func); ok {
		return fn.Origin()
	}
	return nil
}

// computeSetup finds the functions that run once per process: main, init,
// test functions, and unexported functions called only from them, outside
// loops and handlers.
func (c *checker) computeSetup() {
	for _, d := range c.decls {
		fn, ok := c.info.Defs[d.Name].(*types.Func)
		if !ok || d.Recv != nil {
			continue
		}
		name := d.Name.Name
		file := c.pass.Fset.File(d.Pos())
		inTest := file != nil && httpmodel.IsTestFile(file.Name())
		switch {
		case name == "init", name == "main" && c.pass.Pkg.Name() == "main":
			c.setup[fn] = true
		case inTest && (name == "TestMain" || strings.HasPrefix(name, "Test") || strings.HasPrefix(name, "Example") || strings.HasPrefix(name, "Fuzz")):
			c.setup[fn] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for _, d := range c.decls {
			fn, ok := c.info.Defs[d.Name].(*types.Func)
			if !ok || c.setup[fn] || (fn.Exported() && c.pass.Pkg.Name() != "main") {
				continue
			}
			refs := c.refs[fn]
			if len(refs) == 0 {
				continue
			}
			all := true
			for _, ref := range refs {
				if !c.calledFromSetup(ref) {
					all = false
					break
				}
			}
			if all {
				c.setup[fn] = true
				changed = true
			}
		}
	}
}

// calledFromSetup reports whether the function reference ref is a call
// made once by a set-up function: not in a loop, not in a handler.
func (c *checker) calledFromSetup(ref inspector.Cursor) bool {
	cur := ref
	if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
		cur = cur.Parent()
	}
	if cur.ParentEdgeKind() != edge.CallExpr_Fun {
		return false // a function value: called who knows when
	}
	child := cur
	for p := cur.Parent(); p.Node() != nil; child, p = p, p.Parent() {
		switch n := p.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if k := child.ParentEdgeKind(); k == edge.ForStmt_Body || k == edge.RangeStmt_Body {
				return false
			}
		case *ast.FuncLit:
			if c.model.IsHandler(n) {
				return false
			}
		case *ast.FuncDecl:
			fn, ok := c.info.Defs[n.Name].(*types.Func)
			return ok && c.setup[fn]
		}
	}
	return false
}

// A root is an expression that makes a fresh Transport: a construction, or
// a call of a factory.
type root struct {
	cur    inspector.Cursor
	expr   ast.Expr
	callee *types.Func // the factory; nil for a construction
	result int         // the factory's result holding the Transport
	tuple  bool        // the factory returns several results
}

func (c *checker) roots() []root {
	var rs []root
	for _, cur := range c.constructions {
		rs = append(rs, root{cur: cur, expr: cur.Node().(ast.Expr)})
	}
	for _, cur := range c.calls {
		call := cur.Node().(*ast.CallExpr)
		fn := c.calleeOf(call)
		if res, ok := c.factoryOf(fn); ok {
			rs = append(rs, root{cur: cur, expr: call, callee: fn, result: res, tuple: fn.Signature().Results().Len() > 1})
		}
	}
	slices.SortFunc(rs, func(a, b root) int { return int(a.expr.Pos() - b.expr.Pos()) })
	return rs
}

// factoryOf reports whether fn is known to build a fresh Transport per call, and in which result.
func (c *checker) factoryOf(fn *types.Func) (int, bool) {
	if fn == nil {
		return 0, false
	}
	if fn.Pkg() == c.pass.Pkg {
		res, ok := c.factories[fn]
		return res, ok
	}
	fact, seen := c.imported[fn]
	if !seen {
		fact = new(FactoryFact)
		if !c.pass.ImportObjectFact(fn, fact) {
			fact = nil
		}
		c.imported[fn] = fact
	}
	if fact == nil {
		return 0, false
	}
	return fact.Result, true
}

// computeFactories finds the package's functions that return a fresh
// Transport (or a value holding one) on every call, and exports their facts.
func (c *checker) computeFactories() {
	for round := 0; round < 10; round++ {
		changed := false
		rs := c.roots()
		for _, d := range c.decls {
			fn, ok := c.info.Defs[d.Name].(*types.Func)
			if !ok || d.Body == nil || fn.Signature().Results().Len() == 0 {
				continue
			}
			if _, done := c.factories[fn]; done {
				continue
			}
			if res, ok := c.factoryResult(d, rs); ok {
				c.factories[fn] = res
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for _, d := range c.decls {
		if fn, ok := c.info.Defs[d.Name].(*types.Func); ok {
			if res, ok := c.factories[fn]; ok {
				c.pass.ExportObjectFact(fn, &FactoryFact{Result: res})
			}
		}
	}
}

// factoryResult reports whether every return of d hands a fresh Transport
// (or a value holding one) to the caller, and in which result.
func (c *checker) factoryResult(d *ast.FuncDecl, rs []root) (int, bool) {
	u := unit{kind: funcUnit, body: d.Body, fn: d}
	fresh := make(map[*ast.ReturnStmt]int)
	for _, r := range rs {
		if !within(r.expr, d.Body) {
			continue
		}
		f := c.track(r, u)
		if f.escapes {
			continue
		}
		for ret, i := range f.returns {
			fresh[ret] = i
		}
	}
	if len(fresh) == 0 {
		return 0, false
	}
	k := -1
	for _, i := range fresh {
		if k >= 0 && i != k {
			return 0, false
		}
		k = i
	}
	n := 0
	if fn, ok := c.info.Defs[d.Name].(*types.Func); ok {
		n = fn.Signature().Results().Len()
	}
	for _, ret := range c.model.Returns(d) {
		if _, ok := fresh[ret]; ok {
			continue
		}
		if len(ret.Results) != n || k >= n || !isNil(c.info, ret.Results[k]) {
			return 0, false
		}
	}
	return k, true
}

func isNil(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == types.Universe.Lookup("nil")
}

func within(n ast.Node, outer ast.Node) bool {
	return outer.Pos() <= n.Pos() && n.End() <= outer.End()
}

// unitKind names a unit of work, whose every repetition pays for what is built in it.
type unitKind int

const (
	loopUnit    unitKind = iota // one iteration of a loop
	handlerUnit                 // one call of an inbound handler
	funcUnit                    // one call of an ordinary function
)

type unit struct {
	kind unitKind
	body *ast.BlockStmt // variables declared here live for one unit
	fn   ast.Node       // for funcUnit, the function whose returns reach callers
	name string         // the function's name, if it has one
}

// units returns the units of work around cur, innermost first.
func (c *checker) units(cur inspector.Cursor) []unit {
	var us []unit
	var outerLit *ast.FuncLit
	litName := ""
	child := cur
	for p := cur.Parent(); p.Node() != nil; child, p = p, p.Parent() {
		switch n := p.Node().(type) {
		case *ast.ForStmt:
			if child.ParentEdgeKind() == edge.ForStmt_Body {
				us = append(us, unit{kind: loopUnit, body: n.Body})
			}
		case *ast.RangeStmt:
			if child.ParentEdgeKind() == edge.RangeStmt_Body {
				us = append(us, unit{kind: loopUnit, body: n.Body})
			}
		case *ast.FuncLit:
			if c.model.IsHandler(n) {
				return append(us, unit{kind: handlerUnit, body: n.Body, fn: n})
			}
			outerLit = n
		case *ast.ValueSpec:
			if len(n.Names) > 0 {
				litName = n.Names[0].Name
			}
		case *ast.FuncDecl:
			fn, ok := c.info.Defs[n.Name].(*types.Func)
			switch {
			case n.Body == nil || !ok:
				return us
			case c.model.IsHandler(n):
				return append(us, unit{kind: handlerUnit, body: n.Body, fn: n, name: n.Name.Name})
			case c.setup[fn]:
				return us
			default:
				return append(us, unit{kind: funcUnit, body: n.Body, fn: n, name: n.Name.Name})
			}
		case *ast.File:
			if outerLit != nil {
				// A function literal held by a package-level variable.
				us = append(us, unit{kind: funcUnit, body: outerLit.Body, fn: outerLit, name: litName})
			}
			return us
		}
	}
	return us
}

// report reports the roots that are thrown away per unit of work.
func (c *checker) report(rep *report.Reporter) {
	for _, r := range c.roots() {
		if r.callee == nil && c.dialsLocally(r.expr) {
			continue
		}
		for _, u := range c.units(r.cur) {
			if r.callee != nil && u.kind == funcUnit {
				continue // factories are reported in handlers and loops only
			}
			f := c.track(r, u)
			if f.escapes {
				continue // kept outside this unit: perhaps thrown away by an outer one
			}
			if len(f.returns) == 0 && f.sends {
				c.diagnose(rep, r, u, f)
			}
			break
		}
	}
}

// dialsLocally reports whether a Transport literal dials through a function
// literal that depends on local state, as httputil.DumpRequestOut does to
// write a request into a buffer: such a Transport opens no network
// connections, and cannot be shared.
func (c *checker) dialsLocally(e ast.Expr) bool {
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = u.X
	}
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok || !strings.HasPrefix(key.Name, "Dial") {
			continue
		}
		if fl, ok := ast.Unparen(kv.Value).(*ast.FuncLit); ok && !c.onlyPackageLevel(fl) {
			return true
		}
	}
	return false
}

func (c *checker) diagnose(rep *report.Reporter, r root, u unit, f *flow) {
	var where, each string
	switch u.kind {
	case loopUnit:
		where, each = "in every iteration of a loop", "iteration"
	case handlerUnit:
		where, each = "for every request served by this handler", "request"
		if u.name != "" {
			where = "for every request served by handler " + u.name
		}
	default:
		where, each = "on every call of "+u.name, "call"
	}
	d := analysis.Diagnostic{Pos: r.expr.Pos(), End: r.expr.End(), Category: Category}
	if r.callee != nil {
		d.Message = fmt.Sprintf("%s builds a new http.Transport on every call; called %s and then discarded, it makes each %s pay new TCP and TLS handshakes (call it once at start-up and pass the result in)",
			c.funcName(r.callee), where, each)
		rep.Report(d)
		return
	}
	d.Message = fmt.Sprintf("http.Transport built %s and then discarded: its connection pool goes with it, so each %s pays new TCP and TLS handshakes", where, each)
	if fix, ok := c.hoist(r, f); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	} else {
		d.Message += " (build it once at start-up and pass it in)"
	}
	rep.Report(d)
}

func (c *checker) funcName(fn *types.Func) string {
	name := fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			name = n.Obj().Name() + "." + name
		}
	}
	if fn.Pkg() != nil && fn.Pkg() != c.pass.Pkg {
		name = fn.Pkg().Name() + "." + name
	}
	return name
}

// flow is what tracking a fresh Transport through one unit found.
type flow struct {
	escapes  bool                    // kept beyond the unit (or lost track of)
	sends    bool                    // used to send a request
	mutates  bool                    // the Transport is modified after its construction
	returns  map[*ast.ReturnStmt]int // handed to the unit function's callers, by result
	closes   []ast.Stmt              // CloseIdleConnections statements on it
	closeOdd bool                    // a CloseIdleConnections call that is not a statement
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
		v := t.c.varOf(id)
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

func (c *checker) varOf(id *ast.Ident) *types.Var {
	if v, ok := c.info.Defs[id].(*types.Var); ok {
		return v
	}
	v, _ := c.info.Uses[id].(*types.Var)
	return v
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
			return c.varOf(x)
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
	for _, use := range t.c.usesOf(v) {
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
		if !within(lit, t.u.body) || (lit.Pos() <= v.Pos() && v.Pos() < lit.End()) {
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

// hoist builds the fix that moves the construction to a package-level
// variable, when that keeps the program's meaning.
func (c *checker) hoist(r root, f *flow) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if f.mutates || f.closeOdd {
		return none, false
	}
	if tv, ok := c.info.Types[r.expr]; !ok || !httpmodel.IsPointerTo(tv.Type, "net/http", "Transport") {
		return none, false // a Transport value would be copied
	}
	if !c.onlyPackageLevel(r.expr) {
		return none, false
	}
	var file *ast.File
	for _, fl := range c.pass.Files {
		if fl.FileStart <= r.expr.Pos() && r.expr.Pos() < fl.FileEnd {
			file = fl
		}
	}
	if file == nil {
		return none, false
	}
	var top ast.Decl
	for e := range r.cur.Enclosing() {
		if d, ok := e.Node().(ast.Decl); ok && e.ParentEdgeKind() == edge.File_Decls {
			top = d
		}
	}
	if top == nil {
		return none, false
	}
	base, insertAt := "", top.Pos()
	switch d := top.(type) {
	case *ast.FuncDecl:
		base = d.Name.Name
		if d.Doc != nil {
			insertAt = d.Doc.Pos()
		}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			if vs, ok := s.(*ast.ValueSpec); ok && within(r.expr, vs) && len(vs.Names) > 0 {
				base = vs.Names[0].Name
			}
		}
		if d.Doc != nil {
			insertAt = d.Doc.Pos()
		}
	}
	taken := fixes.PackageNameTaken(c.pass.Pkg, c.info, c.pass.Files, r.expr.Pos())
	name := fixes.FreshName(lowerInitial(base)+"Transport", func(n string) bool { return c.names[n] || taken(n) })
	c.names[name] = true

	var buf bytes.Buffer
	if err := format.Node(&buf, c.pass.Fset, &printer.CommentedNode{Node: r.expr, Comments: file.Comments}); err != nil {
		return none, false
	}
	edits := []analysis.TextEdit{
		{Pos: insertAt, End: insertAt, NewText: []byte("var " + name + " = " + buf.String() + "\n\n")},
		{Pos: r.expr.Pos(), End: r.expr.End(), NewText: []byte(name)},
	}
	for _, s := range f.closes {
		edits = append(edits, c.deleteStmt(s))
	}
	return analysis.SuggestedFix{Message: FixMessage, TextEdits: edits}, true
}

// onlyPackageLevel reports whether e names only things that mean the same
// at package level: package-level constants, types, functions, variables
// assigned only by their declaration, imported names and names declared in e.
func (c *checker) onlyPackageLevel(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !ok || !isID {
			return ok
		}
		obj := c.info.Uses[id]
		if obj == nil || obj.Parent() == nil || obj.Parent() == types.Universe {
			return true // a field, a method, a definition, or predeclared
		}
		if e.Pos() <= obj.Pos() && obj.Pos() < e.End() {
			return true
		}
		if _, isTP := obj.Type().(*types.TypeParam); isTP {
			ok = false
			return false
		}
		switch {
		case obj.Pkg() != c.pass.Pkg:
		case obj.Parent() == c.pass.Pkg.Scope():
			if v, isVar := obj.(*types.Var); isVar && len(c.model.AssignmentsOf(v)) > 1 {
				ok = false // set again later (flags, configuration): its value at start-up may differ
			}
		default:
			if _, isPkg := obj.(*types.PkgName); !isPkg {
				ok = false // a local or a parameter
			}
		}
		return ok
	})
	return ok
}

// deleteStmt deletes s, with its line when it stands alone on it.
func (c *checker) deleteStmt(s ast.Stmt) analysis.TextEdit {
	edit := analysis.TextEdit{Pos: s.Pos(), End: s.End()}
	tf := c.pass.Fset.File(s.Pos())
	if tf == nil {
		return edit
	}
	content, err := c.pass.ReadFile(tf.Name())
	if err != nil || tf.Size() != len(content) {
		return edit
	}
	start, end := tf.Offset(s.Pos()), tf.Offset(s.End())
	lineStart := tf.Offset(fixes.LineStart(tf, s.Pos()))
	if strings.TrimSpace(string(content[lineStart:start])) != "" {
		return edit
	}
	rest := content[end:]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 || strings.TrimSpace(string(rest[:nl])) != "" {
		return edit
	}
	return analysis.TextEdit{Pos: tf.Pos(lineStart), End: tf.Pos(end + nl + 1)}
}

// lowerInitial lower-cases the leading capitals of an identifier:
// GetWeather → getWeather, HTTPGet → httpGet, URL → url.
func lowerInitial(s string) string {
	if s == "" {
		return "shared"
	}
	r := []rune(s)
	n := 0
	for n < len(r) && unicode.IsUpper(r[n]) {
		n++
	}
	if n > 1 && n < len(r) {
		n-- // keep the capital that starts the next word
	}
	for i := 0; i < n; i++ {
		r[i] = unicode.ToLower(r[i])
	}
	return string(r)
}
