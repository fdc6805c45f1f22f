package ctxprop

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/astq"
	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/report"
)

// Analyzer reports outbound requests that drop the caller's context.
var Analyzer = &analysis.Analyzer{
	Name:     "ctxprop",
	Doc:      analyzerdoc.Doc(doc, "ctxprop"),
	URL:      analyzerdoc.URL("ctxprop"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, httpmodel.Analyzer},
	Run:      run,
}

// Category of the analyzer's diagnostics.
const Category = "dropped-context"

func run(pass *analysis.Pass) (any, error) {
	model := pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model)
	if len(model.Requests) == 0 {
		return nil, nil
	}
	c := &checker{pass: pass, model: model, rep: report.New(pass, model), done: make(map[token.Pos]bool),
		calm: make(map[paramKey]bool), toldToTakeContext: make(map[*types.Func]bool)}
	for _, req := range model.Requests {
		if req.Go {
			// go s.worker(), or a request inside go func() { ... }():
			// background work that must outlive the caller must not use
			// its context.
			continue
		}
		cur, ok := model.Cursor(req.Call)
		if !ok {
			continue
		}
		ctx, ok := c.availableContext(cur, req)
		if !ok {
			continue
		}
		c.check(req, ctx, cur)
	}
	return nil, nil
}

type checker struct {
	pass              *analysis.Pass
	model             *httpmodel.Model
	rep               *report.Reporter
	done              map[token.Pos]bool       // positions already reported (a request built once, sent twice)
	toldToTakeContext map[*types.Func]bool     // helpers of the module already reported as needing a context parameter
	calm              map[paramKey]bool        // context parameters settled: given only contexts nothing cancels, or not
	pending           map[paramKey]bool        // during one search, parameters proved calm assuming those in progress are
	ifaceMethods      map[string][]*types.Func // the package's interfaces' methods by name, on first use
	exposed           map[string]bool          // method names other packages may call through interfaces, on first use (exposedMethodNames)
}

// context is a context the code could have passed on.
type context struct {
	v       *types.Var // the context.Context parameter, or the inbound *http.Request
	inbound bool       // v is an inbound request: the context is v.Context()
}

// text is how the context is written in source.
func (x context) text() string {
	if x.inbound {
		return x.v.Name() + ".Context()"
	}
	return x.v.Name()
}

// availableContext finds the innermost context the call could use: a
// context.Context parameter of an enclosing function, or the request of an
// enclosing handler. Calls inside a function literal that runs apart (go
// func() { ... }(), time.AfterFunc's function) are deliberate background
// work and have none; so are deferred calls, cleanup that runs as the
// function ends.
func (c *checker) availableContext(cur inspector.Cursor, req *httpmodel.Request) (context, bool) {
	// Only the deferred call itself, or what runs inside a deferred
	// function literal, waits for the function's end: the arguments of a
	// deferred call are evaluated at the defer statement.
	var deferred ast.Node
	for d := range cur.Enclosing((*ast.DeferStmt)(nil)) {
		ds := d.Node().(*ast.DeferStmt)
		lit, isLit := ast.Unparen(ds.Call.Fun).(*ast.FuncLit)
		if cur.Node() == ds.Call || (isLit && astq.Within(cur.Node(), lit.Body)) {
			deferred = ds
		}
		break
	}
	for fc := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		fn := fc.Node()
		if lit, ok := fn.(*ast.FuncLit); ok && c.model.RunsApart(lit) {
			return context{}, false
		}
		if deferred != nil && astq.Within(deferred, fn) {
			// Deferred work (an unregister, a cleanup) runs as the function
			// ends, often because its context was cancelled: it must not
			// depend on that context.
			return context{}, false
		}
		var ft *ast.FuncType
		switch fn := fn.(type) {
		case *ast.FuncLit:
			ft = fn.Type
		case *ast.FuncDecl:
			ft = fn.Type
		}
		if ft.Params != nil {
			for _, field := range ft.Params.List {
				for _, name := range field.Names {
					v, ok := c.pass.TypesInfo.Defs[name].(*types.Var)
					if ok && name.Name != "_" && httpmodel.IsNamed(v.Type(), "context", "Context") {
						return context{v: v}, true
					}
				}
			}
		}
		if r := c.model.InboundRequest(fn); r != nil && r.Name() != "_" {
			return context{v: r, inbound: true}, true
		}
		if r := c.rebuiltFrom(ft, req); r != nil {
			return context{v: r, inbound: true}, true
		}
		if lit, ok := fn.(*ast.FuncLit); ok && c.model.StoredForLater(lit) {
			// A callback kept in a struct, a field or a result runs when
			// someone calls it, after the enclosing call has returned
			// and its context may have ended: it has none to pass on.
			return context{}, false
		}
	}
	return context{}, false
}

// outcomeIgnored reports whether the handler goes on the same whatever
// the call at cur does. Three shapes are claimed:
//
//   - a call statement of a function with no results whose arguments do
//     not mention a parameter of the handler: it has nothing to tell the
//     handler (it handles its own failures), and cannot write the answer;
//   - only its error is kept, and merely noted, in `if err := call(); err
//     != nil { log... }` with no else and a body that neither leaves the
//     function nor mentions a parameter of the handler (its
//     ResponseWriter);
//   - `resp, err := call()` followed by `if err != nil { log...; return }`
//     in a function with no results where nothing after that check
//     mentions a parameter of the handler, and the response is only
//     closed or read in conditions of ifs that merely note (a failing
//     status logged).
//
// Such work (a newsletter sign-up, an audit ping, a logout forwarded to an
// identity provider) is the server's side effect, not part of the answer;
// tying it to the client's connection changes nothing the client sees, and
// its author may well mean it to finish.
func (c *checker) outcomeIgnored(cur inspector.Cursor) bool {
	call := cur.Node().(*ast.CallExpr)
	switch p := cur.Parent().Node().(type) {
	case *ast.ExprStmt:
		sig, ok := c.pass.TypesInfo.TypeOf(call.Fun).(*types.Signature)
		if !ok || sig.Results().Len() != 0 {
			return false
		}
		_, params, ok := c.enclosingSignature(cur)
		return ok && !c.mentionsAny(call, params, call.Pos())
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 || p.Rhs[0] != call || p.Tok != token.DEFINE {
			return false
		}
		errVar := astq.VarOf(c.pass.TypesInfo, p.Lhs[len(p.Lhs)-1])
		if errVar == nil || !types.Identical(errVar.Type(), types.Universe.Lookup("error").Type()) {
			return false
		}
		if len(p.Lhs) == 2 && !astq.IsBlank(p.Lhs[0]) {
			return c.responseOnlyNoted(cur, p, errVar)
		}
		for _, l := range p.Lhs[:len(p.Lhs)-1] {
			if !astq.IsBlank(l) {
				return false
			}
		}
		ifs, ok := cur.Parent().Parent().Node().(*ast.IfStmt)
		if !ok || ifs.Init != p || ifs.Else != nil || !isErrNotNil(c.pass.TypesInfo, ifs.Cond, errVar) {
			return false
		}
		return !c.leavesOrAnswers(ifs.Body, cur, false)
	}
	return false
}

// responseOnlyNoted is outcomeIgnored's second shape: as is the
// statement resp, err := call() at cur's parent, followed by an error
// check that only notes and perhaps returns, in a function whose rest
// does not answer; the response is only closed, or read by ifs that only
// note.
func (c *checker) responseOnlyNoted(cur inspector.Cursor, as *ast.AssignStmt, errVar *types.Var) bool {
	info := c.pass.TypesInfo
	respVar := astq.VarOf(info, as.Lhs[0])
	if respVar == nil || !httpmodel.IsResponse(respVar.Type()) || !astq.InStmtList(cur.Parent()) {
		return false
	}
	next, ok := cur.Parent().NextSibling()
	if !ok {
		return false
	}
	ifs, ok := next.Node().(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil || !isErrNotNil(info, ifs.Cond, errVar) {
		return false
	}
	fnode := httpmodel.EnclosingFunc(cur)
	if c.model.InboundRequest(fnode) == nil {
		return false // inside a closure of the handler: its early return is not the handler's
	}
	fn, params, ok := c.enclosingSignature(cur)
	if !ok {
		return false
	}
	if c.leavesOrAnswers(ifs.Body, cur, fn.Results().Len() == 0) {
		return false
	}
	body := astq.FuncBody(fnode)
	if body == nil {
		return false
	}
	// What the handler does after the check must not depend on anything
	// it had before the call: its parameters, or a local declared earlier
	// (an encoder on w, a result a deferred render writes).
	before := params
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil || n.Pos() >= as.Pos() {
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Defs[id].(*types.Var); ok && v != respVar && v != errVar && !v.IsField() {
				before = append(before, v)
			}
		}
		return true
	})
	if c.mentionsAny(body, before, ifs.End()) {
		return false // the handler answers after the check: an early return changes what it says
	}
	// The variables may be older than the statement (err declared by an
	// earlier :=): only the uses after it read what the call returned.
	inCheck := func(u inspector.Cursor) bool { return astq.Within(u.Node(), ifs) }
	notes := func(u inspector.Cursor) bool { return c.noteOnlyUse(u, cur) }
	return c.readsOnly(errVar, as.End(), inCheck) && c.readsOnly(respVar, as.End(), notes)
}

// readsOnly reports whether every use of v after pos, until v is assigned
// again, satisfies ok.
func (c *checker) readsOnly(v *types.Var, pos token.Pos, ok func(inspector.Cursor) bool) bool {
	for _, u := range c.model.UseCursors(v) {
		switch {
		case u.Node().Pos() < pos:
		case isAssigned(u):
			return true
		case !ok(u):
			return false
		}
	}
	return true
}

// isAssigned reports whether the use u is the left-hand side of an
// assignment: from there on the variable holds another value.
func isAssigned(u inspector.Cursor) bool {
	return u.ParentEdgeKind() == edge.AssignStmt_Lhs
}

// noteOnlyUse reports whether the use u of a response closes its body
// (resp.Body.Close(), deferred or not) or lies in an if without else whose
// body only notes.
func (c *checker) noteOnlyUse(u, cur inspector.Cursor) bool {
	if call, ok := u.Parent().Parent().Parent().Node().(*ast.CallExpr); ok && httpmodel.ClosedResponse(c.pass.TypesInfo, call) == u.Node() {
		return true
	}
	for enc := range u.Enclosing((*ast.IfStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		ifs, ok := enc.Node().(*ast.IfStmt)
		if !ok {
			return false
		}
		return ifs.Init == nil && ifs.Else == nil && !c.leavesOrAnswers(ifs.Body, cur, false) &&
			(astq.Within(u.Node(), ifs.Cond) || astq.Within(u.Node(), ifs.Body))
	}
	return false
}

// enclosingSignature returns the signature and the parameters of the
// function enclosing cur.
func (c *checker) enclosingSignature(cur inspector.Cursor) (*types.Signature, []types.Object, bool) {
	sig := fixes.Signature(c.pass.TypesInfo, httpmodel.EnclosingFunc(cur))
	if sig == nil {
		return nil, nil, false
	}
	var params []types.Object
	for i := 0; i < sig.Params().Len(); i++ {
		params = append(params, sig.Params().At(i))
	}
	return sig, params, true
}

// leavesOrAnswers reports whether body returns, panics, jumps, or mentions
// a parameter of the handler enclosing cur (its ResponseWriter), also
// inside function literals (once.Do(func() { http.Error(w, ...) })). With
// bareReturn, a return without results is allowed. A return inside a
// function literal leaves only the literal.
func (c *checker) leavesOrAnswers(body *ast.BlockStmt, cur inspector.Cursor, bareReturn bool) bool {
	_, params, _ := c.enclosingSignature(cur)
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = !bareReturn || len(n.Results) > 0
		case *ast.BranchStmt:
			found = true
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == types.Universe.Lookup("panic") {
				found = true
			}
		}
		return !found
	})
	return found || c.mentionsAny(body, params, body.Pos())
}

// mentionsAny reports whether n refers, at or after pos, to one of objs.
func (c *checker) mentionsAny(n ast.Node, objs []types.Object, pos token.Pos) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Pos() >= pos && slices.Contains(objs, c.pass.TypesInfo.Uses[id]) {
			found = true
		}
		return !found && (n == nil || n.End() > pos)
	})
	return found
}

// rebuiltFrom returns the *http.Request parameter (of the function whose
// type is ft) that req's context-less builder takes its values from:
// http.NewRequest(in.Method, in.URL.String(), in.Body) rebuilds the
// caller's request and drops in.Context() for every caller. Nil when the
// request was not built from a request parameter.
func (c *checker) rebuiltFrom(ft *ast.FuncType, req *httpmodel.Request) *types.Var {
	if req.BuiltBy == nil || req.Context.Kind != httpmodel.CtxNone || ft.Params == nil {
		return nil
	}
	params := make(map[*types.Var]bool)
	for _, field := range ft.Params.List {
		for _, name := range field.Names {
			if v, ok := c.pass.TypesInfo.Defs[name].(*types.Var); ok && name.Name != "_" && httpmodel.IsPointerTo(v.Type(), "net/http", "Request") {
				params[v] = true
			}
		}
	}
	if len(params) == 0 {
		return nil
	}
	var from *types.Var
	for _, arg := range req.BuiltBy.Args {
		ast.Inspect(arg, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && from == nil {
				if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && params[v] {
					from = v
				}
			}
			return from == nil
		})
	}
	return from
}

func (c *checker) check(req *httpmodel.Request, ctx context, cur inspector.Cursor) {
	if ctx.inbound && c.outcomeIgnored(cur) {
		return
	}
	rc := req.Context
	switch {
	case req.Via == httpmodel.ViaFact && rc.RootExpr == nil && (rc.Root == httpmodel.CtxNone || rc.Root == httpmodel.CtxBackground):
		// A helper that takes no context and sends without one: the context
		// is dropped here, at the outermost call that had one.
		if takesContext(req.Callee) {
			return // it ignores the context it is given: reported inside it
		}
		if sib := c.model.ContextSibling(req.Callee); sib != nil {
			// The helper's package offers a variant that takes the context.
			c.report(ctx, req.Call.Pos(), req.Call.End(), c.siblingFix(req, sib, ctx),
				"%s sends a request without a context, dropping %s: the request runs on after the caller has given up; call %s instead",
				req.Callee.Name(), ctx.text(), sib.Name())
			return
		}
		if !c.model.InModule(req.Callee.Pkg()) {
			// A dependency's function with no way to pass a context: the
			// user cannot fix it, and must not be told to change it.
			return
		}
		if f := c.model.FactOf(req.Callee); f != nil && f.Sealed {
			// A helper of this module whose context-less request is sent
			// by such a dependency: a context parameter would reach nothing.
			return
		}
		// One root cause, one finding: the fix is the helper's signature,
		// so only its first call here that drops a context is reported.
		helper := req.Callee.Origin()
		if c.toldToTakeContext[helper] {
			return
		}
		c.toldToTakeContext[helper] = c.report(ctx, req.Call.Pos(), req.Call.End(), nil,
			"%s sends a request without a context, dropping %s: the request runs on after the caller has given up; give %s a context parameter",
			req.Callee.Name(), ctx.text(), req.Callee.Name())
	case req.Via == httpmodel.ViaFact && (rc.Root != httpmodel.CtxBackground || rc.RootExpr == nil):
		// The helper is given its caller's context, or one the model cannot
		// trace: nothing is dropped here.
	case rc.Kind == httpmodel.CtxNone && req.BuiltBy != nil:
		c.report(ctx, req.BuiltBy.Pos(), req.BuiltBy.End(), c.newRequestFix(req.BuiltBy, ctx),
			"%s builds a request without a context, dropping %s: the request runs on after the caller has given up",
			calleeName(c.pass.TypesInfo, req.BuiltBy), ctx.text())
	case rc.Kind == httpmodel.CtxNone:
		var fix *analysis.SuggestedFix
		if req.Via == httpmodel.ViaNetHTTP {
			fix = c.helperFix(req, ctx, cur)
		}
		c.report(ctx, req.Call.Pos(), req.Call.End(), fix,
			"%s sends a request without a context, dropping %s: the request runs on after the caller has given up",
			calleeName(c.pass.TypesInfo, req.Call), ctx.text())
	case rc.Root == httpmodel.CtxBackground && rc.RootExpr != nil && rc.Kind != httpmodel.CtxDetached:
		root := rc.RootExpr
		var fix *analysis.SuggestedFix
		if c.nameable(ctx, root.Pos()) {
			fix = &analysis.SuggestedFix{
				Message:   "Pass " + ctx.text() + " instead",
				TextEdits: []analysis.TextEdit{{Pos: root.Pos(), End: root.End(), NewText: []byte(ctx.text())}},
			}
		}
		c.report(ctx, root.Pos(), root.End(), fix,
			"%s replaces %s for this request: it runs on after the caller has given up",
			calleeName(c.pass.TypesInfo, root), ctx.text())
	}
}

// report reports a drop of ctx, unless ctx is a parameter that every
// call gives a context nothing cancels: dropping it changes nothing. It
// tells whether the finding is shown.
func (c *checker) report(ctx context, pos, end token.Pos, fix *analysis.SuggestedFix, format string, args ...any) (reported bool) {
	if c.done[pos] {
		return false
	}
	c.done[pos] = true
	if !ctx.inbound && c.neverCancelled(ctx.v) {
		return false
	}
	if c.rep.Silenced(pos) {
		return false // a test file, a generated one, or an ignore directive
	}
	d := analysis.Diagnostic{Pos: pos, End: end, Category: Category, Message: fmt.Sprintf(format, args...)}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.rep.Report(d)
	return true
}

// takesContext reports whether fn has a context.Context or *http.Request
// parameter: its callers can give it their context, and the fact describes
// what it does with it.
func takesContext(fn *types.Func) bool {
	params := fn.Signature().Params()
	for i := 0; i < params.Len(); i++ {
		t := params.At(i).Type()
		if httpmodel.IsNamed(t, "context", "Context") || httpmodel.IsPointerTo(t, "net/http", "Request") {
			return true
		}
	}
	return false
}

// calleeName names a call's function as written: http.NewRequest, client.Get.
func calleeName(info *types.Info, e ast.Expr) string {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return types.ExprString(e)
	}
	fn := httpmodel.Callee(info, call)
	if fn == nil {
		return types.ExprString(call.Fun)
	}
	if fn.Signature().Recv() == nil && fn.Pkg() != nil {
		return fn.Pkg().Name() + "." + fn.Name()
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return types.ExprString(sel.X) + "." + fn.Name()
	}
	return fn.Name()
}

// nameable reports whether the context can be written at pos: its
// variable is not shadowed there.
func (c *checker) nameable(ctx context, pos token.Pos) bool {
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(ctx.v.Name(), pos)
	return obj == ctx.v
}

// newRequestFix turns http.NewRequest(m, u, b) into
// http.NewRequestWithContext(ctx, m, u, b).
func (c *checker) newRequestFix(call *ast.CallExpr, ctx context) *analysis.SuggestedFix {
	fn := c.model.Callee(call)
	if fn == nil || fn.Name() != "NewRequest" || len(call.Args) == 0 || !c.nameable(ctx, call.Pos()) {
		return nil
	}
	var name *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		name = f.Sel
	case *ast.Ident:
		name = f
	default:
		return nil
	}
	return &analysis.SuggestedFix{
		Message: "Use " + fn.Pkg().Name() + ".NewRequestWithContext with " + ctx.text(),
		TextEdits: []analysis.TextEdit{
			{Pos: name.Pos(), End: name.End(), NewText: []byte("NewRequestWithContext")},
			{Pos: call.Args[0].Pos(), End: call.Args[0].Pos(), NewText: []byte(ctx.text() + ", ")},
		},
	}
}

// helperFix rewrites
//
//	resp, err := http.Get(u)
//	if err != nil { ... }
//
// into a request built with the context, checked the same way, and sent
// with Do. Only Get and Head, whose requests have no body, and only where the
// result compiles without guessing: resp newly declared, the error check
// right after, and that check not mentioning resp.
func (c *checker) helperFix(req *httpmodel.Request, ctx context, cur inspector.Cursor) *analysis.SuggestedFix {
	method := map[string]string{"Get": "MethodGet", "Head": "MethodHead"}[req.Callee.Name()]
	if method == "" || len(req.Call.Args) != 1 || !c.nameable(ctx, req.Call.Pos()) {
		return nil
	}
	assign, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || assign.Tok != token.DEFINE || len(assign.Lhs) != 2 || len(assign.Rhs) != 1 || assign.Rhs[0] != req.Call {
		return nil
	}
	respID, ok1 := assign.Lhs[0].(*ast.Ident)
	errID, ok2 := assign.Lhs[1].(*ast.Ident)
	if !ok1 || !ok2 || c.pass.TypesInfo.Defs[respID] == nil {
		return nil
	}
	errObj := c.pass.TypesInfo.ObjectOf(errID)
	stmtCur := cur.Parent()
	next, ok := stmtCur.NextSibling()
	if !ok {
		return nil
	}
	check, ok := next.Node().(*ast.IfStmt)
	if !ok || check.Init != nil || !isErrNotNil(c.pass.TypesInfo, check.Cond, errObj) {
		return nil
	}
	respObj := c.pass.TypesInfo.Defs[respID]
	mentionsResp := false
	ast.Inspect(check, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == respObj {
			mentionsResp = true
		}
		return !mentionsResp
	})
	if mentionsResp {
		return nil
	}
	file := fixes.FileOf(c.pass, assign.Pos())
	if file == nil {
		return nil
	}
	httpQual, importEdits := fixes.AddImport(c.pass.TypesInfo, c.pass.Pkg, file, assign.Pos(), "net/http", "http")
	reqName := fixes.FreshName("req", func(name string) bool {
		scope := c.pass.Pkg.Scope().Innermost(assign.Pos())
		if scope == nil {
			return true
		}
		_, obj := scope.LookupParent(name, token.NoPos)
		return obj != nil || scope.Lookup(name) != nil
	})
	client := httpQual + "DefaultClient"
	if !req.Helper() {
		sel, ok := ast.Unparen(req.Call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		client = fixes.Source(c.pass, sel.X)
	}
	indent := fixes.Indent(c.pass, assign.Pos())
	text := fmt.Sprintf("%s, %s := %sNewRequestWithContext(%s, %s%s, %s, nil)\n%s%s\n%s%s, %s := %s.Do(%s)",
		reqName, errID.Name, httpQual, ctx.text(), httpQual, method, fixes.Source(c.pass, req.Call.Args[0]),
		indent, fixes.Source(c.pass, check),
		indent, respID.Name, errID.Name, client, reqName)
	edits := append([]analysis.TextEdit{{Pos: assign.Pos(), End: assign.End(), NewText: []byte(text)}}, importEdits...)
	return &analysis.SuggestedFix{Message: "Pass the request context", TextEdits: edits}
}

// isErrNotNil reports whether cond is `err != nil` for the given error.
func isErrNotNil(info *types.Info, cond ast.Expr, errObj types.Object) bool {
	bin, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || bin.Op != token.NEQ {
		return false
	}
	id, ok := ast.Unparen(bin.X).(*ast.Ident)
	if !ok || info.Uses[id] != errObj {
		return false
	}
	tv, ok := info.Types[bin.Y]
	return ok && tv.IsNil()
}

// paramKey names a parameter of a function declaration by position.
type paramKey struct {
	fn    *types.Func
	index int
}

// neverCancelled reports whether v, a context parameter of a function
// declaration, is given by every call of that function a context that
// nothing cancels: context.Background() or TODO(), WithValue of those,
// WithoutCancel, or a parameter of the caller that is never cancelled in
// turn (a CLI's main passing context.Background() down). Every call must
// be known: the function is unexported or in package main (no other
// package can call it), it is only ever called, never used as a value,
// and, for a method, no interface of the package has a method of its
// name. A function with no calls at all is not known to be calm.
func (c *checker) neverCancelled(v *types.Var) bool {
	if v == nil {
		return false
	}
	if fn, index, ok := c.paramOf(v); ok {
		return c.calmParam(paramKey{fn, index}, 0)
	}
	return false
}

// paramOf returns the function declaration v is a parameter of, and v's
// index. Function literals' parameters are not found: their callers are
// not known.
func (c *checker) paramOf(v *types.Var) (*types.Func, int, bool) {
	for _, f := range c.pass.Files {
		if v.Pos() < f.FileStart || f.FileEnd < v.Pos() {
			continue
		}
		for _, d := range f.Decls {
			decl, ok := d.(*ast.FuncDecl)
			if !ok || decl.Type.Params == nil || v.Pos() < decl.Type.Params.Pos() || decl.Type.Params.End() <= v.Pos() {
				continue
			}
			fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if !ok {
				return nil, 0, false
			}
			params := fn.Signature().Params()
			for i := 0; i < params.Len(); i++ {
				if params.At(i) == v {
					return fn, i, true
				}
			}
		}
	}
	return nil, 0, false
}

// calmParam reports whether every call of k.fn gives its parameter
// k.index a context nothing cancels. Calls form cycles (a container's
// update calls its children's update through an interface): a parameter
// whose search is in progress is assumed calm, so that a cycle is calm
// when every call entering it is. What a search proves under that
// assumption is kept only once the outermost parameter is proved calm; a
// parameter found not calm is not calm whatever was assumed.
func (c *checker) calmParam(k paramKey, depth int) bool {
	if calm, ok := c.calm[k]; ok {
		return calm
	}
	if calm, ok := c.pending[k]; ok {
		return calm // in progress (true), or proved under the assumption
	}
	outermost := c.pending == nil
	if outermost {
		c.pending = make(map[paramKey]bool)
	}
	c.pending[k] = true // while in progress
	calm := depth <= 8 && c.callersKnown(k.fn) && c.allCallsCalm(k, depth)
	if !calm {
		delete(c.pending, k)
		c.calm[k] = false
	} else {
		c.pending[k] = true
	}
	if outermost {
		if calm {
			for p := range c.pending {
				c.calm[p] = true
			}
		}
		c.pending = nil
	}
	return calm
}

// callersKnown reports whether every call of fn is in this package and
// visible as a call. An unexported method can be called only from here,
// directly or through the package's interfaces (their calls are then
// fn's calls too).
func (c *checker) callersKnown(fn *types.Func) bool {
	if fn.Pkg() != c.pass.Pkg || fn.Signature().Variadic() {
		return false
	}
	if fn.Signature().Recv() != nil {
		return !fn.Exported() || c.hiddenMethod(fn)
	}
	return !fn.Exported() || c.pass.Pkg.Name() == "main"
}

// hiddenMethod reports whether fn, an exported method, can still only be
// called from this package: its receiver's type is unexported and
// embedded in no struct of the package (which would promote the method),
// and no interface another package could call it through has a method of
// its name: neither an exported interface of this package nor one
// declared by any package this one imports, directly or not (a
// framework's Start(ctx) calling it with a context that is cancelled).
func (c *checker) hiddenMethod(fn *types.Func) bool {
	recv := types.Unalias(fn.Signature().Recv().Type())
	if p, ok := recv.(*types.Pointer); ok {
		recv = types.Unalias(p.Elem())
	}
	named, ok := recv.(*types.Named)
	if !ok || named.Obj().Exported() || named.Obj().Pkg() != c.pass.Pkg {
		return false
	}
	if c.exposed == nil {
		c.exposed = c.exposedMethodNames()
	}
	return !c.exposed[fn.Name()] && !c.exposed["embed "+named.Obj().Name()]
}

// exposedMethodNames returns the names of the methods of the interfaces
// of other packages this one imports and of its own exported interfaces,
// and, as "embed T", the package's types that some struct embeds.
func (c *checker) exposedMethodNames() map[string]bool {
	names := make(map[string]bool)
	addInterface := func(t types.Type) {
		if it, ok := t.Underlying().(*types.Interface); ok {
			for i := 0; i < it.NumMethods(); i++ {
				names[it.Method(i).Name()] = true
			}
		}
	}
	seen := make(map[*types.Package]bool)
	var visit func(pkg *types.Package)
	visit = func(pkg *types.Package) {
		if seen[pkg] {
			return
		}
		seen[pkg] = true
		scope := pkg.Scope()
		for _, name := range scope.Names() {
			if tn, ok := scope.Lookup(name).(*types.TypeName); ok && (pkg != c.pass.Pkg || tn.Exported()) {
				addInterface(tn.Type())
			}
		}
		for _, imp := range pkg.Imports() {
			visit(imp)
		}
	}
	visit(c.pass.Pkg)
	for _, tv := range c.pass.TypesInfo.Types {
		st, ok := tv.Type.Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for i := 0; i < st.NumFields(); i++ {
			if f := st.Field(i); f.Embedded() {
				t := types.Unalias(f.Type())
				if p, ok := t.(*types.Pointer); ok {
					t = types.Unalias(p.Elem())
				}
				if n, ok := t.(*types.Named); ok && n.Obj().Pkg() == c.pass.Pkg {
					names["embed "+n.Obj().Name()] = true
				}
			}
		}
	}
	return names
}

// interfaceMethods returns the methods named name of the package's
// interface types: a method of that name may be called through them.
func (c *checker) interfaceMethods(name string) []*types.Func {
	if c.ifaceMethods == nil {
		c.ifaceMethods = make(map[string][]*types.Func)
		seen := make(map[*types.Func]bool)
		for _, tv := range c.pass.TypesInfo.Types {
			if it, ok := tv.Type.Underlying().(*types.Interface); ok {
				for i := 0; i < it.NumMethods(); i++ {
					if m := it.Method(i); !seen[m] {
						seen[m] = true
						c.ifaceMethods[m.Name()] = append(c.ifaceMethods[m.Name()], m)
					}
				}
			}
		}
	}
	return c.ifaceMethods[name]
}

// allCallsCalm reports whether fn is called at least once, only ever
// called (never taken as a value), and every call gives parameter k.index
// a context nothing cancels.
func (c *checker) allCallsCalm(k paramKey, depth int) bool {
	uses := c.model.Uses(k.fn)
	if k.fn.Signature().Recv() != nil {
		for _, m := range c.interfaceMethods(k.fn.Name()) {
			uses = append(slices.Clip(uses), c.model.Uses(m)...)
		}
	}
	if len(uses) == 0 {
		return false
	}
	for _, id := range uses {
		cur, ok := c.model.Cursor(id)
		if !ok {
			return false
		}
		if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == id {
			cur = cur.Parent()
		}
		call, ok := cur.Parent().Node().(*ast.CallExpr)
		if !ok || ast.Unparen(call.Fun) != cur.Node() || call.Ellipsis.IsValid() || k.index >= len(call.Args) {
			return false
		}
		callCur, ok := c.model.Cursor(call)
		if !ok {
			return false
		}
		if !c.calmContext(c.model.ContextOf(call.Args[k.index], httpmodel.EnclosingFunc(callCur)), callCur, depth) {
			return false
		}
	}
	return true
}

// calmContext reports whether x, a context given at the call at cur, is
// one nothing cancels.
func (c *checker) calmContext(x httpmodel.Context, cur inspector.Cursor, depth int) bool {
	if x.Cancel {
		return false
	}
	switch x.Kind {
	case httpmodel.CtxBackground, httpmodel.CtxDetached:
		return true
	case httpmodel.CtxParam:
		if x.Param < 0 {
			return false // a function literal's parameter
		}
		for fc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
			fn, ok := c.pass.TypesInfo.Defs[fc.Node().(*ast.FuncDecl).Name].(*types.Func)
			return ok && c.calmParam(paramKey{fn, x.Param}, depth+1)
		}
	}
	return false
}

// siblingFix rewrites a call of a helper into a call of its context-taking
// sibling with ctx as the first argument: fetch(u) becomes
// fetchWithContext(ctx, u). Only when the sibling's parameters are the
// context followed by the helper's own, its results are the helper's, it
// can be called on the same receiver expression, and both names resolve
// where they are written.
func (c *checker) siblingFix(req *httpmodel.Request, sib *types.Func, ctx context) *analysis.SuggestedFix {
	call := req.Call
	fs, ss := req.Callee.Signature(), sib.Signature()
	if call.Ellipsis.IsValid() || !c.nameable(ctx, call.Pos()) || ss.Params().Len() != fs.Params().Len()+1 ||
		ss.Variadic() != fs.Variadic() || !httpmodel.IsNamed(ss.Params().At(0).Type(), "context", "Context") ||
		!types.Identical(ss.Results(), fs.Results()) {
		return nil
	}
	for i := 0; i < fs.Params().Len(); i++ {
		if !types.Identical(fs.Params().At(i).Type(), ss.Params().At(i+1).Type()) {
			return nil
		}
	}
	if fs.Recv() != nil {
		_, fptr := types.Unalias(fs.Recv().Type()).(*types.Pointer)
		_, sptr := types.Unalias(ss.Recv().Type()).(*types.Pointer)
		if sptr && !fptr {
			return nil // the receiver expression may not be addressable
		}
	}
	var name *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		name = f.Sel
	case *ast.Ident:
		name = f
		if scope := c.pass.Pkg.Scope().Innermost(f.Pos()); scope == nil {
			return nil
		} else if _, obj := scope.LookupParent(sib.Name(), f.Pos()); obj != sib {
			return nil
		}
	default:
		return nil
	}
	edits := []analysis.TextEdit{{Pos: name.Pos(), End: name.End(), NewText: []byte(sib.Name())}}
	if len(call.Args) == 0 {
		edits = append(edits, analysis.TextEdit{Pos: call.Rparen, End: call.Rparen, NewText: []byte(ctx.text())})
	} else {
		edits = append(edits, analysis.TextEdit{Pos: call.Args[0].Pos(), End: call.Args[0].Pos(), NewText: []byte(ctx.text() + ", ")})
	}
	return &analysis.SuggestedFix{Message: "Call " + sib.Name() + " with " + ctx.text(), TextEdits: edits}
}
