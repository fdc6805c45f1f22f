package ctxprop

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
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
	c := &checker{pass: pass, model: model, rep: report.New(pass, model), done: make(map[token.Pos]bool)}
	for _, req := range model.Requests {
		cur, ok := model.Cursor(req.Call)
		if !ok {
			continue
		}
		ctx, ok := c.availableContext(cur)
		if !ok {
			continue
		}
		c.check(req, ctx, cur)
	}
	return nil, nil
}

type checker struct {
	pass  *analysis.Pass
	model *httpmodel.Model
	rep   *report.Reporter
	done  map[token.Pos]bool // positions already reported (a request built once, sent twice)
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
// enclosing handler. Calls inside a go statement's function literal are
// deliberate background work and have none.
func (c *checker) availableContext(cur inspector.Cursor) (context, bool) {
	for fc := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		fn := fc.Node()
		if lit, ok := fn.(*ast.FuncLit); ok && startedByGo(fc, lit) {
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
		if _, ok := fn.(*ast.FuncLit); ok && c.storedForLater(fc, 0) {
			// A callback kept in a struct, a field or a result runs when
			// someone calls it, after the enclosing call has returned
			// and its context may have ended: it has none to pass on.
			return context{}, false
		}
	}
	return context{}, false
}

// storedForLater reports whether the value at cur (a function literal, or
// a local variable holding one) is kept beyond the enclosing call: an
// element of a composite literal, a result, or assigned to anything but a
// local variable (a field, a map entry, a package variable). A local
// variable is followed through its uses.
func (c *checker) storedForLater(cur inspector.Cursor, depth int) bool {
	if depth > 2 {
		return false
	}
	for {
		if _, ok := cur.Parent().Node().(*ast.ParenExpr); !ok {
			break
		}
		cur = cur.Parent()
	}
	switch p := cur.Parent().Node().(type) {
	case *ast.CompositeLit, *ast.ReturnStmt:
		return true
	case *ast.CallExpr:
		// append(hooks, func() {...}): kept where the slice is kept.
		if id, ok := ast.Unparen(p.Fun).(*ast.Ident); ok && cur.ParentEdgeKind() == edge.CallExpr_Args {
			if b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "append" {
				return c.storedForLater(cur.Parent(), depth+1)
			}
		}
	case *ast.KeyValueExpr:
		if _, ok := cur.Parent().Parent().Node().(*ast.CompositeLit); ok && cur.ParentEdgeKind() == edge.KeyValueExpr_Value {
			return true
		}
	case *ast.AssignStmt:
		if cur.ParentEdgeKind() != edge.AssignStmt_Rhs || len(p.Lhs) != len(p.Rhs) {
			return false
		}
		lhs := ast.Unparen(p.Lhs[cur.ParentEdgeIndex()])
		id, ok := lhs.(*ast.Ident)
		if !ok {
			return true // a field, a map or slice element, *p
		}
		v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
		if !ok || v.Parent() == c.pass.Pkg.Scope() {
			return ok
		}
		return c.varStored(v, depth)
	case *ast.ValueSpec:
		for i, val := range p.Values {
			if val == cur.Node() && i < len(p.Names) {
				if v, ok := c.pass.TypesInfo.Defs[p.Names[i]].(*types.Var); ok {
					if v.Parent() == c.pass.Pkg.Scope() {
						return true
					}
					return c.varStored(v, depth)
				}
			}
		}
	}
	return false
}

// varStored reports whether some use of the local variable v keeps its
// value beyond the enclosing call.
func (c *checker) varStored(v *types.Var, depth int) bool {
	for _, id := range c.model.Uses(v) {
		if cur, ok := c.model.Cursor(id); ok && c.storedForLater(cur, depth+1) {
			return true
		}
	}
	return false
}

// startedByGo reports whether lit is the function of a go statement: go func() { ... }().
func startedByGo(cur inspector.Cursor, lit *ast.FuncLit) bool {
	call, ok := cur.Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun != lit {
		return false
	}
	_, ok = cur.Parent().Parent().Node().(*ast.GoStmt)
	return ok
}

func (c *checker) check(req *httpmodel.Request, ctx context, cur inspector.Cursor) {
	rc := req.Context
	switch {
	case req.Via == httpmodel.ViaFact:
		// A helper that takes no context and sends without one: the context
		// is dropped here, at the outermost call that had one.
		if takesContext(req.Callee) || (rc.Root != httpmodel.CtxNone && rc.Root != httpmodel.CtxBackground) {
			return
		}
		c.report(req.Call.Pos(), req.Call.End(), nil,
			"%s sends a request without a context, dropping %s: the request runs on after the caller has given up; give %s a context parameter",
			req.Callee.Name(), ctx.text(), req.Callee.Name())
	case rc.Kind == httpmodel.CtxNone && req.BuiltBy != nil:
		c.report(req.BuiltBy.Pos(), req.BuiltBy.End(), c.newRequestFix(req.BuiltBy, ctx),
			"%s builds a request without a context, dropping %s: the request runs on after the caller has given up",
			calleeName(c.pass.TypesInfo, req.BuiltBy), ctx.text())
	case rc.Kind == httpmodel.CtxNone:
		var fix *analysis.SuggestedFix
		if req.Via == httpmodel.ViaNetHTTP {
			fix = c.helperFix(req, ctx, cur)
		}
		c.report(req.Call.Pos(), req.Call.End(), fix,
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
		c.report(root.Pos(), root.End(), fix,
			"%s replaces %s for this request: it runs on after the caller has given up",
			calleeName(c.pass.TypesInfo, root), ctx.text())
	}
}

func (c *checker) report(pos, end token.Pos, fix *analysis.SuggestedFix, format string, args ...any) {
	if c.done[pos] {
		return
	}
	c.done[pos] = true
	d := analysis.Diagnostic{Pos: pos, End: end, Category: Category, Message: fmt.Sprintf(format, args...)}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.rep.Report(d)
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
	fn := httpmodel.Callee(c.pass.TypesInfo, call)
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
