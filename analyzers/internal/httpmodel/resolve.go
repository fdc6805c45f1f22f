package httpmodel

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// maxDepth bounds the resolver's recursion through assignments and calls,
// so that cyclic assignments (x = f(x)) cannot loop.
const maxDepth = 10

// Import paths of the well-known clients the model understands.
const (
	retryablehttpPath = "github.com/hashicorp/go-retryablehttp"
	restyPath         = "github.com/go-resty/resty/v2"
)

// funcInfo places a function node: its outermost declaration gives the
// parameter indexes that facts speak of.
type funcInfo struct {
	node ast.Node      // *ast.FuncDecl or *ast.FuncLit
	decl *ast.FuncDecl // outermost declaration, or nil at package level
	// async reports a function literal that runs in a goroutine its
	// declaration starts (go func() { ... }(), or inside one): its calls
	// happen after, or beside, the call of the declaration, not in it.
	async bool
	// stored reports a function literal kept to be called later (or
	// inside one): its calls happen when someone calls it, not in the
	// call of the declaration.
	stored bool
}

type paramRef struct {
	decl  *ast.FuncDecl // nil for a function literal's parameter
	index int
}

// selAssign is an assignment to a field of a variable: c.Timeout = d.
type selAssign struct {
	field *types.Var
	value ast.Expr
	pos   token.Pos
}

// resolver answers questions about values inside the package.
type resolver struct {
	pass        *analysis.Pass
	info        *types.Info
	assigns     map[*types.Var][]Assignment
	selAssigns  map[types.Object][]selAssign
	params      map[*types.Var]paramRef
	funcs       map[ast.Node]*funcInfo
	enclosing   map[*ast.CallExpr]*funcInfo
	returns     map[*ast.FuncDecl][]*ast.ReturnStmt
	local       map[*types.Func]*FuncFact
	curDecl     *ast.FuncDecl
	open        []ast.Node                    // the recorded functions that enclose the node being recorded, innermost last
	decls       map[*types.Func]*ast.FuncDecl // this package's function declarations, built on first use
	goCalls     map[*ast.CallExpr]bool        // the calls of go statements: go f(x), go s.worker()
	goLits      map[*ast.FuncLit]bool         // function literals run apart: go func() { ... }(), time.AfterFunc(d, func() { ... })
	stored      map[*ast.FuncLit]bool         // function literals kept to be called later (see Model.StoredForLater)
	nilDefault  map[token.Pos]token.Pos       // the Pos of an assignment `if v == nil { v = d }` makes -> the if's start
	cancelOf    map[*ast.CallExpr]*types.Var  // c, cancel := context.WithX(...): the call -> cancel
	cancelLinks map[*types.Var][]ast.Expr     // a function variable -> the contexts whose end calls it (see cancel.go)

	// callees caches the callee of every call of the package, filled by
	// the model's traversal and read-only afterwards.
	callees map[*ast.CallExpr]*types.Func
	// While the model is built (and only then: afterwards the resolver is
	// shared by concurrent analyzers and must not change), imported caches
	// the facts imported for other packages' functions, and reads, when not
	// nil, collects the local facts a derivation consults.
	imported map[*types.Func]*FuncFact
	reads    *[]factRead
}

// factRead is a local fact consulted while deriving another: the function,
// and the fact it had then.
type factRead struct {
	fn   *types.Func
	fact *FuncFact
}

func newResolver(pass *analysis.Pass) *resolver {
	return &resolver{
		pass:        pass,
		info:        pass.TypesInfo,
		assigns:     make(map[*types.Var][]Assignment),
		selAssigns:  make(map[types.Object][]selAssign),
		params:      make(map[*types.Var]paramRef),
		funcs:       make(map[ast.Node]*funcInfo),
		enclosing:   make(map[*ast.CallExpr]*funcInfo),
		returns:     make(map[*ast.FuncDecl][]*ast.ReturnStmt),
		local:       make(map[*types.Func]*FuncFact),
		callees:     make(map[*ast.CallExpr]*types.Func),
		goCalls:     make(map[*ast.CallExpr]bool),
		goLits:      make(map[*ast.FuncLit]bool),
		stored:      make(map[*ast.FuncLit]bool),
		nilDefault:  make(map[token.Pos]token.Pos),
		cancelOf:    make(map[*ast.CallExpr]*types.Var),
		cancelLinks: make(map[*types.Var][]ast.Expr),
	}
}

// callee returns Callee(r.info, call), cached.
func (r *resolver) callee(call *ast.CallExpr) *types.Func {
	if fn, ok := r.callees[call]; ok {
		return fn
	}
	return Callee(r.info, call)
}

func (r *resolver) recordFunc(n ast.Node, ft *ast.FuncType) {
	outer := r.enclosingFunc(n)
	r.open = append(r.open, n)
	fi := &funcInfo{node: n}
	if d, ok := n.(*ast.FuncDecl); ok {
		r.curDecl = d
		fi.decl = d
	} else if r.curDecl != nil && astq.Within(n, r.curDecl) {
		fi.decl = r.curDecl
	}
	if lit, ok := n.(*ast.FuncLit); ok {
		fi.async = r.goLits[lit] || (outer != nil && r.funcs[outer].async)
		fi.stored = r.stored[lit] || (outer != nil && r.funcs[outer].stored)
	}
	r.funcs[n] = fi
	if ft.Params == nil {
		return
	}
	decl, _ := n.(*ast.FuncDecl)
	i := 0
	for _, field := range ft.Params.List {
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, name := range field.Names {
			if v, ok := r.info.Defs[name].(*types.Var); ok {
				r.params[v] = paramRef{decl: decl, index: i}
			}
			i++
		}
	}
}

// enclosingFunc returns the innermost recorded function containing n, or
// nil. The model records in preorder, so the functions still open are
// the candidates, and those that do not contain n are closed for good.
func (r *resolver) enclosingFunc(n ast.Node) ast.Node {
	for len(r.open) > 0 && !astq.Within(n, r.open[len(r.open)-1]) {
		r.open = r.open[:len(r.open)-1]
	}
	if len(r.open) == 0 {
		return nil
	}
	return r.open[len(r.open)-1]
}

func (r *resolver) recordEnclosing(cur inspector.Cursor) {
	call := cur.Node().(*ast.CallExpr)
	if fn := r.enclosingFunc(call); fn != nil {
		r.enclosing[call] = r.funcs[fn]
		return
	}
	r.enclosing[call] = &funcInfo{}
}

// recordGo notes a go statement's call, and its function when that is a
// literal. The traversal is in preorder: the go statement is recorded
// before the literal it runs.
func (r *resolver) recordGo(n *ast.GoStmt) {
	r.goCalls[n.Call] = true
	if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
		r.goLits[lit] = true
	}
}

// recordAfterFunc marks the function literal of time.AfterFunc(d, func()
// { ... }) as one that runs apart: the timer calls it in a goroutine of its
// own, after the caller has gone on.
func (r *resolver) recordAfterFunc(n *ast.CallExpr) {
	if len(n.Args) == 2 && IsFunc(r.callees[n], "time", "", "AfterFunc") {
		if lit, ok := ast.Unparen(n.Args[1]).(*ast.FuncLit); ok {
			r.goLits[lit] = true
		}
	}
}

// async reports whether call runs in a goroutine that its declaration
// starts: the call of a go statement, or a call inside a function literal
// a go statement runs. Arguments of a go statement's call are evaluated
// at once and are not async.
func (r *resolver) async(call *ast.CallExpr) bool {
	if r.goCalls[call] {
		return true
	}
	f := r.enclosing[call]
	return f != nil && f.async
}

func (r *resolver) recordReturn(cur inspector.Cursor) {
	ret := cur.Node().(*ast.ReturnStmt)
	if d, ok := r.enclosingFunc(ret).(*ast.FuncDecl); ok {
		r.returns[d] = append(r.returns[d], ret)
	}
}

// varOf returns the variable an assignment's left-hand side names, or nil.
func (r *resolver) varOf(e ast.Expr) *types.Var {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := r.info.Defs[e].(*types.Var); ok {
			return v
		}
		v, _ := r.info.Uses[e].(*types.Var)
		return v
	case *ast.SelectorExpr:
		v, _ := r.info.Uses[e.Sel].(*types.Var)
		return v
	}
	return nil
}

// baseObject returns the variable or field that x names: c in c.Timeout,
// the field client in s.client.Timeout.
func (r *resolver) baseObject(x ast.Expr) types.Object {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		return r.info.Uses[x]
	case *ast.SelectorExpr:
		if v, ok := r.info.Uses[x.Sel].(*types.Var); ok {
			return v
		}
	}
	return nil
}

func (r *resolver) add(v *types.Var, a Assignment) {
	if v != nil {
		r.assigns[v] = append(r.assigns[v], a)
	}
}

func (r *resolver) recordAssign(n *ast.AssignStmt) {
	if n.Tok != token.DEFINE && n.Tok != token.ASSIGN {
		for _, lhs := range n.Lhs {
			r.add(r.varOf(lhs), Assignment{Pos: n.End()})
		}
		return
	}
	r.recordCancelOf(n.Lhs, n.Rhs)
	for i, lhs := range n.Lhs {
		a := Assignment{Pos: n.End()}
		switch {
		case len(n.Lhs) == len(n.Rhs):
			a.Value = n.Rhs[i]
		case len(n.Rhs) == 1:
			a.Value, a.Index = n.Rhs[0], i
		}
		r.add(r.varOf(lhs), a)
		// c.Timeout = d: remember it against c.
		if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok {
			if f, ok := r.info.Uses[sel.Sel].(*types.Var); ok && f.IsField() {
				if base := r.baseObject(sel.X); base != nil {
					r.selAssigns[base] = append(r.selAssigns[base], selAssign{field: f, value: a.Value, pos: n.End()})
				}
			}
		}
	}
}

func (r *resolver) recordValueSpec(n *ast.ValueSpec) {
	if len(n.Names) == 2 {
		r.recordCancelOf([]ast.Expr{n.Names[0], n.Names[1]}, n.Values)
	}
	for i, name := range n.Names {
		v, _ := r.info.Defs[name].(*types.Var)
		a := Assignment{Pos: n.End()}
		switch {
		case len(n.Values) == 0:
			a.Zero = true
		case len(n.Values) == len(n.Names):
			a.Value = n.Values[i]
		case len(n.Values) == 1:
			a.Value, a.Index = n.Values[0], i
		}
		r.add(v, a)
	}
}

func (r *resolver) recordRange(n *ast.RangeStmt) {
	for _, e := range []ast.Expr{n.Key, n.Value} {
		if e != nil {
			r.add(r.varOf(e), Assignment{Pos: n.X.End()})
		}
	}
}

// recordCompositeLit records the keyed fields of struct literals as
// assignments to those fields, so that "every initialisation of this field"
// can be answered.
func (r *resolver) recordCompositeLit(n *ast.CompositeLit) {
	tv, ok := r.info.Types[n]
	if !ok {
		return
	}
	st, ok := tv.Type.Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, elt := range n.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				if f, ok := r.info.Uses[id].(*types.Var); ok && f.IsField() {
					r.add(f, Assignment{Value: kv.Value, Pos: kv.End()})
				}
			}
		} else if i < st.NumFields() {
			r.add(st.Field(i), Assignment{Value: elt, Pos: elt.End()})
		}
	}
}

// lastAssign returns the assignment to v that textually precedes pos most
// closely. Flow-insensitive, but right for the straight-line code that
// builds and sends requests.
// recordNilDefault records `if v == nil { v = d }`: a default for a value
// the caller did not give. It does not replace what the caller gave, so
// the value seen after it is the one before it (see valueAssign).
func (r *resolver) recordNilDefault(n *ast.IfStmt) {
	cond, ok := n.Cond.(*ast.BinaryExpr)
	if !ok || cond.Op != token.EQL || n.Init != nil || n.Else != nil || len(n.Body.List) != 1 {
		return
	}
	x, y := ast.Unparen(cond.X), ast.Unparen(cond.Y)
	if astq.IsNil(r.info, x) {
		x, y = y, x
	}
	id, ok := x.(*ast.Ident)
	if !ok || !astq.IsNil(r.info, y) {
		return
	}
	as, ok := n.Body.List[0].(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Tok != token.ASSIGN {
		return
	}
	lhs, ok := ast.Unparen(as.Lhs[0]).(*ast.Ident)
	if !ok || r.info.Uses[lhs] == nil || r.info.Uses[lhs] != r.info.Uses[id] {
		return
	}
	r.nilDefault[as.End()] = n.Pos()
}

// valueAssign is lastAssign for the value a variable carries from its
// caller: a nil default (`if ctx == nil { ctx = context.Background() }`)
// is skipped, since it only stands in for a value the caller did not give.
func (r *resolver) valueAssign(v *types.Var, pos token.Pos) (Assignment, bool) {
	a, ok := r.lastAssign(v, pos)
	for ok {
		ifPos, isDefault := r.nilDefault[a.Pos]
		if !isDefault {
			break
		}
		a, ok = r.lastAssign(v, ifPos)
	}
	return a, ok
}

func (r *resolver) lastAssign(v *types.Var, pos token.Pos) (Assignment, bool) {
	var best Assignment
	found := false
	for _, a := range r.assigns[v] {
		if a.Pos < pos && (!found || a.Pos > best.Pos) {
			best, found = a, true
		}
	}
	return best, found
}

// paramIndex reports whether v is a parameter, and its index when it is a
// parameter of f's outermost declaration (else -1).
func (r *resolver) paramIndex(v *types.Var, f *funcInfo) (int, bool) {
	p, ok := r.params[v]
	if !ok {
		return -1, false
	}
	if p.decl != nil && f != nil && p.decl == f.decl {
		return p.index, true
	}
	return -1, true
}

func (r *resolver) funcOf(n ast.Node) *funcInfo {
	if fi, ok := r.funcs[n]; ok {
		return fi
	}
	return &funcInfo{node: n}
}

func (r *resolver) factOf(fn *types.Func) *FuncFact {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() == r.pass.Pkg {
		fact := r.local[fn]
		if r.reads != nil {
			*r.reads = append(*r.reads, factRead{fn, fact})
		}
		return fact
	}
	if fact, ok := r.imported[fn]; ok {
		return fact
	}
	fact := new(FuncFact)
	if !r.pass.ImportObjectFact(fn, fact) {
		fact = nil
	}
	if r.imported != nil {
		r.imported[fn] = fact
	}
	return fact
}

// reqInfo is what is known of a request value inside a function.
type reqInfo struct {
	fromParam   int // the request is this parameter of the declaration (-1: no)
	method      string
	methodParam int
	ctx         Context
	inheritCtx  bool          // the context is the one of the fromParam request
	builtBy     *ast.CallExpr // the http.NewRequest call that built it, when visible
}

func unknownReq() reqInfo {
	return reqInfo{fromParam: -1, methodParam: -1, ctx: Context{Param: -1}}
}

func (ri reqInfo) desc() ReqDesc {
	d := ReqDesc{
		FromParam: ri.fromParam, Method: ri.method, MethodParam: ri.methodParam,
		Context: ri.ctx.Kind, ContextParam: -1, InheritContext: ri.inheritCtx,
	}
	if d.Context == CtxParam {
		if ri.ctx.Param >= 0 {
			d.ContextParam = ri.ctx.Param
		} else {
			d.Context = CtxUnknown // a closure's parameter: no caller can supply it
		}
	}
	return d
}

// request resolves an *http.Request expression inside f.
func (r *resolver) request(e ast.Expr, f *funcInfo, depth int) reqInfo {
	ri := unknownReq()
	if e == nil || depth > maxDepth {
		return ri
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := r.info.Uses[e].(*types.Var)
		if !ok {
			return ri
		}
		a, assigned := r.lastAssign(v, e.Pos())
		if !assigned {
			if idx, isParam := r.paramIndex(v, f); isParam && idx >= 0 {
				ri.fromParam, ri.inheritCtx = idx, true
			}
			return ri
		}
		if a.Value == nil {
			return ri
		}
		if call, ok := ast.Unparen(a.Value).(*ast.CallExpr); ok {
			ri = r.requestCall(call, a.Index, f, depth+1)
		} else {
			ri = r.request(a.Value, f, depth+1)
		}
		// req.Request = req.Request.WithContext(ctx) on a wrapping request
		// (go-retryablehttp's) changes the context behind the model's back.
		for _, s := range r.selAssigns[v] {
			if s.field.Name() == "Request" && a.Pos <= s.pos && s.pos < e.Pos() {
				ri.ctx, ri.inheritCtx, ri.builtBy = Context{Param: -1}, false, nil
			}
		}
		return ri
	case *ast.CallExpr:
		return r.requestCall(e, 0, f, depth+1)
	}
	return ri
}

// requestCall resolves result index of call as a request.
func (r *resolver) requestCall(call *ast.CallExpr, index int, f *funcInfo, depth int) reqInfo {
	ri := unknownReq()
	fn := r.callee(call)
	if fn == nil || depth > maxDepth {
		return ri
	}
	args := call.Args
	switch {
	case index == 0 && len(args) >= 1 && (IsFunc(fn, "net/http", "", "NewRequest") || IsFunc(fn, retryablehttpPath, "", "NewRequest")):
		r.methodArg(&ri, args[0], f)
		ri.ctx = rooted(Context{Kind: CtxNone, Param: -1})
		ri.builtBy = call
		return ri
	case index == 0 && len(args) >= 2 && (IsFunc(fn, "net/http", "", "NewRequestWithContext") || IsFunc(fn, retryablehttpPath, "", "NewRequestWithContext")):
		r.methodArg(&ri, args[1], f)
		ri.ctx = r.context(args[0], f, depth)
		ri.builtBy = call
		return ri
	case index == 0 && len(args) == 1 && (IsFunc(fn, "net/http", "Request", "WithContext") || IsFunc(fn, "net/http", "Request", "Clone") ||
		IsFunc(fn, retryablehttpPath, "Request", "WithContext")):
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			ri = r.request(sel.X, f, depth)
		}
		ri.ctx, ri.inheritCtx, ri.builtBy = r.context(args[0], f, depth), false, nil
		return ri
	case index == 0 && len(args) == 1 && IsFunc(fn, retryablehttpPath, "", "FromRequest"):
		return r.request(args[0], f, depth)
	}
	if fact := r.factOf(fn); fact != nil && fact.Builds && fact.BuiltResult == index {
		return r.apply(fact.Built, call, f, depth)
	}
	return ri
}

// methodArg sets ri's method from an argument: a constant, or a parameter.
func (r *resolver) methodArg(ri *reqInfo, arg ast.Expr, f *funcInfo) {
	if tv, ok := r.info.Types[arg]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		ri.method = constant.StringVal(tv.Value)
		if ri.method == "" {
			ri.method = "GET" // net/http's rule for an empty method
		}
		return
	}
	if id, ok := ast.Unparen(arg).(*ast.Ident); ok {
		if v, ok := r.info.Uses[id].(*types.Var); ok {
			if idx, isParam := r.paramIndex(v, f); isParam && idx >= 0 {
				ri.methodParam = idx
			}
		}
	}
}

// apply instantiates a fact's request description with a call's arguments.
func (r *resolver) apply(d ReqDesc, call *ast.CallExpr, f *funcInfo, depth int) reqInfo {
	ri := unknownReq()
	args := call.Args
	arg := func(i int) ast.Expr {
		if i >= 0 && i < len(args) {
			return args[i]
		}
		return nil
	}
	if d.FromParam >= 0 {
		if a := arg(d.FromParam); a != nil {
			ri = r.request(a, f, depth+1)
		}
	}
	ri.builtBy = nil
	switch {
	case d.Method != "":
		ri.method, ri.methodParam, ri.fromParam = d.Method, -1, -1
	case d.MethodParam >= 0:
		ri.method, ri.methodParam = "", -1
		if a := arg(d.MethodParam); a != nil {
			r.methodArg(&ri, a, f)
		}
	}
	if !(d.FromParam >= 0 && d.InheritContext) {
		ri.inheritCtx = false
		switch d.Context {
		case CtxParam:
			ri.ctx = r.context(arg(d.ContextParam), f, depth+1)
		case CtxUnknown:
			ri.ctx = Context{Param: -1}
		default:
			ri.ctx = rooted(Context{Kind: d.Context, Param: -1})
		}
	}
	if d.Method != "" || d.MethodParam >= 0 {
		// Method known without the parameter request: it is not simply passed through.
		if d.FromParam < 0 {
			ri.fromParam = -1
		}
	}
	return ri
}

// send describes the request sent by call, or reports false if call sends none.
func (r *resolver) send(call *ast.CallExpr, f *funcInfo, depth int) (fn *types.Func, via Via, ri reqInfo, cl Client, ok bool) {
	fn = r.callee(call)
	if fn == nil {
		return nil, 0, ri, cl, false
	}
	ri = unknownReq()
	recvExpr := func() ast.Expr {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			return sel.X
		}
		return nil
	}
	noCtx := rooted(Context{Kind: CtxNone, Param: -1})
	helperMethod := map[string]string{"Get": "GET", "Head": "HEAD", "Post": "POST", "PostForm": "POST"}
	pkg := ""
	if fn.Pkg() != nil {
		pkg = fn.Pkg().Path()
	}
	switch pkg {
	case "net/http":
		switch {
		case fn.Signature().Recv() == nil && helperMethod[fn.Name()] != "":
			ri.method, ri.ctx = helperMethod[fn.Name()], noCtx
			return fn, ViaNetHTTP, ri, Client{Kind: ClientDefault}, true
		case IsFunc(fn, "net/http", "Client", fn.Name()) && helperMethod[fn.Name()] != "":
			ri.method, ri.ctx = helperMethod[fn.Name()], noCtx
			return fn, ViaNetHTTP, ri, r.client(recvExpr(), f, depth), true
		case IsFunc(fn, "net/http", "Client", "Do") && len(call.Args) == 1:
			return fn, ViaNetHTTP, r.request(call.Args[0], f, depth), r.client(recvExpr(), f, depth), true
		case (IsFunc(fn, "net/http", "Transport", "RoundTrip") || IsFunc(fn, "net/http", "RoundTripper", "RoundTrip")) && len(call.Args) == 1:
			return fn, ViaNetHTTP, r.request(call.Args[0], f, depth), Client{Kind: ClientTransport, Expr: recvExpr()}, true
		}
	case retryablehttpPath:
		cl := Client{Kind: ClientWellKnown, Expr: recvExpr()}
		switch {
		case IsFunc(fn, pkg, "Client", fn.Name()) && helperMethod[fn.Name()] != "":
			ri.method, ri.ctx = helperMethod[fn.Name()], noCtx
			return fn, ViaWellKnown, ri, cl, true
		case fn.Signature().Recv() == nil && helperMethod[fn.Name()] != "":
			ri.method, ri.ctx = helperMethod[fn.Name()], noCtx
			return fn, ViaWellKnown, ri, cl, true
		case IsFunc(fn, pkg, "Client", "Do") && len(call.Args) == 1:
			return fn, ViaWellKnown, r.request(call.Args[0], f, depth), cl, true
		}
	case restyPath:
		restyMethods := map[string]string{"Get": "GET", "Post": "POST", "Put": "PUT", "Patch": "PATCH",
			"Delete": "DELETE", "Head": "HEAD", "Options": "OPTIONS"}
		cl := Client{Kind: ClientWellKnown, Expr: recvExpr()}
		switch {
		case IsFunc(fn, pkg, "Request", fn.Name()) && restyMethods[fn.Name()] != "":
			ri.method = restyMethods[fn.Name()]
			ri.ctx = r.restyContext(recvExpr(), f, depth)
			return fn, ViaWellKnown, ri, cl, true
		case IsFunc(fn, pkg, "Request", "Execute") && len(call.Args) == 2:
			r.methodArg(&ri, call.Args[0], f)
			ri.ctx = r.restyContext(recvExpr(), f, depth)
			return fn, ViaWellKnown, ri, cl, true
		}
	}
	if fact := r.factOf(fn); fact != nil && fact.Sends {
		return fn, ViaFact, r.apply(fact.Sent, call, f, depth), Client{}, true
	}
	return nil, 0, ri, cl, false
}

// restyContext follows a resty request chain, client.R().SetContext(ctx).Get(...),
// back to its SetContext call. A chain from R() without one has no context.
func (r *resolver) restyContext(e ast.Expr, f *funcInfo, depth int) Context {
	for i := 0; e != nil && i < maxDepth; i++ {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			break
		}
		fn := r.callee(call)
		switch {
		case IsFunc(fn, restyPath, "Request", "SetContext") && len(call.Args) == 1:
			return r.context(call.Args[0], f, depth)
		case IsFunc(fn, restyPath, "Client", "R") || IsFunc(fn, restyPath, "Client", "NewRequest"):
			return rooted(Context{Kind: CtxNone, Param: -1})
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			break
		}
		e = sel.X
	}
	return Context{Param: -1}
}

// request builds the model's Request for a call, or nil.
func (r *resolver) requestOf(call *ast.CallExpr) *Request {
	f := r.enclosing[call]
	if f == nil {
		f = &funcInfo{}
	}
	fn, via, ri, cl, ok := r.send(call, f, 0)
	if !ok {
		return nil
	}
	lazy := false
	if via == ViaFact {
		if fact := r.factOf(fn); fact != nil && fact.Lazy {
			lazy = true
		}
	}
	return &Request{
		Call: call, Callee: fn, Via: via,
		Method: ri.method, Context: ri.ctx, Client: cl, BuiltBy: ri.builtBy,
		Func: f.node, Decl: f.decl, Lazy: lazy, Go: r.async(call), desc: ri.desc(),
	}
}

// deriveFact computes the fact of a declared function from the calls in its
// body and its return statements.
func (r *resolver) deriveFact(decl *ast.FuncDecl, fn *types.Func, calls []*ast.CallExpr) *FuncFact {
	fact := &FuncFact{Sent: noDesc(), Built: noDesc()}
	var guards *lazyGuards
	lazy := true
	sealed := true // every context-less send so far is one nothing in this module can fix
	for _, call := range calls {
		f := r.enclosing[call]
		if f == nil || r.async(call) || f.stored {
			// A goroutine the function starts sends on its own time, and a
			// callback it keeps sends when someone calls it: the function's
			// caller does not wait for either and is not their sender.
			continue
		}
		callee, via, ri, _, ok := r.send(call, f, 0)
		if !ok {
			continue
		}
		if ri.ctx.Kind == CtxNone && !r.sealedSend(callee, via) {
			sealed = false
		}
		if lazy {
			if guards == nil {
				guards = r.lazyGuardsOf(decl)
			}
			lazy = guards.guarded(call) || (via == ViaFact && r.factOf(callee).Lazy)
		}
		if !fact.Sends {
			fact.Sends, fact.Sent = true, ri.desc()
		} else {
			fact.Sent = fact.Sent.merge(ri.desc())
		}
	}
	fact.Lazy = fact.Sends && lazy
	fact.Sealed = fact.Sends && fact.Sent.Context == CtxNone && sealed
	results := fn.Signature().Results()
	idx := -1
	for i := 0; i < results.Len(); i++ {
		t := results.At(i).Type()
		if IsPointerTo(t, "net/http", "Request") || IsPointerTo(t, retryablehttpPath, "Request") {
			idx = i
			break
		}
	}
	if idx < 0 {
		return fact
	}
	f := r.funcs[decl]
	for _, ret := range r.returns[decl] {
		var ri reqInfo
		switch {
		case len(ret.Results) == results.Len():
			e := ret.Results[idx]
			if id, ok := ast.Unparen(e).(*ast.Ident); ok && r.info.Uses[id] == types.Universe.Lookup("nil") {
				continue
			}
			ri = r.request(e, f, 0)
		case len(ret.Results) == 1:
			call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr)
			if !ok {
				continue
			}
			ri = r.requestCall(call, idx, f, 0)
		default:
			continue // naked return: not followed
		}
		if !fact.Builds {
			fact.Builds, fact.Built, fact.BuiltResult = true, ri.desc(), idx
		} else {
			fact.Built = fact.Built.merge(ri.desc())
		}
	}
	if fact.Builds && fact.Built == noDesc() {
		fact.Builds, fact.BuiltResult = false, 0 // nothing known worth telling callers
	}
	return fact
}
