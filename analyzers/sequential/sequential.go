package sequential

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/report"
)

// Analyzer reports independent GET requests made one after another.
var Analyzer = &analysis.Analyzer{
	Name:      "sequential",
	Doc:       analyzerdoc.Doc(doc, "sequential"),
	URL:       analyzerdoc.URL("sequential"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, httpmodel.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(stateFact)},
}

// Category is the category of the analyzer's diagnostics.
const Category = "independent-calls"

// reportLoops turns on the report of range loops that send one independent
// request per element. It is read only inside run.
var reportLoops bool

func init() {
	Analyzer.Flags.BoolVar(&reportLoops, "loops", false,
		"also report range loops that send one independent GET request per element, one after another")
}

func run(pass *analysis.Pass) (any, error) {
	model := pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model)
	loops := reportLoops
	if !model.HTTP || stdlib(pass) {
		// No request can be sent from here; the standard library is
		// judged by fixed rules, not facts.
		return nil, nil
	}
	c := &checker{
		pass:  pass,
		info:  pass.TypesInfo,
		model: model,
		rep:   report.New(pass, model),
		loops: loops,
	}
	// Facts first: callers in other packages need them even when this
	// package has nothing to report.
	c.st = c.computeStates()

	// Fast path: a function needs two safe requests (or, with -loops, one).
	count := make(map[ast.Node]int)
	for _, req := range model.Requests {
		if req.Func != nil && safeMethod(req.Method) {
			count[req.Func]++
		}
	}
	var funcs []ast.Node
	for fn, n := range count {
		if n >= 2 || loops {
			funcs = append(funcs, fn)
		}
	}
	if len(funcs) == 0 {
		return nil, nil
	}
	slices.SortFunc(funcs, func(a, b ast.Node) int { return int(a.Pos() - b.Pos()) })

	for _, fn := range funcs {
		cur, ok := model.Cursor(fn)
		if !ok {
			continue
		}
		c.checkFunc(cur)
	}
	return nil, nil
}

type checker struct {
	pass  *analysis.Pass
	info  *types.Info
	model *httpmodel.Model
	rep   *report.Reporter
	loops bool
	fn    ast.Node // the function being checked
	st    *states
}

func safeMethod(m string) bool { return m == "GET" || m == "HEAD" }

// checkFunc looks for sequences in the blocks of one function. Nested
// function literals are functions of their own, checked separately.
func (c *checker) checkFunc(cur inspector.Cursor) {
	var body *ast.BlockStmt
	switch fn := cur.Node().(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		if c.alreadyConcurrent(cur) {
			return
		}
		body = fn.Body
	}
	if body == nil {
		return
	}
	c.fn = cur.Node()
	c.block(body.List, false)
}

// alreadyConcurrent reports whether a function literal runs concurrently
// with its caller: go func() {...}(), g.Go(func() ...), wg.Go(func() {...}),
// or a literal that calls (*sync.WaitGroup).Done.
func (c *checker) alreadyConcurrent(cur inspector.Cursor) bool {
	lit := cur.Node().(*ast.FuncLit)
	p := cur.Parent()
	if call, ok := p.Node().(*ast.CallExpr); ok {
		if call.Fun == lit {
			if _, ok := p.Parent().Node().(*ast.GoStmt); ok {
				return true
			}
		} else if fn := httpmodel.Callee(c.info, call); fn != nil && fn.Signature().Recv() != nil &&
			(fn.Name() == "Go" || fn.Name() == "TryGo") {
			return true
		}
	}
	done := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && httpmodel.IsFunc(httpmodel.Callee(c.info, call), "sync", "WaitGroup", "Done") {
			done = true
		}
		return !done
	})
	return done
}

// block walks a statement list: in a loop body it only descends (and looks
// at range loops with -loops); elsewhere it builds sequences.
func (c *checker) block(stmts []ast.Stmt, inLoop bool) {
	var s *seq
	if !inLoop {
		s = &seq{c: c, stmts: stmts}
	}
	for i, st := range stmts {
		if s != nil {
			s.index = i
			s.stmt(st)
		}
		c.nested(st, inLoop)
	}
	if s != nil {
		s.flush()
	}
}

// nested descends into the blocks a statement contains.
func (c *checker) nested(st ast.Stmt, inLoop bool) {
	switch st := st.(type) {
	case *ast.BlockStmt:
		c.block(st.List, inLoop)
	case *ast.LabeledStmt:
		c.nested(st.Stmt, inLoop)
	case *ast.IfStmt:
		c.block(st.Body.List, inLoop)
		if st.Else != nil {
			c.nested(st.Else, inLoop)
		}
	case *ast.SwitchStmt:
		c.clauses(st.Body, inLoop)
	case *ast.TypeSwitchStmt:
		c.clauses(st.Body, inLoop)
	case *ast.SelectStmt:
		c.clauses(st.Body, inLoop)
	case *ast.ForStmt:
		c.block(st.Body.List, true)
	case *ast.RangeStmt:
		if c.loops {
			c.checkLoop(st)
		}
		c.block(st.Body.List, true)
	}
}

func (c *checker) clauses(body *ast.BlockStmt, inLoop bool) {
	for _, cl := range body.List {
		switch cl := cl.(type) {
		case *ast.CaseClause:
			c.block(cl.Body, inLoop)
		case *ast.CommClause:
			c.block(cl.Body, inLoop)
		}
	}
}

// member is a request of the current sequence.
type member struct {
	req   *httpmodel.Request
	index int // of its statement in the block
	reads map[*types.Var]bool
}

// seq follows one block's straight-line path and the sequence of
// independent safe requests being built along it.
type seq struct {
	c     *checker
	stmts []ast.Stmt
	index int // of the statement being looked at
	run   []*member
	// taint maps a variable to the members of run whose results it may
	// hold, directly or through other variables.
	taint map[*types.Var]map[*member]bool
}

// flush reports the sequence if it has two calls or more, and starts anew.
func (s *seq) flush() {
	if len(s.run) >= 2 {
		s.c.report(s.run, s.stmts)
	}
	s.run, s.taint = nil, nil
}

// stmt moves the sequence along one statement of the block.
func (s *seq) stmt(st ast.Stmt) {
	switch st := st.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.DeclStmt, *ast.ReturnStmt, *ast.IncDecStmt:
		s.straight(st)
	case *ast.IfStmt:
		if st.Else == nil && terminates(s.c.info, st.Body) {
			// An early exit (if err != nil { return ... }) leaves the path
			// as it was; its init and condition are on the path. An exit
			// that decides on an earlier result and does not fail (if
			// found { return v, nil }) makes the later requests depend on
			// that result: they are only sent when it says so.
			if s.readsRun(st.Cond) && !isErrCheck(s.c.info, st.Cond) && !failing(s.c.info, st.Body) {
				s.flush()
			}
			if st.Init != nil {
				s.straight(st.Init)
			}
			s.straight(&ast.ExprStmt{X: st.Cond})
			return
		}
		s.flush()
	case *ast.DeferStmt, *ast.EmptyStmt:
		// Deferred calls run at the end; they do not break the path.
	default:
		s.flush()
	}
}

// straight handles a statement evaluated as a whole: the calls it makes, in
// evaluation order, then the variables it assigns.
func (s *seq) straight(st ast.Stmt) {
	c := s.c
	lhs, rhs := assignParts(st)

	// A write to a variable an earlier call read: the calls are ordered by it.
	for _, e := range lhs {
		if v := rootVar(c.info, e); v != nil && s.readByRun(v) {
			s.flush()
			break
		}
	}

	calls, conditional := evalOrder(rhs)
	var added []*member
	for _, call := range calls {
		req := c.model.Request(call)
		if req != nil && req.Func == c.fn && (req.Lazy || waitsForState(req.Callee)) {
			// A call that waits until a remote state is reached (it polls),
			// or that sends only to initialise state its receiver keeps:
			// what follows depends on it, and it is no read to run aside.
			s.flush()
			added = nil
			continue
		}
		if req == nil || req.Func != c.fn {
			s.otherCall(call)
			continue
		}
		if conditional[call] || !safeMethod(req.Method) || !c.st.evident(req) || c.loopback(req) {
			// A request that may not run, one that may change what a
			// later call reads (a POST, an unknown method, a sender that
			// keeps state or sends only on some paths), or one to this
			// machine, not worth overlapping: the path ends here.
			s.flush()
			added = nil
			continue
		}
		m := &member{req: req, index: s.index, reads: varsIn(c.info, call)}
		if s.dependent(m) || containsRequest(c.model, call) {
			s.flush()
			added = nil
		}
		s.run = append(s.run, m)
		added = append(added, m)
		// Out-parameters and closures it is given receive its results.
		for _, v := range c.outParams(call) {
			s.addTaint(v, map[*member]bool{m: true})
		}
	}

	// The assigned variables hold whatever the right-hand side derives from.
	if len(lhs) > 0 {
		from := make(map[*member]bool)
		for _, e := range rhs {
			for v := range varsIn(c.info, e) {
				for m := range s.taint[v] {
					from[m] = true
				}
			}
		}
		for _, m := range added {
			from[m] = true
		}
		for _, e := range lhs {
			if v := rootVar(c.info, e); v != nil {
				s.addTaint(v, from)
			}
		}
	}
}

// otherCall handles a call that sends no request: one that paces or locks
// ends the path, as does one that may change a variable an earlier call
// read; the variables it may write inherit the taint of its operands.
func (s *seq) otherCall(call *ast.CallExpr) {
	c := s.c
	fn := httpmodel.Callee(c.info, call)
	if paces(fn) {
		s.flush()
		return
	}
	if f := c.st.factOf(fn); f != nil && f.Writes {
		// It changes state (a receiver's fields, package variables) that
		// a later request may read: a login, a settings change.
		s.flush()
		return
	}
	targets := c.mutable(call)
	for _, v := range targets {
		if s.readByRun(v) {
			s.flush()
			return
		}
	}
	from := make(map[*member]bool)
	for v := range varsIn(c.info, call) {
		for m := range s.taint[v] {
			from[m] = true
		}
	}
	if len(from) > 0 {
		for _, v := range targets {
			s.addTaint(v, from)
		}
	}
}

func (s *seq) addTaint(v *types.Var, from map[*member]bool) {
	if len(from) == 0 {
		return
	}
	if s.taint == nil {
		s.taint = make(map[*types.Var]map[*member]bool)
	}
	t := s.taint[v]
	if t == nil {
		t = make(map[*member]bool)
		s.taint[v] = t
	}
	for m := range from {
		t[m] = true
	}
}

// dependent reports whether m reads a variable derived from a result of a
// call of the sequence.
func (s *seq) dependent(m *member) bool {
	for v := range m.reads {
		for prior := range s.taint[v] {
			if slices.Contains(s.run, prior) {
				return true
			}
		}
	}
	return false
}

// readsRun reports whether e reads a variable derived from a result of a
// call of the sequence.
func (s *seq) readsRun(e ast.Expr) bool {
	for v := range varsIn(s.c.info, e) {
		for prior := range s.taint[v] {
			if slices.Contains(s.run, prior) {
				return true
			}
		}
	}
	return false
}

func (s *seq) readByRun(v *types.Var) bool {
	for _, m := range s.run {
		if m.reads[v] {
			return true
		}
	}
	return false
}

// assignParts splits a straight-line statement into what it assigns and
// what it evaluates.
func assignParts(st ast.Stmt) (lhs, rhs []ast.Expr) {
	switch st := st.(type) {
	case *ast.AssignStmt:
		lhs = st.Lhs
		rhs = append(rhs, st.Rhs...)
		for _, e := range st.Lhs {
			// Index and selector bases on the left are evaluated too.
			if _, ok := ast.Unparen(e).(*ast.Ident); !ok {
				rhs = append(rhs, e)
			}
		}
		if st.Tok != token.ASSIGN && st.Tok != token.DEFINE {
			rhs = append(rhs, st.Lhs...) // x += f(): x is read as well
		}
	case *ast.IncDecStmt:
		lhs = []ast.Expr{st.X}
		rhs = []ast.Expr{st.X}
	case *ast.DeclStmt:
		if gd, ok := st.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for _, n := range vs.Names {
					lhs = append(lhs, n)
				}
				rhs = append(rhs, vs.Values...)
			}
		}
	case *ast.ExprStmt:
		rhs = []ast.Expr{st.X}
	case *ast.ReturnStmt:
		rhs = st.Results
	}
	return lhs, rhs
}

// evalOrder returns the calls of exprs in evaluation order (operands before
// the call), without entering function literals, and marks the calls that
// run only conditionally (right of && and ||).
func evalOrder(exprs []ast.Expr) ([]*ast.CallExpr, map[*ast.CallExpr]bool) {
	var calls []*ast.CallExpr
	conditional := make(map[*ast.CallExpr]bool)
	var visit func(n ast.Node, cond bool)
	visit = func(n ast.Node, cond bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.BinaryExpr:
				if n.Op == token.LAND || n.Op == token.LOR {
					visit(n.X, cond)
					visit(n.Y, true)
					return false
				}
			case *ast.CallExpr:
				visit(n.Fun, cond)
				for _, a := range n.Args {
					visit(a, cond)
				}
				calls = append(calls, n)
				if cond {
					conditional[n] = true
				}
				return false
			}
			return true
		})
	}
	for _, e := range exprs {
		visit(e, false)
	}
	return calls, conditional
}

// containsRequest reports whether a request is sent while evaluating the
// operands of call: get(ctx, get(ctx, a)) depends on the inner call.
func containsRequest(m *httpmodel.Model, call *ast.CallExpr) bool {
	found := false
	for _, a := range append([]ast.Expr{call.Fun}, call.Args...) {
		ast.Inspect(a, func(n ast.Node) bool {
			if inner, ok := n.(*ast.CallExpr); ok && m.Request(inner) != nil {
				found = true
			}
			return !found
		})
	}
	return found
}

// varsIn returns the variables an expression refers to, function literals
// included.
func varsIn(info *types.Info, n ast.Node) map[*types.Var]bool {
	vars := make(map[*types.Var]bool)
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				vars[v] = true
			}
		}
		return true
	})
	return vars
}

// rootVar returns the variable at the root of x, x.f.g, x[i], *x, or nil.
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			if v, ok := info.Defs[x].(*types.Var); ok {
				return v
			}
			v, _ := info.Uses[x].(*types.Var)
			return v
		case *ast.SelectorExpr:
			if _, ok := info.Uses[x.Sel].(*types.PkgName); ok {
				return nil
			}
			if sel, ok := info.Selections[x]; ok && sel.Kind() == types.FieldVal {
				e = x.X
				continue
			}
			// A qualified package-level variable: pkg.V.
			v, _ := info.Uses[x.Sel].(*types.Var)
			return v
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return nil
			}
			e = x.X
		case *ast.SliceExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// immutable reports whether a value of type t cannot be changed through a
// copy of it: basic values, contexts and errors.
func immutable(t types.Type) bool {
	if t == nil {
		return false
	}
	if _, ok := t.Underlying().(*types.Basic); ok {
		return true
	}
	return httpmodel.IsNamed(t, "context", "Context") || types.Identical(t, types.Universe.Lookup("error").Type())
}

// mutable returns the variables a non-request call may change: the roots of
// its receiver and of its arguments that are not immutable values, and the
// variables its function-literal arguments assign.
func (c *checker) mutable(call *ast.CallExpr) []*types.Var {
	var vars []*types.Var
	add := func(e ast.Expr) {
		if immutable(c.info.TypeOf(e)) {
			return
		}
		if v := rootVar(c.info, e); v != nil {
			vars = append(vars, v)
		}
	}
	if tv, ok := c.info.Types[call.Fun]; ok && tv.IsType() {
		return nil // a conversion
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := c.info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "delete", "clear", "copy", "close":
			default:
				return nil // len, cap, append, ... change nothing themselves
			}
		}
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := c.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
			add(sel.X)
		}
	}
	for _, a := range call.Args {
		add(a)
		vars = append(vars, assignedIn(c.info, a)...)
	}
	return vars
}

// outParams returns the variables a request call may fill in: &x and
// pointer, slice or map variables among its arguments (a client excepted),
// and the variables its function-literal arguments assign.
func (c *checker) outParams(call *ast.CallExpr) []*types.Var {
	var vars []*types.Var
	for _, a := range call.Args {
		vars = append(vars, assignedIn(c.info, a)...)
		t := c.info.TypeOf(a)
		if t == nil || immutable(t) || isClientLike(t) {
			continue
		}
		switch ast.Unparen(a).(type) {
		case *ast.UnaryExpr, *ast.Ident, *ast.SelectorExpr:
		default:
			continue
		}
		switch t.Underlying().(type) {
		case *types.Pointer, *types.Slice, *types.Map, *types.Interface:
			if v := rootVar(c.info, a); v != nil {
				vars = append(vars, v)
			}
		}
	}
	return vars
}

// isClientLike reports whether t is (a pointer to) a type named like a
// client or service, which requests are sent through, not written into.
func isClientLike(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	name := n.Obj().Name()
	return strings.HasSuffix(name, "Client") || strings.HasSuffix(name, "Service") || name == "Transport"
}

// assignedIn returns the variables that function literals inside e assign.
func assignedIn(info *types.Info, e ast.Expr) []*types.Var {
	var vars []*types.Var
	ast.Inspect(e, func(n ast.Node) bool {
		lit, ok := n.(*ast.FuncLit)
		if !ok {
			return true
		}
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					if v := rootVar(info, l); v != nil {
						vars = append(vars, v)
					}
				}
			case *ast.IncDecStmt:
				if v := rootVar(info, n.X); v != nil {
					vars = append(vars, v)
				}
			}
			return true
		})
		return false
	})
	return vars
}

// paces reports whether fn deliberately orders or spaces out work:
// time.Sleep, a Wait method (rate limiters, wait groups), locks.
func paces(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if httpmodel.IsFunc(fn, "time", "", "Sleep") || waitsForState(fn) {
		return true
	}
	if fn.Pkg() != nil && fn.Pkg().Path() == "sync" {
		return true
	}
	if fn.Signature().Recv() == nil {
		return false
	}
	switch fn.Name() {
	case "Wait", "WaitN", "Reserve", "ReserveN", "Take", "Lock", "Unlock", "RLock", "RUnlock":
		return true
	}
	return false
}

// waitsForState reports whether fn is named as a function that waits for a
// condition, usually by polling: Wait, WaitFor..., WaitUntil..., Poll...,
// Await... (a word of its own in a camel-case name). Such a call is a
// synchronisation point: the requests after it read the state it waited
// for.
func waitsForState(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	name := fn.Name()
	for _, w := range []string{"wait", "poll", "await"} {
		if len(name) < len(w) || !strings.EqualFold(name[:len(w)], w) {
			continue
		}
		rest := name[len(w):]
		if rest == "" || (rest[0] >= 'A' && rest[0] <= 'Z') || rest[0] == '_' {
			return true
		}
	}
	return false
}

// terminates reports whether a block always leaves the enclosing path:
// it ends in a return, a branch, or a call that does not return.
func terminates(info *types.Info, b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch last := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return last.Tok != token.FALLTHROUGH
	case *ast.ExprStmt:
		call, ok := ast.Unparen(last.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
				return true
			}
		}
		fn := httpmodel.Callee(info, call)
		if fn == nil {
			return false
		}
		if httpmodel.IsFunc(fn, "os", "", "Exit") {
			return true
		}
		if fn.Pkg() != nil && fn.Pkg().Path() == "log" && strings.HasPrefix(fn.Name(), "Fatal") {
			return true
		}
		return fn.Name() == "FailNow" || fn.Name() == "Fatal" || fn.Name() == "Fatalf" || fn.Name() == "SkipNow"
	}
	return false
}

// report reports a sequence at its first call.
func (c *checker) report(run []*member, stmts []ast.Stmt) {
	methods := run[0].req.Method
	for _, m := range run[1:] {
		if m.req.Method != methods {
			methods = "GET and HEAD"
		}
	}
	first := run[0].req.Call
	d := analysis.Diagnostic{
		Pos:      first.Pos(),
		End:      first.End(),
		Category: Category,
		Message: fmt.Sprintf("%d independent %s requests run one after another: run them concurrently to wait for the slowest instead of the sum",
			len(run), methods),
	}
	for _, m := range run[1:] {
		d.Related = append(d.Related, analysis.RelatedInformation{
			Pos:     m.req.Call.Pos(),
			End:     m.req.Call.End(),
			Message: fmt.Sprintf("independent %s request, sent after the first has answered", m.req.Method),
		})
	}
	if fix, ok := c.concurrentFix(run, stmts); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.rep.Report(d)
}

// checkLoop reports, with -loops, a range loop whose body sends one
// independent safe request per element.
func (c *checker) checkLoop(rs *ast.RangeStmt) {
	t := c.info.TypeOf(rs.X)
	if t == nil {
		return
	}
	switch u := t.Underlying().(type) {
	case *types.Slice, *types.Array, *types.Map:
	case *types.Pointer:
		if _, ok := u.Elem().Underlying().(*types.Array); !ok {
			return
		}
	case *types.Basic:
		if u.Info()&(types.IsInteger|types.IsString) == 0 {
			return
		}
	default:
		return // channels and iterators yield as they go
	}
	var reqs []*httpmodel.Request
	bad := false
	ast.Inspect(rs.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			bad = true // already concurrent
		case *ast.BranchStmt:
			if n.Tok == token.BREAK || n.Tok == token.GOTO || n.Label != nil {
				bad = true // stops early: the order matters
			}
		case *ast.CallExpr:
			if req := c.model.Request(n); req != nil {
				reqs = append(reqs, req)
			} else if fn := httpmodel.Callee(c.info, n); paces(fn) || (fn != nil && fn.Name() == "Go" && fn.Signature().Recv() != nil) {
				bad = true
			}
		}
		return !bad
	})
	if bad || len(reqs) != 1 || !safeMethod(reqs[0].Method) || reqs[0].Func != c.fn || returnsEarly(c.info, rs.Body) ||
		!c.st.evident(reqs[0]) || c.loopback(reqs[0]) {
		return
	}
	call := reqs[0].Call
	if !c.topLevel(call, rs.Body) {
		return
	}
	// Loop-carried dependencies: the call reads a variable declared outside
	// the loop and written inside it, or fills one in.
	inside := func(v *types.Var) bool { return rs.Pos() <= v.Pos() && v.Pos() < rs.End() }
	written := make(map[*types.Var]bool)
	ast.Inspect(rs.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if v := rootVar(c.info, l); v != nil {
					written[v] = true
				}
			}
		case *ast.IncDecStmt:
			if v := rootVar(c.info, n.X); v != nil {
				written[v] = true
			}
		case *ast.CallExpr:
			if n != call {
				for _, v := range c.mutable(n) {
					written[v] = true
				}
			}
		}
		return true
	})
	for v := range varsIn(c.info, call) {
		if written[v] && !inside(v) {
			return
		}
	}
	for _, v := range c.outParams(call) {
		if !inside(v) {
			return
		}
	}
	c.rep.Report(analysis.Diagnostic{
		Pos:      call.Pos(),
		End:      call.End(),
		Category: Category,
		Message: fmt.Sprintf("one %s request per element is sent one after another: run them concurrently, with a limit, to wait for the slowest instead of the sum",
			reqs[0].Method),
		Related: []analysis.RelatedInformation{{Pos: rs.Pos(), End: rs.Body.Lbrace, Message: "the loop"}},
	})
}

// returnsEarly reports whether a loop body returns other than on an error
// (if err != nil { return ... }): finding something and stopping depends on
// the order.
func returnsEarly(info *types.Info, body *ast.BlockStmt) bool {
	early := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if isErrCheck(info, n.Cond) {
				if n.Else != nil {
					ast.Inspect(n.Else, func(m ast.Node) bool {
						if _, ok := m.(*ast.ReturnStmt); ok {
							early = true
						}
						return !early
					})
				}
				return false
			}
		case *ast.ReturnStmt:
			early = true
		}
		return !early
	})
	return early
}

// isErrCheck reports whether cond is x != nil for an error x.
func isErrCheck(info *types.Info, cond ast.Expr) bool {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ {
		return false
	}
	return isNil(info, b.Y) && types.Identical(info.TypeOf(b.X), types.Universe.Lookup("error").Type())
}

func isNil(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == types.Universe.Lookup("nil")
}

// topLevel reports whether call is evaluated unconditionally by a
// straight-line statement of body (or the init of one of its ifs).
func (c *checker) topLevel(call *ast.CallExpr, body *ast.BlockStmt) bool {
	for _, st := range body.List {
		if !(st.Pos() <= call.Pos() && call.End() <= st.End()) {
			continue
		}
		if ifs, ok := st.(*ast.IfStmt); ok {
			if ifs.Init == nil || call.End() > ifs.Init.End() {
				return false
			}
			st = ifs.Init
		}
		switch st.(type) {
		case *ast.ExprStmt, *ast.AssignStmt, *ast.DeclStmt:
		default:
			return false
		}
		_, rhs := assignParts(st)
		calls, conditional := evalOrder(rhs)
		return slices.Contains(calls, call) && !conditional[call]
	}
	return false
}

// step is one call of a sequence in the shape the fix rewrites:
// v1, ..., err := call(...) followed by if err != nil { return ..., E }.
type step struct {
	call    *ast.CallExpr
	values  []*ast.Ident // the results before the error; "_" kept
	errID   *ast.Ident
	errObj  *types.Var
	leading []ast.Expr // the results returned before the error
	errExpr ast.Expr   // the error returned: err, or an expression of it
}

// stepOf matches a sequence member's statement and the check after it.
func (c *checker) stepOf(m *member, st, next ast.Stmt) (step, bool) {
	as, ok := st.(*ast.AssignStmt)
	if !ok || (as.Tok != token.DEFINE && as.Tok != token.ASSIGN) || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != m.req.Call {
		return step{}, false
	}
	var ids []*ast.Ident
	for _, l := range as.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return step{}, false
		}
		ids = append(ids, id)
	}
	s := step{call: m.req.Call, values: ids[:len(ids)-1], errID: ids[len(ids)-1]}
	s.errObj = c.varOfIdent(s.errID)
	errType := types.Universe.Lookup("error").Type()
	if s.errObj == nil || !types.Identical(s.errObj.Type(), errType) {
		return step{}, false
	}
	for _, v := range s.values {
		if v.Name != "_" && c.varOfIdent(v) == nil {
			return step{}, false
		}
	}
	ifs, ok := next.(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) != 1 {
		return step{}, false
	}
	cond, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || cond.Op != token.NEQ || !isNil(c.info, cond.Y) {
		return step{}, false
	}
	if x, ok := ast.Unparen(cond.X).(*ast.Ident); !ok || c.info.Uses[x] != s.errObj {
		return step{}, false
	}
	ret, ok := ifs.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) == 0 {
		return step{}, false
	}
	s.leading, s.errExpr = ret.Results[:len(ret.Results)-1], ret.Results[len(ret.Results)-1]
	if !varsIn(c.info, s.errExpr)[s.errObj] {
		return step{}, false
	}
	for _, e := range s.leading {
		if varsIn(c.info, e)[s.errObj] {
			return step{}, false
		}
	}
	return s, true
}

func (c *checker) varOfIdent(id *ast.Ident) *types.Var {
	if v, ok := c.info.Defs[id].(*types.Var); ok {
		return v
	}
	v, _ := c.info.Uses[id].(*types.Var)
	return v
}

// concurrentFix rewrites a sequence of steps into an errgroup group or
// sync.WaitGroup.Go calls, when it has the shape and the rewrite is sure to
// compile with the same names and types.
func (c *checker) concurrentFix(run []*member, stmts []ast.Stmt) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	first := run[0].req.Call
	file := c.fileOf(first.Pos())
	if file == nil {
		return none, false
	}
	var steps []step
	for i, m := range run {
		if (i > 0 && m.index != run[i-1].index+2) || m.index+1 >= len(stmts) {
			return none, false
		}
		s, ok := c.stepOf(m, stmts[m.index], stmts[m.index+1])
		if !ok {
			return none, false
		}
		steps = append(steps, s)
	}
	start := stmts[run[0].index].Pos()
	end := stmts[run[len(run)-1].index+1].End()
	within := func(p token.Pos) bool { return start <= p && p < end }

	// One error variable, the same leading results, distinct values.
	errObj := steps[0].errObj
	errName := errObj.Name()
	leading := c.sources(steps[0].leading)
	values := make(map[*types.Var]bool)
	for _, s := range steps {
		if s.errObj != errObj || !slices.Equal(c.sources(s.leading), leading) {
			return none, false
		}
		for _, id := range s.values {
			if id.Name == "_" {
				continue
			}
			v := c.varOfIdent(id)
			if values[v] || v == errObj {
				return none, false // two calls would write one variable at once
			}
			values[v] = true
		}
	}
	for _, s := range steps {
		for _, e := range s.leading {
			for v := range varsIn(c.info, e) {
				if values[v] {
					return none, false
				}
			}
		}
	}
	// Comments outside the calls move above the closure of the call they
	// belong to (the one whose statement or check holds them, or follows them).
	comments := make([][]string, len(steps))
	for _, cg := range file.Comments {
		if !within(cg.Pos()) {
			continue
		}
		inCall := false
		for _, s := range steps {
			if s.call.Pos() <= cg.Pos() && cg.End() <= s.call.End() {
				inCall = true
			}
		}
		if inCall {
			continue
		}
		for i, m := range run {
			if cg.Pos() < stmts[m.index+1].End() {
				for _, cm := range cg.List {
					comments[i] = append(comments[i], cm.Text)
				}
				break
			}
		}
	}

	// Names used in the function, so that the new ones clash with nothing.
	used := make(map[string]bool)
	ast.Inspect(c.fn, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	scope := c.pass.Pkg.Scope().Innermost(start)
	taken := func(name string) bool {
		if used[name] {
			return true
		}
		if scope != nil {
			if _, obj := scope.LookupParent(name, start); obj != nil {
				return true
			}
		}
		return false
	}
	fresh := func(base string) string {
		name := base
		for i := 2; taken(name); i++ {
			name = fmt.Sprintf("%s%d", base, i)
		}
		used[name] = true
		return name
	}

	// The variables the first statements declare move before the group;
	// nothing the calls read may be shadowed by them or by the closures'
	// error result.
	var edits []analysis.TextEdit
	addEdits := func(es []analysis.TextEdit) {
		for _, e := range es {
			dup := false
			for _, old := range edits {
				if old.Pos == e.Pos && string(old.NewText) == string(e.NewText) {
					dup = true
				}
			}
			if !dup {
				edits = append(edits, e)
			}
		}
	}
	var lines []string
	hoisted := make(map[string]*types.Var)
	for _, s := range steps {
		for _, id := range s.values {
			v, ok := c.info.Defs[id].(*types.Var)
			if !ok || id.Name == "_" {
				continue
			}
			typ, es, ok := c.typeText(file, start, v.Type())
			if !ok {
				return none, false
			}
			addEdits(es)
			hoisted[v.Name()] = v
			lines = append(lines, "var "+v.Name()+" "+typ)
		}
	}
	for _, s := range steps {
		for _, n := range append([]ast.Node{s.call}, exprNodes(s.leading)...) {
			clash := false
			ast.Inspect(n, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					obj := c.info.Uses[id]
					if v, ok := hoisted[id.Name]; ok && obj != v {
						clash = true
					}
					if id.Name == errName && obj != nil {
						clash = true
					}
				}
				return !clash
			})
			if clash {
				return none, false
			}
		}
	}

	// Where the error variable lives after the rewrite.
	definedInRun := within(errObj.Pos())
	usedAfter := false
	ast.Inspect(c.fn, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.info.Uses[id] == errObj && !within(id.Pos()) {
			usedAfter = true
		}
		return !usedAfter
	})
	ret := "return " + strings.Join(append(leading, errName), ", ")
	check := func(value string) []string {
		switch {
		case !usedAfter:
			return []string{"if " + errName + " := " + value + "; " + errName + " != nil {", "\t" + ret, "}"}
		case definedInRun:
			return []string{errName + " := " + value, "if " + errName + " != nil {", "\t" + ret, "}"}
		default:
			return []string{errName + " = " + value, "if " + errName + " != nil {", "\t" + ret, "}"}
		}
	}
	lhs := func(s step, errVar string) string {
		var names []string
		for _, id := range s.values {
			names = append(names, id.Name)
		}
		return strings.Join(append(names, errVar), ", ")
	}
	callText := func(s step, ctx *ast.Ident, gctx string) string {
		text := c.source(s.call)
		if ctx != nil {
			for _, a := range s.call.Args {
				if id, ok := ast.Unparen(a).(*ast.Ident); ok && c.info.Uses[id] == c.info.Uses[ctx] {
					off := c.pass.Fset.Position(id.Pos()).Offset - c.pass.Fset.Position(s.call.Pos()).Offset
					text = text[:off] + gctx + text[off+len(id.Name):]
					break
				}
			}
		}
		return strings.ReplaceAll(text, "\n", "\n\t")
	}
	plainErr := func(s step) bool {
		id, ok := ast.Unparen(s.errExpr).(*ast.Ident)
		return ok && c.info.Uses[id] == errObj
	}

	var message string
	if ctx := c.commonContext(steps); ctx != nil && c.importsErrgroup() {
		eg, es := fixes.AddImport(c.info, c.pass.Pkg, file, start, "golang.org/x/sync/errgroup", "errgroup")
		addEdits(es)
		g, gctx := fresh("g"), fresh("gctx")
		lines = append(lines, fmt.Sprintf("%s, %s := %sWithContext(%s)", g, gctx, eg, ctx.Name))
		for i, s := range steps {
			lines = append(lines, comments[i]...)
			lines = append(lines, g+".Go(func() ("+errName+" error) {", "\t"+lhs(s, errName)+" = "+callText(s, ctx, gctx))
			if plainErr(s) {
				lines = append(lines, "\treturn "+errName)
			} else {
				lines = append(lines, "\tif "+errName+" != nil {", "\t\treturn "+c.source(s.errExpr), "\t}", "\treturn nil")
			}
			lines = append(lines, "})")
		}
		lines = append(lines, check(g+".Wait()")...)
		message = "Run the requests concurrently in an errgroup"
	} else if c.goVersionAtLeast(file, "go1.25") {
		syncQ, es := fixes.AddImport(c.info, c.pass.Pkg, file, start, "sync", "sync")
		addEdits(es)
		errorsQ, es := fixes.AddImport(c.info, c.pass.Pkg, file, start, "errors", "errors")
		addEdits(es)
		var errVars []string
		for i, s := range steps {
			base := fmt.Sprintf("err%d", i+1)
			for _, id := range s.values {
				if id.Name != "_" {
					base = id.Name + "Err"
					break
				}
			}
			errVars = append(errVars, fresh(base))
		}
		wg := fresh("wg")
		lines = append(lines, "var "+strings.Join(errVars, ", ")+" error", "var "+wg+" "+syncQ+"WaitGroup")
		for i, s := range steps {
			lines = append(lines, comments[i]...)
			lines = append(lines, wg+".Go(func() {")
			if plainErr(s) {
				lines = append(lines, "\t"+lhs(s, errVars[i])+" = "+callText(s, nil, ""))
			} else {
				lines = append(lines, "\tvar "+errName+" error", "\t"+lhs(s, errName)+" = "+callText(s, nil, ""),
					"\tif "+errName+" != nil {", "\t\t"+errVars[i]+" = "+c.source(s.errExpr), "\t}")
			}
			lines = append(lines, "})")
		}
		lines = append(lines, wg+".Wait()")
		lines = append(lines, check(errorsQ+"Join("+strings.Join(errVars, ", ")+")")...)
		message = "Run the requests concurrently with sync.WaitGroup.Go"
	} else {
		return none, false
	}

	indent := fixes.Indent(c.pass, start)
	text := strings.Join(lines, "\n"+indent)
	edits = append([]analysis.TextEdit{{Pos: start, End: end, NewText: []byte(text)}}, edits...)
	return analysis.SuggestedFix{Message: message, TextEdits: edits}, true
}

func exprNodes(es []ast.Expr) []ast.Node {
	var ns []ast.Node
	for _, e := range es {
		ns = append(ns, e)
	}
	return ns
}

func (c *checker) fileOf(pos token.Pos) *ast.File { return fixes.FileOf(c.pass, pos) }

func (c *checker) source(n ast.Node) string { return fixes.Source(c.pass, n) }

func (c *checker) sources(es []ast.Expr) []string {
	var out []string
	for _, e := range es {
		out = append(out, c.source(e))
	}
	return out
}

// commonContext returns the context argument every call of the steps takes,
// when it is one variable passed directly, or nil.
func (c *checker) commonContext(steps []step) *ast.Ident {
	var ctx *ast.Ident
	for _, s := range steps {
		var found *ast.Ident
		for _, a := range s.call.Args {
			id, ok := ast.Unparen(a).(*ast.Ident)
			if !ok || !httpmodel.IsNamed(c.info.TypeOf(id), "context", "Context") {
				continue
			}
			if found != nil {
				return nil
			}
			found = id
		}
		if found == nil || c.varOfIdent(found) == nil || (ctx != nil && c.info.Uses[found] != c.info.Uses[ctx]) {
			return nil
		}
		if ctx == nil {
			ctx = found
		}
	}
	return ctx
}

// importsErrgroup reports whether a file of the package imports errgroup.
func (c *checker) importsErrgroup() bool {
	for _, p := range c.pass.Pkg.Imports() {
		if p.Path() == "golang.org/x/sync/errgroup" {
			return true
		}
	}
	return false
}

// goVersionAtLeast reports whether file is compiled as Go v or later. An
// unknown version means the toolchain's own.
func (c *checker) goVersionAtLeast(file *ast.File, v string) bool {
	fv := c.info.FileVersions[file]
	if fv == "" {
		fv = c.pass.Pkg.GoVersion()
	}
	return fv == "" || version.Compare(fv, v) >= 0
}

// typeText writes t as the file would, adding imports where needed; it fails
// for types the file cannot name.
func (c *checker) typeText(file *ast.File, pos token.Pos, t types.Type) (string, []analysis.TextEdit, bool) {
	if !c.nameable(t) {
		return "", nil, false
	}
	var edits []analysis.TextEdit
	qual := func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		q, es := fixes.AddImport(c.info, c.pass.Pkg, file, pos, p.Path(), p.Name())
		edits = append(edits, es...)
		return strings.TrimSuffix(q, ".")
	}
	return types.TypeString(t, qual), edits, true
}

// nameable reports whether t can be written in this package.
func (c *checker) nameable(t types.Type) bool {
	visible := func(obj types.Object) bool {
		return obj.Pkg() == nil || obj.Pkg() == c.pass.Pkg || obj.Exported()
	}
	switch t := t.(type) {
	case *types.Basic:
		return t.Info()&types.IsUntyped == 0
	case *types.Alias, *types.Named:
		generic := t.(interface {
			Obj() *types.TypeName
			TypeArgs() *types.TypeList
		})
		if !visible(generic.Obj()) {
			return false
		}
		for ta := range generic.TypeArgs().Types() {
			if !c.nameable(ta) {
				return false
			}
		}
		return true
	case *types.Pointer:
		return c.nameable(t.Elem())
	case *types.Slice:
		return c.nameable(t.Elem())
	case *types.Array:
		return c.nameable(t.Elem())
	case *types.Map:
		return c.nameable(t.Key()) && c.nameable(t.Elem())
	case *types.Chan:
		return c.nameable(t.Elem())
	case *types.TypeParam:
		return true
	case *types.Interface:
		return t.Empty()
	}
	return false
}
