package statuscheck

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/report"
)

// Analyzer reports responses whose error or status is never checked.
var Analyzer = &analysis.Analyzer{
	Name:      "statuscheck",
	Doc:       analyzerdoc.Doc(doc, "statuscheck"),
	URL:       analyzerdoc.URL("statuscheck"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, httpmodel.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(statusFact)},
}

// Categories of the diagnostics.
const (
	categoryIgnoredError    = "ignored-error"
	categoryUncheckedStatus = "unchecked-status"
)

// statusFact is exported for a function that examines the status of an
// *http.Response: of one of its parameters (a CheckResponse(resp) helper),
// or of the response it obtains from a request and returns. Facts are
// gob-encoded by go vet: fields stay exported and basic.
type statusFact struct {
	// Params has bit i set when the function examines the status of its
	// response parameter i (receiver excluded), or hands it on to code that
	// may (unknown means checked).
	Params uint64
	// Returns reports that the function sends a request, examines the status
	// of the response, and returns a response.
	Returns bool
	// NilSafe has bit i set when the function compares its response
	// parameter i with nil: given the response of a failed request, it
	// handles the failure (Docker's ensureReaderClosed).
	NilSafe uint64
}

// AFact marks statusFact as an analysis fact.
func (*statusFact) AFact() {}

func (f *statusFact) String() string {
	var parts []string
	for i := 0; i < 64; i++ {
		if f.Params&(1<<i) != 0 {
			parts = append(parts, fmt.Sprintf("checks param%d", i))
		}
	}
	if f.Returns {
		parts = append(parts, "checks result")
	}
	for i := 0; i < 64; i++ {
		if f.NilSafe&(1<<i) != 0 {
			parts = append(parts, fmt.Sprintf("nil-safe param%d", i))
		}
	}
	return strings.Join(parts, " ")
}

func run(pass *analysis.Pass) (any, error) {
	model := pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model)
	if !model.HTTP {
		// Nothing here can see a response. The model also skips the
		// standard library: net/http examines statuses internally
		// (redirects), and facts about it would make every call look checked.
		return nil, nil
	}

	// Fast path: no request is sent here, and no function takes or returns
	// a response (so none deserves a fact).
	var decls []*ast.FuncDecl
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && handlesResponse(pass.TypesInfo, fd) {
				decls = append(decls, fd)
			}
		}
	}
	if len(model.Requests) == 0 && len(decls) == 0 {
		return nil, nil
	}

	c := &checker{
		pass:     pass,
		model:    model,
		rep:      report.New(pass, model),
		uses:     make(map[*types.Var][]inspector.Cursor),
		indexed:  make(map[*ast.FuncDecl]bool),
		soleFunc: make(map[*types.Var]ast.Node),
		naked:    make(map[ast.Node][]token.Pos),
		dataUses: make(map[*types.Var][]token.Pos),
		src:      make(map[string][]byte),

		unsafeZero: make(map[ast.Node]bool),
		errDecode:  make(map[ast.Node]bool),
		zeroConst:  make(map[*types.Named]bool),
		local:      make(map[*types.Func]*statusFact),
		requests:   make(map[*ast.FuncDecl][]*httpmodel.Request),
	}
	for _, req := range model.Requests {
		if req.Decl != nil {
			c.requests[req.Decl] = append(c.requests[req.Decl], req)
		}
	}

	c.computeFacts(decls)
	for _, req := range model.Requests {
		b := c.bind(req)
		if b == nil {
			continue
		}
		c.checkError(req, b)
		c.checkStatus(req, b)
	}
	return nil, nil
}

// checker holds what run computes for one package. Everything a request's
// check asks about a variable or a function is computed once and kept
// (sorted by position, searched by bisection): a function with thousands of
// requests sharing one response variable must cost time linear in its size.
type checker struct {
	pass     *analysis.Pass
	model    *httpmodel.Model
	rep      *report.Reporter
	uses     map[*types.Var][]inspector.Cursor // uses of variables, by usesOf
	indexed  map[*ast.FuncDecl]bool            // declarations whose local uses are in uses
	soleFunc map[*types.Var]ast.Node           // the one function all uses of a variable are in, nil if several
	naked    map[ast.Node][]token.Pos          // positions of a function's naked returns, by nakedReturn
	dataUses map[*types.Var][]token.Pos        // uses of a buffer that return or decode its data, by dataUsesOf
	src      map[string][]byte                 // file contents, by fileSource
	// Fix-safety answers, per function or per type.
	unsafeZero map[ast.Node]bool
	errDecode  map[ast.Node]bool
	zeroConst  map[*types.Named]bool
	local      map[*types.Func]*statusFact
	requests   map[*ast.FuncDecl][]*httpmodel.Request
}

// usesOf returns the cursors of the uses of v, in source order. The uses
// of a variable local to a function declaration are all in it: each
// declaration is indexed once, when first needed. Those of other variables
// come from the model's index.
func (c *checker) usesOf(v *types.Var) []inspector.Cursor {
	if us, ok := c.uses[v]; ok {
		return us
	}
	if decl := c.declaring(v); decl != nil {
		if cur, ok := c.model.Cursor(decl); ok && !c.indexed[decl] {
			c.indexed[decl] = true
			for id := range cur.Preorder((*ast.Ident)(nil)) {
				u, ok := c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)].(*types.Var)
				if ok && decl.Pos() <= u.Pos() && u.Pos() < decl.End() {
					c.uses[u] = append(c.uses[u], id)
				}
			}
		}
		if c.indexed[decl] {
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

// declaring returns the function declaration a local variable (or
// parameter) belongs to, or nil.
func (c *checker) declaring(v *types.Var) *ast.FuncDecl {
	if v.IsField() || v.Pkg() != c.pass.Pkg || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	file := c.fileOf(v.Pos())
	if file == nil {
		return nil
	}
	i := sort.Search(len(file.Decls), func(i int) bool { return file.Decls[i].End() > v.Pos() })
	if i < len(file.Decls) {
		if d, ok := file.Decls[i].(*ast.FuncDecl); ok && d.Pos() <= v.Pos() {
			return d
		}
	}
	return nil
}

// binding is the statement that receives the results of a request call:
// resp, err := call (or =), or var resp, err = call.
type binding struct {
	cur     inspector.Cursor // the statement
	stmt    ast.Stmt
	assign  *ast.AssignStmt // nil for a var declaration
	respExp ast.Expr
	errExp  ast.Expr
	respVar *types.Var
	errVar  *types.Var // nil when the error is discarded with _
	fn      ast.Node   // innermost enclosing function
	end     token.Pos  // end of the region where resp holds this response
}

// bind finds the statement receiving the results of req, or nil when they
// are not received in a response variable and an error.
func (c *checker) bind(req *httpmodel.Request) *binding {
	cur, ok := c.model.Cursor(req.Call)
	if !ok || req.Func == nil {
		return nil
	}
	tuple, ok := c.pass.TypesInfo.TypeOf(req.Call).(*types.Tuple)
	if !ok || tuple.Len() < 2 || !fixes.IsError(tuple.At(tuple.Len()-1).Type()) {
		return nil
	}
	errIdx, respIdx := tuple.Len()-1, -1
	for i := 0; i < errIdx; i++ {
		if isResponse(tuple.At(i).Type()) {
			respIdx = i
			break
		}
	}
	if respIdx < 0 {
		return nil
	}
	b := &binding{fn: req.Func}
	var lhs []ast.Expr
	parent := cur.Parent()
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if cur.ParentEdgeKind() != edge.AssignStmt_Rhs || len(p.Rhs) != 1 || len(p.Lhs) != tuple.Len() {
			return nil
		}
		b.cur, b.stmt, b.assign, lhs = parent, p, p, p.Lhs
	case *ast.ValueSpec:
		if len(p.Values) != 1 || len(p.Names) != tuple.Len() {
			return nil
		}
		declStmt := parent.Parent().Parent()
		ds, ok := declStmt.Node().(*ast.DeclStmt)
		if !ok {
			return nil // package-level declaration
		}
		b.cur, b.stmt = declStmt, ds
		for _, n := range p.Names {
			lhs = append(lhs, n)
		}
	default:
		return nil
	}
	b.respExp, b.errExp = lhs[respIdx], lhs[errIdx]
	b.respVar, b.errVar = c.varOf(b.respExp), c.varOf(b.errExp)
	if b.respVar == nil {
		return nil // the response is dropped: not this analyzer's concern
	}
	b.end = req.Func.End()
	// Assignments take effect at the end of their statement (before it, in
	// older models): either way, later than b's own. They are in source
	// order: the first one past the statement ends the region.
	as := c.model.AssignmentsOf(b.respVar)
	i := sort.Search(len(as), func(i int) bool { return as[i].Pos > b.stmt.End() })
	if i < len(as) && as[i].Pos < b.end {
		b.end = as[i].Pos
	}
	return b
}

// after returns the uses of v in b's region: after its statement, before
// the response variable is assigned again or the function ends.
func (c *checker) after(v *types.Var, b *binding) []inspector.Cursor {
	return between(c.usesOf(v), b.stmt.End(), b.end)
}

// usedOnlyIn returns the function (declaration or literal) that holds
// every use of v, or nil when its uses are spread over several (captured by
// a closure). It is computed once per variable.
func (c *checker) usedOnlyIn(v *types.Var) ast.Node {
	if fn, ok := c.soleFunc[v]; ok {
		return fn
	}
	var fn ast.Node
	for i, u := range c.usesOf(v) {
		f := httpmodel.EnclosingFunc(u)
		if i == 0 {
			fn = f
		} else if f != fn {
			fn = nil
			break
		}
	}
	c.soleFunc[v] = fn
	return fn
}

// between returns the uses, in source order, that start strictly after
// from and before to.
func between(us []inspector.Cursor, from, to token.Pos) []inspector.Cursor {
	i := sort.Search(len(us), func(i int) bool { return us[i].Node().Pos() > from })
	j := sort.Search(len(us), func(j int) bool { return us[j].Node().Pos() >= to })
	if i >= j {
		return nil
	}
	return us[i:j]
}

// checkError reports a request whose error is discarded while its response is used.
func (c *checker) checkError(req *httpmodel.Request, b *binding) {
	blank := isBlank(b.errExp)
	if !blank && (b.errVar == nil || !c.unread(b)) {
		return
	}
	used := false
	for _, u := range c.after(b.respVar, b) {
		switch k, _ := c.classify(u); k {
		case useCompare:
			return // resp == nil: the failure is handled through the response
		case useWrite:
		case useOther:
			if c.nilSafeArg(u) {
				return // handed to a function that compares it with nil
			}
			used = true
		default:
			used = true
		}
	}
	if !used {
		return
	}
	d := analysis.Diagnostic{
		Pos:      req.Call.Pos(),
		End:      req.Call.End(),
		Category: categoryIgnoredError,
		Message: fmt.Sprintf("error returned by %s is not checked: when the request fails (connection refused, timeout) %s is nil and using it panics",
			calleeName(req.Callee), b.respVar.Name()),
	}
	if fix, ok := c.errorFix(req, b, blank); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.rep.Report(d)
}

// unread reports whether the error variable of b is never read before it
// is overwritten. Only plain cases are claimed: a local variable that no
// closure captures, with no later use at all, or overwritten by a later
// statement of the same block before any read.
func (c *checker) unread(b *binding) bool {
	v := b.errVar
	body := funcBody(b.fn)
	if body == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return false // a parameter, a named result (read by return), or not local
	}
	uses := c.usesOf(v)
	if len(uses) > 0 && c.usedOnlyIn(v) != b.fn {
		return false // captured by a closure
	}
	later := between(uses, b.stmt.End(), b.fn.End())
	if len(later) == 0 {
		// In a loop, a use before the statement reads the previous iteration's error.
		for l := range b.cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
			loop := l.Node()
			if _, ok := loop.(*ast.FuncLit); ok {
				break
			}
			if _, ok := loop.(*ast.FuncDecl); ok {
				break
			}
			if v.Pos() < loop.Pos() && len(between(uses, loop.Pos()-1, b.stmt.Pos())) > 0 {
				return false
			}
		}
		return true
	}
	return c.overwrittenFirst(later, b)
}

// overwrittenFirst reports whether the first of the later uses of a
// variable is an assignment to it, in a later statement of the block of b's
// statement, that does not read it: the value it held is never read.
func (c *checker) overwrittenFirst(later []inspector.Cursor, b *binding) bool {
	first := later[0]
	as, ok := first.Parent().Node().(*ast.AssignStmt)
	if !ok || first.ParentEdgeKind() != edge.AssignStmt_Lhs || (as.Tok != token.ASSIGN && as.Tok != token.DEFINE) {
		return false
	}
	if first.Parent().Parent() != b.cur.Parent() {
		return false // overwritten in a nested block: not on every path
	}
	for _, u := range later[1:] {
		if u.Node().Pos() >= as.End() {
			break
		}
		return false // the overwriting statement reads it
	}
	return true
}

// checkStatus reports a response body consumed as data while the status of
// the response is never examined.
func (c *checker) checkStatus(req *httpmodel.Request, b *binding) {
	body := funcBody(b.fn)
	if body == nil || b.respVar.Pos() < body.Pos() || b.respVar.Pos() >= body.End() {
		return // not a local variable: the response leaves the function
	}
	if f := c.factOf(req.Callee); req.Via == httpmodel.ViaFact && f != nil && f.Returns {
		return // the wrapper examined the status before returning the response
	}
	var consumer ast.Node
	for _, u := range c.after(b.respVar, b) {
		switch k, sel := c.classify(u); k {
		case useStatus, useEscape, useReturn:
			return
		case useBody:
			if consumer == nil {
				consumer = c.consumer(sel)
			}
		}
	}
	if consumer == nil {
		return
	}
	if c.statusInBody(consumer) {
		return // the API says success in the body, and the code looks there first
	}
	what := "body of the response from " + calleeName(req.Callee) + " is read"
	if _, ok := consumer.(*ast.SelectorExpr); ok {
		what = b.respVar.Name() + ".Body from " + calleeName(req.Callee) + " is returned"
	}
	d := analysis.Diagnostic{
		Pos:      consumer.Pos(),
		End:      consumer.End(),
		Category: categoryUncheckedStatus,
		Message: fmt.Sprintf("%s without checking %s.StatusCode: an error status (404, 503) comes with a nil error, and its error page is taken for data",
			what, b.respVar.Name()),
	}
	if fix, ok := c.statusFix(b); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.rep.Report(d)
}

// statusInBody reports whether the body read by consumer is decoded into
// a value whose status the code examines before it uses the data: APIs
// that answer {"ok": false, "error": "..."} with any status put their
// failure in the body. The value is checked when its first use after the
// decoding is a condition of an if statement, reading a field of it of a
// status-like type (a boolean, a string, a number, a pointer or an
// interface: not a slice or a map, which are data), whose body leaves the
// function.
func (c *checker) statusInBody(consumer ast.Node) bool {
	call, ok := consumer.(*ast.CallExpr)
	if !ok {
		return false
	}
	cur, ok := c.model.Cursor(call)
	if !ok {
		return false
	}
	for _, t := range c.decodeTargets(cur) {
		if c.checkedFirst(t.v, t.call) {
			return true
		}
	}
	return false
}

// decodeTarget is a variable a body is decoded into, by call.
type decodeTarget struct {
	v    *types.Var
	call *ast.CallExpr
}

// decodeTargets returns the variables the body read by the consumer at cur
// is decoded into: json.NewDecoder(body).Decode(&v), or
// data, err := io.ReadAll(body) followed by json.Unmarshal(data, &v) (xml
// alike).
func (c *checker) decodeTargets(cur inspector.Cursor) []decodeTarget {
	call := cur.Node().(*ast.CallExpr)
	fn := httpmodel.Callee(c.pass.TypesInfo, call)
	var out []decodeTarget
	switch {
	case httpmodel.IsFunc(fn, "encoding/json", "", "NewDecoder"), httpmodel.IsFunc(fn, "encoding/xml", "", "NewDecoder"):
		// json.NewDecoder(body).Decode(&v), or through a variable:
		// dec := json.NewDecoder(body); dec.Decode(&v).
		decoders := []inspector.Cursor{cur}
		if as, ok := cur.Parent().Node().(*ast.AssignStmt); ok && cur.ParentEdgeKind() == edge.AssignStmt_Rhs && len(as.Lhs) == 1 {
			if d := c.varOf(as.Lhs[0]); d != nil && c.declaring(d) != nil {
				decoders = between(c.usesOf(d), as.End(), httpmodel.EnclosingFunc(cur).End())
			}
		}
		for _, d := range decoders {
			sel, ok := d.Parent().Node().(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Decode" || d.ParentEdgeKind() != edge.SelectorExpr_X {
				continue
			}
			dec, ok := d.Parent().Parent().Node().(*ast.CallExpr)
			if !ok || len(dec.Args) != 1 {
				continue
			}
			if v := c.pointee(dec.Args[0]); v != nil {
				out = append(out, decodeTarget{v, dec})
			}
		}
	case httpmodel.IsFunc(fn, "io", "", "ReadAll"), httpmodel.IsFunc(fn, "io/ioutil", "", "ReadAll"):
		as, ok := cur.Parent().Node().(*ast.AssignStmt)
		if !ok || cur.ParentEdgeKind() != edge.AssignStmt_Rhs || len(as.Lhs) != 2 {
			return nil
		}
		data := c.varOf(as.Lhs[0])
		if data == nil {
			return nil
		}
		for _, u := range between(c.usesOf(data), as.End(), httpmodel.EnclosingFunc(cur).End()) {
			un, ok := u.Parent().Node().(*ast.CallExpr)
			if !ok || u.ParentEdgeKind() != edge.CallExpr_Args || u.ParentEdgeIndex() != 0 || len(un.Args) != 2 {
				continue
			}
			if f := httpmodel.Callee(c.pass.TypesInfo, un); !httpmodel.IsFunc(f, "encoding/json", "", "Unmarshal") && !httpmodel.IsFunc(f, "encoding/xml", "", "Unmarshal") {
				continue
			}
			if v := c.pointee(un.Args[1]); v != nil {
				out = append(out, decodeTarget{v, un})
			}
		}
	}
	return out
}

// pointee returns the local variable a decoder writes through e: v in &v,
// or a pointer variable v.
func (c *checker) pointee(e ast.Expr) *types.Var {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	} else if _, ok := c.pass.TypesInfo.TypeOf(e).Underlying().(*types.Pointer); !ok {
		return nil
	}
	v := c.varOf(e)
	if v == nil || c.declaring(v) == nil {
		return nil
	}
	return v
}

// checkedFirst reports whether the first use of v after the decoding call
// is a status test: a condition reading a status-like field of v, in an if
// statement without else whose body ends by leaving the function.
func (c *checker) checkedFirst(v *types.Var, call *ast.CallExpr) bool {
	callCur, ok := c.model.Cursor(call)
	if !ok {
		return false
	}
	fn := httpmodel.EnclosingFunc(callCur)
	if fn == nil {
		return false
	}
	later := between(c.usesOf(v), call.End(), fn.End())
	if len(later) == 0 {
		return false
	}
	u := later[0]
	if httpmodel.EnclosingFunc(u) != fn {
		return false // first read in a closure: not before the data is used
	}
	// The outermost field selection starting at v: v.OK, v.Meta.Status.
	cur := u
	var field *types.Var
	for {
		sel, ok := cur.Parent().Node().(*ast.SelectorExpr)
		if !ok {
			break
		}
		s := c.pass.TypesInfo.Selections[sel]
		if s == nil || s.Kind() != types.FieldVal {
			break
		}
		field = s.Obj().(*types.Var)
		cur = cur.Parent()
	}
	if field == nil || !statusLike(field.Type()) {
		return false
	}
	// Up through the condition's expressions to its if statement.
	for ; ; cur = cur.Parent() {
		switch p := cur.Parent().Node().(type) {
		case *ast.IfStmt:
			return cur.ParentEdgeKind() == edge.IfStmt_Cond && p.Else == nil && c.leaves(p.Body)
		case ast.Expr:
			continue
		}
		return false
	}
}

// statusLike reports whether a field of type t can carry a status: a
// boolean, string or number, a pointer (an error object) or an interface.
func statusLike(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&(types.IsBoolean|types.IsString|types.IsInteger) != 0
	case *types.Pointer, *types.Interface:
		return true
	}
	return false
}

// leaves reports whether block ends by leaving the function: a return
// statement or a call of panic.
func (c *checker) leaves(block *ast.BlockStmt) bool {
	if len(block.List) == 0 {
		return false
	}
	switch s := block.List[len(block.List)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		return ok && c.pass.TypesInfo.Uses[id] == types.Universe.Lookup("panic")
	}
	return false
}

// useKind classifies one use of a response (or error) variable.
type useKind int

const (
	useOther   useKind = iota // harmless: another field, resp.Body.Close(), a function that ignores the status
	useStatus                 // resp.StatusCode, resp.Status, or handed to code that examines it
	useEscape                 // stored, captured, converted, passed to unknown code: unknown means checked
	useBody                   // resp.Body
	useCompare                // resp == x, resp != x
	useWrite                  // resp = ...
	useReturn                 // return resp
)

// classify says what the use u of a variable does. For useBody it also
// returns the cursor of the resp.Body selector.
func (c *checker) classify(u inspector.Cursor) (useKind, inspector.Cursor) {
	cur := u
	for {
		if _, ok := cur.Parent().Node().(*ast.ParenExpr); !ok {
			break
		}
		cur = cur.Parent()
	}
	parent := cur.Parent()
	switch p := parent.Node().(type) {
	case *ast.SelectorExpr:
		sel := c.pass.TypesInfo.Selections[p]
		if sel == nil {
			return useEscape, cur
		}
		obj := sel.Obj()
		if obj.Pkg() != nil && obj.Pkg().Path() == "net/http" {
			switch obj.Name() {
			case "StatusCode", "Status":
				return useStatus, cur
			case "Body":
				if sel.Kind() == types.FieldVal {
					return useBody, parent
				}
			}
			return useOther, cur
		}
		if sel.Kind() == types.FieldVal {
			return useOther, cur // a field of a wrapper type
		}
		return useEscape, cur // a method of a wrapper type: cannot see
	case *ast.CallExpr:
		if cur.ParentEdgeKind() != edge.CallExpr_Args {
			return useEscape, cur
		}
		return c.argKind(p, cur.ParentEdgeIndex()), cur
	case *ast.BinaryExpr:
		if p.Op == token.EQL || p.Op == token.NEQ {
			return useCompare, cur
		}
		return useOther, cur
	case *ast.AssignStmt:
		if cur.ParentEdgeKind() == edge.AssignStmt_Lhs {
			return useWrite, cur
		}
	case *ast.ReturnStmt:
		return useReturn, cur
	}
	return useEscape, cur
}

// argKind classifies a response passed as argument i of call.
func (c *checker) argKind(call *ast.CallExpr, i int) useKind {
	fn := httpmodel.Callee(c.pass.TypesInfo, call)
	if fn == nil {
		return useEscape // a function value, a builtin, a conversion
	}
	sig := fn.Signature()
	if recv := sig.Recv(); recv != nil && types.IsInterface(recv.Type()) {
		return useEscape // dynamic dispatch: cannot see
	}
	if sig.Variadic() && i >= sig.Params().Len()-1 {
		i = sig.Params().Len() - 1
	}
	if f := c.factOf(fn); f != nil && i >= 0 && i < 64 && f.Params&(1<<i) != 0 {
		return useStatus
	}
	return useOther
}

// consumer returns the expression that consumes the body selected by sel
// (resp.Body) as data, or nil when the body is only closed, drained,
// streamed or handed on.
func (c *checker) consumer(sel inspector.Cursor) ast.Node {
	cur := sel
	for {
		parent := cur.Parent()
		switch p := parent.Node().(type) {
		case *ast.ParenExpr:
			cur = parent
			continue
		case *ast.ReturnStmt:
			return cur.Node()
		case *ast.CallExpr:
			if cur.ParentEdgeKind() != edge.CallExpr_Args {
				return nil
			}
			fn := httpmodel.Callee(c.pass.TypesInfo, p)
			switch {
			case httpmodel.IsFunc(fn, "io", "", "LimitReader"),
				httpmodel.IsFunc(fn, "bufio", "", "NewReader"),
				httpmodel.IsFunc(fn, "bufio", "", "NewReaderSize"):
				cur = parent // a wrapped body is still the body
				continue
			case httpmodel.IsFunc(fn, "io", "", "ReadAll"),
				httpmodel.IsFunc(fn, "io/ioutil", "", "ReadAll"),
				httpmodel.IsFunc(fn, "encoding/json", "", "NewDecoder"),
				httpmodel.IsFunc(fn, "encoding/xml", "", "NewDecoder"):
				return p
			case (httpmodel.IsFunc(fn, "io", "", "Copy") || httpmodel.IsFunc(fn, "io", "", "CopyN") ||
				httpmodel.IsFunc(fn, "io", "", "CopyBuffer")) && cur.ParentEdgeIndex() == 1:
				if c.copiedAsData(parent, p.Args[0]) {
					return p
				}
			case httpmodel.IsFunc(fn, "bytes", "Buffer", "ReadFrom"):
				if sel, ok := ast.Unparen(p.Fun).(*ast.SelectorExpr); ok && c.copiedAsData(parent, sel.X) {
					return p
				}
			}
			return nil
		}
		return nil
	}
}

// copiedAsData reports whether the destination of an io.Copy call, or the
// receiver of a (*bytes.Buffer).ReadFrom call, is a local variable whose
// data is later returned or decoded.
func (c *checker) copiedAsData(callCur inspector.Cursor, dst ast.Expr) bool {
	call := callCur.Node().(*ast.CallExpr)
	dst = ast.Unparen(dst)
	if u, ok := dst.(*ast.UnaryExpr); ok && u.Op == token.AND {
		dst = ast.Unparen(u.X)
	}
	id, ok := dst.(*ast.Ident)
	if !ok {
		return false // io.Discard, os.Stdout, a field: drained or streamed
	}
	d, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	fn := httpmodel.EnclosingFunc(callCur)
	if fn == nil {
		return false
	}
	ps := c.dataUsesOf(d)
	i := sort.Search(len(ps), func(i int) bool { return ps[i] > call.End() })
	return i < len(ps) && ps[i] < fn.End()
}

// dataUsesOf returns the positions, in source order, of the uses of v that
// hand its data on as a result: in a return statement, as an argument of a
// decoder (json or xml Unmarshal or NewDecoder), or in the value assigned
// to a local []byte or string variable whose data is itself later used so
// (data := buf.Bytes(); return data). It is computed once per variable.
func (c *checker) dataUsesOf(v *types.Var) []token.Pos {
	if ps, ok := c.dataUses[v]; ok {
		return ps
	}
	c.dataUses[v] = nil // a cycle of assignments hands nothing on
	var ps []token.Pos
	for _, u := range c.usesOf(v) {
		if c.handsDataOn(u, v) {
			ps = append(ps, u.Node().Pos())
		}
	}
	c.dataUses[v] = ps
	return ps
}

// handsDataOn reports whether the use u of v is one of dataUsesOf's.
func (c *checker) handsDataOn(u inspector.Cursor, v *types.Var) bool {
	for anc := range u.Enclosing() {
		switch a := anc.Node().(type) {
		case *ast.ReturnStmt:
			return true
		case *ast.CallExpr:
			fn := httpmodel.Callee(c.pass.TypesInfo, a)
			if httpmodel.IsFunc(fn, "encoding/json", "", "Unmarshal") || httpmodel.IsFunc(fn, "encoding/xml", "", "Unmarshal") ||
				httpmodel.IsFunc(fn, "encoding/json", "", "NewDecoder") || httpmodel.IsFunc(fn, "encoding/xml", "", "NewDecoder") {
				return true
			}
		case *ast.AssignStmt:
			if len(a.Lhs) != 1 || len(a.Rhs) != 1 || u.Node().Pos() < a.Rhs[0].Pos() {
				return false
			}
			return c.derivedData(c.varOf(a.Lhs[0]), v, a.End())
		case *ast.ValueSpec:
			if len(a.Names) != 1 || len(a.Values) != 1 {
				return false
			}
			return c.derivedData(c.varOf(a.Names[0]), v, a.End())
		case ast.Stmt, *ast.FuncLit:
			return false
		}
	}
	return false
}

// derivedData reports whether x, assigned a value computed from v at a
// statement ending at end, is a local []byte or string variable whose data
// is returned or decoded after that statement.
func (c *checker) derivedData(x, v *types.Var, end token.Pos) bool {
	if x == nil || x == v || c.declaring(x) == nil {
		return false
	}
	if !isBytesOrString(x.Type()) {
		return false // a length, a flag: not the data
	}
	ps := c.dataUsesOf(x)
	i := sort.Search(len(ps), func(i int) bool { return ps[i] > end })
	return i < len(ps)
}

// isBytesOrString reports whether t is a string or a byte slice.
func isBytesOrString(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	}
	return false
}

// computeFacts derives the facts of the package's functions that take or
// return a response, to a fixed point since they depend on each other.
func (c *checker) computeFacts(decls []*ast.FuncDecl) {
	for round := 0; round < 8; round++ {
		changed := false
		for _, d := range decls {
			fn, ok := c.pass.TypesInfo.Defs[d.Name].(*types.Func)
			if !ok {
				continue
			}
			f := c.deriveFact(d, fn)
			old, seen := c.local[fn]
			if (!seen && (f.Params != 0 || f.Returns || f.NilSafe != 0)) || (seen && *old != f) {
				c.local[fn] = &f
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for _, d := range decls {
		if fn, ok := c.pass.TypesInfo.Defs[d.Name].(*types.Func); ok {
			if f := c.local[fn]; f != nil && (f.Params != 0 || f.Returns || f.NilSafe != 0) {
				g := *f
				c.pass.ExportObjectFact(fn, &g)
			}
		}
	}
}

func (c *checker) deriveFact(d *ast.FuncDecl, fn *types.Func) statusFact {
	var f statusFact
	sig := fn.Signature()
	for i := 0; i < sig.Params().Len() && i < 64; i++ {
		p := sig.Params().At(i)
		if !isResponse(p.Type()) {
			continue
		}
		for _, u := range c.usesOf(p) {
			if k, _ := c.classify(u); k == useStatus || k == useEscape {
				f.Params |= 1 << i
				break
			}
		}
		for _, u := range c.usesOf(p) {
			if c.comparedWithNil(u) {
				f.NilSafe |= 1 << i
				break
			}
		}
	}
	returnsResponse := false
	for i := 0; i < sig.Results().Len(); i++ {
		if isResponse(sig.Results().At(i).Type()) {
			returnsResponse = true
		}
	}
	if !returnsResponse {
		return f
	}
	for _, req := range c.requests[d] {
		if rf := c.factOf(req.Callee); req.Via == httpmodel.ViaFact && rf != nil && rf.Returns {
			f.Returns = true
			break
		}
		b := c.bind(req)
		if b == nil {
			continue
		}
		for _, u := range c.after(b.respVar, b) {
			if k, _ := c.classify(u); k == useStatus {
				f.Returns = true
			}
		}
	}
	return f
}

// comparedWithNil reports whether the use u of a variable is a comparison
// of it with nil.
func (c *checker) comparedWithNil(u inspector.Cursor) bool {
	be, ok := u.Parent().Node().(*ast.BinaryExpr)
	if !ok || (be.Op != token.EQL && be.Op != token.NEQ) {
		return false
	}
	other := be.X
	if other == u.Node() {
		other = be.Y
	}
	id, ok := ast.Unparen(other).(*ast.Ident)
	return ok && c.pass.TypesInfo.Uses[id] == types.Universe.Lookup("nil")
}

// nilSafeArg reports whether the use u of a response is an argument of a
// call of a function that compares that parameter with nil.
func (c *checker) nilSafeArg(u inspector.Cursor) bool {
	call, ok := u.Parent().Node().(*ast.CallExpr)
	if !ok || u.ParentEdgeKind() != edge.CallExpr_Args {
		return false
	}
	i := u.ParentEdgeIndex()
	f := c.factOf(httpmodel.Callee(c.pass.TypesInfo, call))
	return f != nil && i < 64 && f.NilSafe&(1<<i) != 0
}

// factOf returns the fact of fn, from this package or imported.
func (c *checker) factOf(fn *types.Func) *statusFact {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return c.local[fn]
	}
	f := new(statusFact)
	if c.pass.ImportObjectFact(fn, f) {
		return f
	}
	return nil
}

// errorFix names the discarded error and returns it when it is not nil.
func (c *checker) errorFix(req *httpmodel.Request, b *binding, blank bool) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if b.assign == nil || !inStmtList(b.cur) || c.zeroReturnsUnsafe(b.fn) {
		return none, false
	}
	if req.Callee.Pkg() == nil || req.Callee.Pkg().Path() != "net/http" {
		// Libraries may return the response together with an error for
		// an error status (a 404 the code then expects): returning on
		// the error would abort on the very status the code handles.
		for _, u := range c.after(b.respVar, b) {
			if k, _ := c.classify(u); k == useStatus {
				return none, false
			}
		}
	}
	file := c.fileOf(b.stmt.Pos())
	if file == nil {
		return none, false
	}
	id, ok := b.errExp.(*ast.Ident)
	if !ok {
		return none, false
	}
	name := id.Name
	var edits []analysis.TextEdit
	if blank {
		var ok bool
		if name, ok = c.errName(b); !ok {
			return none, false
		}
		edits = append(edits, analysis.TextEdit{Pos: b.errExp.Pos(), End: b.errExp.End(), NewText: []byte(name)})
	}
	pos, indent, ok := c.nextLine(b.stmt)
	if !ok {
		return none, false
	}
	zeros, zedits, ok := fixes.ZeroResults(c.pass, b.fn, file, pos)
	if !ok {
		return none, false
	}
	text := fmt.Sprintf("%sif %s != nil {\n%s\treturn %s%s\n%s}\n", indent, name, indent, zeros, name, indent)
	edits = append(edits, analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text)})
	edits = append(edits, zedits...)
	return analysis.SuggestedFix{Message: "Check the request error", TextEdits: edits}, true
}

// errName chooses the name of a discarded error: err where that is legal
// and changes nothing else, else a fresh name.
func (c *checker) errName(b *binding) (string, bool) {
	pos := b.stmt.Pos()
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return "", false
	}
	// later returns the uses of v after the statement, before end.
	later := func(v *types.Var, end token.Pos) []inspector.Cursor {
		return between(c.usesOf(v), b.stmt.End(), end)
	}
	// reusable reports whether assigning the request's error to v loses
	// nothing: the value v held is never read afterwards.
	reusable := func(obj types.Object) bool {
		v, ok := obj.(*types.Var)
		if !ok || !fixes.IsError(v.Type()) {
			return false
		}
		// Assigned, not shadowed: every later use in the function counts.
		uses, limit := later(v, b.fn.End()), b.fn.End()
		if len(uses) > 0 {
			if !c.overwrittenFirst(uses, b) {
				return false
			}
			limit = uses[0].Node().Pos()
		}
		return !c.isResult(v, b.fn) || !c.nakedReturn(b.fn, b.stmt.End(), limit)
	}
	if b.assign.Tok == token.ASSIGN {
		// resp, _ = call: only an existing local error variable can take it.
		_, obj := scope.LookupParent("err", pos)
		if obj != nil && obj.Parent() != c.pass.Pkg.Scope() && reusable(obj) {
			return "err", true
		}
		return "", false
	}
	legal := true
	if obj := scope.Lookup("err"); obj != nil {
		// Redeclared by :=, so assigned to.
		legal = obj.Pos() < pos && reusable(obj)
	} else if _, obj := scope.LookupParent("err", pos); obj != nil && obj.Parent() != types.Universe {
		// Shadowed from here on: no later use may mean the outer one.
		v, ok := obj.(*types.Var)
		legal = ok && fixes.IsError(v.Type()) && len(later(v, scope.End())) == 0 && !(c.isResult(v, b.fn) && c.nakedReturn(b.fn, b.stmt.End(), scope.End()))
	}
	if legal {
		return "err", true
	}
	return fixes.FreshName("err", func(n string) bool {
		_, obj := scope.LookupParent(n, pos)
		return obj != nil || scope.Lookup(n) != nil
	}), true
}

// isResult reports whether v is a named result of fn.
func (c *checker) isResult(v *types.Var, fn ast.Node) bool {
	sig := fixes.Signature(c.pass.TypesInfo, fn)
	if sig == nil {
		return false
	}
	for i := 0; i < sig.Results().Len(); i++ {
		if sig.Results().At(i) == v {
			return true
		}
	}
	return false
}

// nakedReturn reports whether fn has a return statement without results
// between from and to, outside nested function literals. The positions of
// a function's naked returns are collected once.
func (c *checker) nakedReturn(fn ast.Node, from, to token.Pos) bool {
	ps, ok := c.naked[fn]
	if !ok {
		if body := funcBody(fn); body != nil {
			ast.Inspect(body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.ReturnStmt:
					if len(n.Results) == 0 {
						ps = append(ps, n.Pos())
					}
				}
				return true
			})
		}
		c.naked[fn] = ps
	}
	i := sort.Search(len(ps), func(i int) bool { return ps[i] >= from })
	return i < len(ps) && ps[i] < to
}

// statusFix inserts, after the error check that follows the request, a
// guard that returns an error for any status outside 2xx.
func (c *checker) statusFix(b *binding) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if b.errVar == nil || !inStmtList(b.cur) || c.zeroReturnsUnsafe(b.fn) || c.decodesErrorType(b.fn) {
		return none, false
	}
	next, ok := b.cur.NextSibling()
	if !ok || !c.isErrCheck(next.Node(), b.errVar) {
		return none, false
	}
	anchor, closed := next.Node(), false
	if after, ok := next.NextSibling(); ok {
		if d, ok := after.Node().(*ast.DeferStmt); ok && c.mentions(d, b.respVar) {
			anchor, closed = d, true
		}
	}
	file := c.fileOf(anchor.Pos())
	if file == nil {
		return none, false
	}
	pos, indent, ok := c.nextLine(anchor)
	if !ok {
		return none, false
	}
	zeros, edits, ok := fixes.ZeroResults(c.pass, b.fn, file, pos)
	if !ok {
		return none, false
	}
	fmtQual, fmtEdits := fixes.AddImport(c.pass.TypesInfo, c.pass.Pkg, file, pos, "fmt", "fmt")
	r := b.respVar.Name()
	var text strings.Builder
	fmt.Fprintf(&text, "%sif %s.StatusCode < 200 || %s.StatusCode > 299 {\n", indent, r, r)
	if !closed {
		fmt.Fprintf(&text, "%s\t%s.Body.Close()\n", indent, r)
	}
	fmt.Fprintf(&text, "%s\treturn %s%sErrorf(\"unexpected HTTP status: %%s\", %s.Status)\n%s}\n", indent, zeros, fmtQual, r, indent)
	edits = append(edits, fmtEdits...)
	edits = append(edits, analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text.String())})
	return analysis.SuggestedFix{Message: "Check the response status", TextEdits: edits}, true
}

// zeroReturnsUnsafe reports whether a fix that returns zero values with an
// error would change what fn's callers see: a result type's zero value is
// one of its meaningful constants (an enum whose 0 means "ready"), or fn
// returns results alongside errors on its failure paths (its callers read
// them). It is computed once per function.
func (c *checker) zeroReturnsUnsafe(fn ast.Node) bool {
	if u, ok := c.unsafeZero[fn]; ok {
		return u
	}
	u := false
	if sig := fixes.Signature(c.pass.TypesInfo, fn); sig != nil {
		for i := 0; i < sig.Results().Len()-1; i++ {
			if c.meaningfulZero(sig.Results().At(i).Type()) {
				u = true
			}
		}
		if !u {
			u = c.resultsOnFailure(fn, sig)
		}
	}
	c.unsafeZero[fn] = u
	return u
}

// meaningfulZero reports whether t is a named basic type whose package
// declares a constant of type t equal to its zero value.
func (c *checker) meaningfulZero(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	n = n.Origin()
	if z, ok := c.zeroConst[n]; ok {
		return z
	}
	z := false
	if _, ok := n.Underlying().(*types.Basic); ok {
		scope := n.Obj().Pkg().Scope()
		for _, name := range scope.Names() {
			if k, ok := scope.Lookup(name).(*types.Const); ok && types.Identical(k.Type(), n) && isZeroConst(k.Val()) {
				z = true
				break
			}
		}
	}
	c.zeroConst[n] = z
	return z
}

// isZeroConst reports whether v is the zero value of its kind.
func isZeroConst(v constant.Value) bool {
	switch v.Kind() {
	case constant.Bool:
		return !constant.BoolVal(v)
	case constant.String:
		return constant.StringVal(v) == ""
	case constant.Int, constant.Float, constant.Complex:
		return constant.Sign(v) == 0
	}
	return false
}

// resultsOnFailure reports whether fn has a return statement that returns
// an error known to be non-nil together with a result that is not a zero
// value: return partial, fmt.Errorf(...), or return resp, err inside
// if err != nil.
func (c *checker) resultsOnFailure(fn ast.Node, sig *types.Signature) bool {
	n := sig.Results().Len()
	cur, ok := c.model.Cursor(fn)
	if !ok || n < 2 {
		return false
	}
	for rc := range cur.Preorder((*ast.ReturnStmt)(nil)) {
		ret := rc.Node().(*ast.ReturnStmt)
		if len(ret.Results) != n || httpmodel.EnclosingFunc(rc) != fn || !c.failing(rc, ret.Results[n-1]) {
			continue
		}
		for _, r := range ret.Results[:n-1] {
			if !c.isZeroExpr(r, ret.Pos()) {
				return true
			}
		}
	}
	return false
}

// failing reports whether the error expression e of the return statement
// at ret is known to be non-nil: a new error (fmt.Errorf, errors.New, a
// literal of an error type), or a variable the enclosing if statement has
// just compared unequal to nil.
func (c *checker) failing(ret inspector.Cursor, e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		fn := httpmodel.Callee(c.pass.TypesInfo, e)
		return httpmodel.IsFunc(fn, "fmt", "", "Errorf") || httpmodel.IsFunc(fn, "errors", "", "New")
	case *ast.CompositeLit:
		return true // of a type that implements error: the result type says so
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok {
			return false
		}
		for ifc := range ret.Enclosing((*ast.IfStmt)(nil)) {
			if c.testsNonNil(ifc.Node().(*ast.IfStmt).Cond, v) {
				return true
			}
		}
	}
	return false
}

// testsNonNil reports whether cond is, or has as an && operand, v != nil.
func (c *checker) testsNonNil(cond ast.Expr, v *types.Var) bool {
	be, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	if be.Op == token.LAND {
		return c.testsNonNil(be.X, v) || c.testsNonNil(be.Y, v)
	}
	if be.Op != token.NEQ {
		return false
	}
	is := func(e ast.Expr, obj types.Object) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.pass.TypesInfo.Uses[id] == obj
	}
	nilObj := types.Universe.Lookup("nil")
	return (is(be.X, v) && is(be.Y, nilObj)) || (is(be.X, nilObj) && is(be.Y, v))
}

// isZeroExpr reports whether e, evaluated at pos, is visibly a zero value:
// nil, a zero constant, an empty composite literal, *new(T), or a variable
// declared without a value (var v T) and not used at all before pos.
func (c *checker) isZeroExpr(e ast.Expr, pos token.Pos) bool {
	e = ast.Unparen(e)
	if tv, ok := c.pass.TypesInfo.Types[e]; ok {
		if tv.IsNil() {
			return true
		}
		if tv.Value != nil {
			return isZeroConst(tv.Value)
		}
	}
	switch e := e.(type) {
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok || c.declaring(v) == nil {
			return false
		}
		as := c.model.AssignmentsOf(v)
		if len(as) == 0 || !as[0].Zero || (len(as) > 1 && as[1].Pos < pos) {
			return false
		}
		return len(between(c.usesOf(v), v.Pos(), pos)) == 0
	case *ast.CompositeLit:
		return len(e.Elts) == 0
	case *ast.StarExpr:
		call, ok := ast.Unparen(e.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		return ok && c.pass.TypesInfo.Uses[id] == types.Universe.Lookup("new")
	}
	return false
}

// decodesErrorType reports whether fn decodes data (json or xml
// Unmarshal, or a Decoder's Decode) into a value of a type that implements
// error: it reads error bodies on purpose, and a status guard would replace
// the API's own error with a generic one. It is computed once per function.
func (c *checker) decodesErrorType(fn ast.Node) bool {
	if d, ok := c.errDecode[fn]; ok {
		return d
	}
	d := false
	errIface := types.Universe.Lookup("error").Type().Underlying().(*types.Interface)
	if cur, ok := c.model.Cursor(fn); ok {
		for cc := range cur.Preorder((*ast.CallExpr)(nil)) {
			call := cc.Node().(*ast.CallExpr)
			f := httpmodel.Callee(c.pass.TypesInfo, call)
			var target ast.Expr
			switch {
			case (httpmodel.IsFunc(f, "encoding/json", "", "Unmarshal") || httpmodel.IsFunc(f, "encoding/xml", "", "Unmarshal")) && len(call.Args) == 2:
				target = call.Args[1]
			case (httpmodel.IsFunc(f, "encoding/json", "Decoder", "Decode") || httpmodel.IsFunc(f, "encoding/xml", "Decoder", "Decode")) && len(call.Args) == 1:
				target = call.Args[0]
			default:
				continue
			}
			t := c.pass.TypesInfo.TypeOf(target)
			if p, ok := t.Underlying().(*types.Pointer); ok && t != nil {
				if types.Implements(p, errIface) || types.Implements(p.Elem(), errIface) {
					d = true
					break
				}
			}
		}
	}
	c.errDecode[fn] = d
	return d
}

// isErrCheck reports whether n is `if err != nil { ...; return ... }` without else.
func (c *checker) isErrCheck(n ast.Node, errVar *types.Var) bool {
	ifs, ok := n.(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) == 0 {
		return false
	}
	if _, ok := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt); !ok {
		return false
	}
	cond, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || cond.Op != token.NEQ {
		return false
	}
	isErr := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.pass.TypesInfo.Uses[id] == errVar
	}
	isNil := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.pass.TypesInfo.Uses[id] == types.Universe.Lookup("nil")
	}
	return (isErr(cond.X) && isNil(cond.Y)) || (isNil(cond.X) && isErr(cond.Y))
}

// mentions reports whether n refers to v.
func (c *checker) mentions(n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// nextLine returns the start of the line after n and the indentation of
// the line n starts on, when nothing but a comment follows n on its line.
// It works on the file's own bytes and offsets, never on line numbers: a
// //line directive remaps those, and a remapped line is not a line of
// this file. The file is read once per package, not once per fix.
func (c *checker) nextLine(n ast.Node) (token.Pos, string, bool) {
	tf := c.pass.Fset.File(n.Pos())
	if tf == nil {
		return token.NoPos, "", false
	}
	src, ok := c.fileSource(tf)
	if !ok {
		return token.NoPos, "", false
	}
	start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
	lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
	indent := src[lineStart:start]
	indent = indent[:len(indent)-len(bytes.TrimLeft(indent, " \t"))]
	nl := bytes.IndexByte(src[end:], '\n')
	if nl < 0 {
		return token.NoPos, "", false
	}
	if rest := bytes.TrimSpace(src[end : end+nl]); len(rest) != 0 && !bytes.HasPrefix(rest, []byte("//")) {
		return token.NoPos, "", false
	}
	return tf.Pos(end + nl + 1), string(indent), true
}

// fileSource returns the contents of tf, read once, when they match what
// was parsed.
func (c *checker) fileSource(tf *token.File) ([]byte, bool) {
	if src, ok := c.src[tf.Name()]; ok {
		return src, src != nil
	}
	var src []byte
	if c.pass.ReadFile != nil {
		if b, err := c.pass.ReadFile(tf.Name()); err == nil && len(b) == tf.Size() {
			src = b
		}
	}
	c.src[tf.Name()] = src
	return src, src != nil
}

func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// varOf returns the variable an assignment's left-hand side names, or nil for _ and other expressions.
func (c *checker) varOf(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	if v, ok := c.pass.TypesInfo.Defs[id].(*types.Var); ok {
		return v
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	return v
}

// inStmtList reports whether cur is a statement of a block or clause body.
func inStmtList(cur inspector.Cursor) bool {
	switch cur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
		return true
	}
	return false
}

func funcBody(fn ast.Node) *ast.BlockStmt {
	switch f := fn.(type) {
	case *ast.FuncDecl:
		return f.Body
	case *ast.FuncLit:
		return f.Body
	}
	return nil
}

func isBlank(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "_"
}

// handlesResponse reports whether fd takes or returns a response.
func handlesResponse(info *types.Info, fd *ast.FuncDecl) bool {
	fn, ok := info.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Signature()
	for _, t := range []*types.Tuple{sig.Params(), sig.Results()} {
		for i := 0; i < t.Len(); i++ {
			if isResponse(t.At(i).Type()) {
				return true
			}
		}
	}
	return false
}

// isResponse reports whether t is *http.Response, or a pointer to a struct
// that embeds one (an SDK's response type, whose StatusCode and Body are
// those of the embedded response).
func isResponse(t types.Type) bool {
	if httpmodel.IsPointerTo(t, "net/http", "Response") {
		return true
	}
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if f.Embedded() && (httpmodel.IsPointerTo(f.Type(), "net/http", "Response") || httpmodel.IsNamed(f.Type(), "net/http", "Response")) {
			return true
		}
	}
	return false
}

// calleeName names fn the way Go code calls it: http.Get, (*http.Client).Do.
func calleeName(fn *types.Func) string {
	qual := func(p *types.Package) string { return p.Name() }
	recv := fn.Signature().Recv()
	if recv == nil {
		if fn.Pkg() == nil {
			return fn.Name()
		}
		return fn.Pkg().Name() + "." + fn.Name()
	}
	t := recv.Type()
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return "(*" + types.TypeString(p.Elem(), qual) + ")." + fn.Name()
	}
	return types.TypeString(t, qual) + "." + fn.Name()
}
