package bodyclose

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net/http"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// useKind classifies one use of a response (or body) variable.
type useKind int

const (
	// useNeutral reads the response without closing it or letting it
	// escape: a field, a method of *http.Response, a comparison with nil,
	// the body consumed by a reader that keeps nothing.
	useNeutral useKind = iota
	// useClose closes the body where it is executed: Body.Close(), a read
	// to EOF (io.ReadAll), or a call of a function that owns its argument
	// (by fact).
	useClose
	// useDeferClose closes the body when the function returns: a deferred
	// close, or a close inside a deferred function literal.
	useDeferClose
	// useHandoff lets the response escape (stored, sent, captured by a
	// closure, given to code the analyzer cannot see): someone else may
	// close it.
	useHandoff
	// useReturn returns the response to the caller.
	useReturn
	// useUpgrade compares the status with 101 Switching Protocols: the
	// body is the upgraded connection's.
	useUpgrade
	// useCloseOnError passes the body to a function that closes it only
	// when it returns a non-nil error (by fact).
	useCloseOnError
	// usePass passes the response to a function that returns it as its own
	// response result (by fact: a CheckResponse that returns its argument):
	// the duty moves to that call's result, which is checked where it is
	// bound.
	usePass
)

// use is one classified use of a tracked variable.
type use struct {
	id   *ast.Ident
	kind useKind
	// node is, for closes, the node whose execution closes the body: the
	// call, or the defer statement.
	node ast.Node
	// direct reports a defer of v.Body.Close() itself.
	direct bool
	// body reports a use that reads the body (v.Body, possibly wrapped):
	// it must not move after a close.
	body bool
	// wrappers are the uses of variables holding a reader wrapped around
	// the body (dec := json.NewDecoder(resp.Body)): they read the body too.
	wrappers []*ast.Ident
	// store reports a hand-off that only keeps a reference: the response
	// assigned to a field, an element or a package variable, or stored in
	// an atomic value (a client's "last response" kept for debugging).
	// Storing closes nothing; a function that also returns the response
	// still hands its caller the duty to close it.
	store bool
}

// usesIn classifies the uses of v inside fn. kind says whether v holds a
// response or a body.
func (c *checker) usesIn(v *types.Var, fn ast.Node, kind int) []use {
	var out []use
	assigned := 0
	for _, a := range c.model.AssignmentsOf(v) {
		if !a.Zero {
			assigned++
		}
	}
	for _, id := range c.model.Uses(v) {
		if id.Pos() < fn.Pos() || id.End() > fn.End() {
			continue
		}
		cur, ok := c.model.Cursor(id)
		if !ok {
			out = append(out, use{id: id, kind: useHandoff})
			continue
		}
		if assigned == 1 && cur.ParentEdgeKind() == edge.AssignStmt_Lhs {
			// The one assignment of a variable declared without a value
			// (var resp *http.Response; resp, err = c.Do(req)): the
			// binding itself, not a use.
			continue
		}
		u := c.classify(cur, fn, kind)
		u.id = id
		if u.node == nil {
			u.node = id
		}
		out = append(out, u)
	}
	return out
}

var handoff = use{kind: useHandoff}

// classify classifies the use at cur, inside fn.
func (c *checker) classify(cur inspector.Cursor, fn ast.Node, kind int) use {
	// A use inside a function literal runs when the literal runs: a
	// deferred literal (defer func() { ... }()) runs when fn returns; any
	// other literal is a closure that captures the variable: handed on.
	var deferStmt *ast.DeferStmt
	for p := cur.Parent(); p.Node() != nil && p.Node() != fn; p = p.Parent() {
		if _, ok := p.Node().(*ast.FuncLit); !ok {
			continue
		}
		if deferStmt == nil && p.ParentEdgeKind() == edge.CallExpr_Fun {
			call := p.Parent()
			if call.ParentEdgeKind() == edge.DeferStmt_Call && httpmodel.EnclosingFunc(call) == fn {
				deferStmt = call.Parent().Node().(*ast.DeferStmt)
				continue
			}
		}
		return handoff
	}
	var u use
	if kind == trackBody {
		u = c.bodyUse(cur)
	} else {
		u = c.responseUse(cur)
	}
	if deferStmt != nil {
		switch u.kind {
		case useClose, useDeferClose:
			return use{kind: useDeferClose, node: deferStmt}
		case useNeutral, useUpgrade:
		default:
			// A return inside the literal returns from the literal.
			return use{kind: useHandoff, store: u.store}
		}
	}
	return u
}

// skipParens moves cur up through parentheses around it.
func skipParens(cur inspector.Cursor) inspector.Cursor {
	for cur.ParentEdgeKind() == edge.ParenExpr_X {
		cur = cur.Parent()
	}
	return cur
}

// responseUse classifies a use of a response variable at cur.
func (c *checker) responseUse(cur inspector.Cursor) use {
	cur = skipParens(cur)
	parent := cur.Parent()
	switch cur.ParentEdgeKind() {
	case edge.SelectorExpr_X:
		sel := parent.Node().(*ast.SelectorExpr)
		s := c.pass.TypesInfo.Selections[sel]
		if s == nil {
			return handoff
		}
		if s.Kind() != types.FieldVal {
			return use{} // methods of *http.Response only read it
		}
		switch sel.Sel.Name {
		case "Body":
			if len(s.Index()) != 1 {
				return handoff
			}
			u := c.bodyUse(parent)
			u.body = true
			return u
		case "StatusCode":
			if c.upgradeCompare(parent) {
				return use{kind: useUpgrade}
			}
		}
		return use{}
	case edge.BinaryExpr_X, edge.BinaryExpr_Y:
		if c.nilCompare(parent.Node().(*ast.BinaryExpr)) {
			return use{}
		}
	case edge.ReturnStmt_Results:
		return use{kind: useReturn}
	case edge.CallExpr_Args:
		return c.argUse(parent, cur.ParentEdgeIndex(), trackResponse)
	case edge.AssignStmt_Rhs:
		if c.storedAway(parent.Node().(*ast.AssignStmt), cur.ParentEdgeIndex()) {
			return use{kind: useHandoff, store: true}
		}
	}
	return handoff
}

// storedAway reports whether the right-hand side idx of as is assigned to
// a field, an element or a package variable: a reference kept, not a
// close.
func (c *checker) storedAway(as *ast.AssignStmt, idx int) bool {
	if as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
		return false
	}
	switch lhs := ast.Unparen(as.Lhs[idx]).(type) {
	case *ast.SelectorExpr, *ast.IndexExpr:
		return true
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[lhs].(*types.Var)
		return ok && v.Parent() == v.Pkg().Scope()
	}
	return false
}

// storers keep the value they are given, for Load to return it later.
var storers = []stdFunc{
	{"sync/atomic", "Value", "Store", 0}, {"sync/atomic", "Pointer", "Store", 0},
}

// bodyUse classifies a use of a body at cur (v.Body, or a body variable).
func (c *checker) bodyUse(cur inspector.Cursor) use {
	cur = skipParens(cur)
	parent := cur.Parent()
	switch cur.ParentEdgeKind() {
	case edge.SelectorExpr_X:
		sel := parent.Node().(*ast.SelectorExpr)
		if parent.ParentEdgeKind() != edge.CallExpr_Fun {
			return handoff
		}
		switch sel.Sel.Name {
		case "Close":
			call := parent.Parent()
			if call.ParentEdgeKind() == edge.DeferStmt_Call {
				return use{kind: useDeferClose, node: call.Parent().Node(), direct: true}
			}
			return use{kind: useClose, node: call.Node()}
		case "Read":
			return use{}
		}
	case edge.BinaryExpr_X, edge.BinaryExpr_Y:
		if op := parent.Node().(*ast.BinaryExpr).Op; op == token.EQL || op == token.NEQ {
			return use{} // resp.Body != nil, resp.Body == http.NoBody
		}
	case edge.CallExpr_Args:
		return c.argUse(parent, cur.ParentEdgeIndex(), trackBody)
	}
	return handoff
}

// nilCompare reports whether bin compares with nil.
func (c *checker) nilCompare(bin *ast.BinaryExpr) bool {
	if bin.Op != token.EQL && bin.Op != token.NEQ {
		return false
	}
	return c.isNil(bin.X) || c.isNil(bin.Y)
}

func (c *checker) isNil(e ast.Expr) bool {
	tv, ok := c.pass.TypesInfo.Types[ast.Unparen(e)]
	return ok && tv.IsNil()
}

// upgradeCompare reports whether the StatusCode selection at cur is
// compared with 101 Switching Protocols, in a comparison or a switch.
func (c *checker) upgradeCompare(cur inspector.Cursor) bool {
	cur = skipParens(cur)
	switch cur.ParentEdgeKind() {
	case edge.BinaryExpr_X, edge.BinaryExpr_Y:
		bin := cur.Parent().Node().(*ast.BinaryExpr)
		return c.isSwitching(bin.X) || c.isSwitching(bin.Y)
	case edge.SwitchStmt_Tag:
		sw := cur.Parent().Node().(*ast.SwitchStmt)
		for _, s := range sw.Body.List {
			for _, e := range s.(*ast.CaseClause).List {
				if c.isSwitching(e) {
					return true
				}
			}
		}
	}
	return false
}

func (c *checker) isSwitching(e ast.Expr) bool {
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return false
	}
	n, exact := constant.Int64Val(tv.Value)
	return exact && n == http.StatusSwitchingProtocols
}

// A stdFunc names a standard-library function taking a body at argument Arg.
type stdFunc struct {
	pkg, recv, name string
	arg             int
}

// drainers read a body to its end (or to an error): at EOF the transport
// takes the connection back, and on a read error it closes it, so nothing
// stays held even if Close is never called.
var drainers = []stdFunc{
	{"io", "", "ReadAll", 0}, {"io/ioutil", "", "ReadAll", 0},
	{"io", "", "Copy", 1}, {"io", "", "CopyBuffer", 1},
	{"bytes", "Buffer", "ReadFrom", 0},
}

// readers consume part of a body without keeping it or closing it.
var readers = []stdFunc{
	{"io", "", "CopyN", 1}, {"io", "", "ReadFull", 0}, {"io", "", "ReadAtLeast", 0},
}

// wrappers return a reader that keeps the body: json.NewDecoder(resp.Body).
var wrappers = []stdFunc{
	{"encoding/json", "", "NewDecoder", 0}, {"encoding/xml", "", "NewDecoder", 0},
	{"io", "", "LimitReader", 0}, {"io", "", "TeeReader", 0},
	{"bufio", "", "NewReader", 0}, {"bufio", "", "NewReaderSize", 0}, {"bufio", "", "NewScanner", 0},
	{"encoding/csv", "", "NewReader", 0},
}

func inList(list []stdFunc, fn *types.Func, arg int) bool {
	for _, f := range list {
		if f.arg == arg && httpmodel.IsFunc(fn, f.pkg, f.recv, f.name) {
			return true
		}
	}
	return false
}

// argUse classifies a response or body passed as argument idx of the call
// at callCur.
func (c *checker) argUse(callCur inspector.Cursor, idx int, kind int) use {
	call := callCur.Node().(*ast.CallExpr)
	fn := c.model.Callee(call)
	if fn == nil {
		// A function value, a conversion, a builtin (append).
		if kind == trackBody && c.readerOnly(call, idx) {
			return use{}
		}
		return handoff
	}
	if kind == trackResponse && inList(storers, fn, idx) {
		return use{kind: useHandoff, store: true}
	}
	if kind == trackBody {
		if inList(drainers, fn, idx) {
			return use{kind: useClose, node: call}
		}
		if inList(readers, fn, idx) {
			return use{}
		}
		if inList(wrappers, fn, idx) {
			return c.wrapperUse(callCur)
		}
	}
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		if s := c.pass.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.MethodExpr {
			return handoff // T.M(recv, args): arguments are shifted
		}
	}
	sig := fn.Signature()
	if idx >= 64 || idx >= sig.Params().Len() || sig.Variadic() && idx >= sig.Params().Len()-1 {
		return handoff
	}
	f := c.factOf(fn)
	switch {
	case f == nil:
		if kind == trackBody && c.readerOnly(call, idx) {
			return use{}
		}
		return handoff
	case kind == trackResponse && f.Passes == idx+1 && callCur.ParentEdgeKind() != edge.DeferStmt_Call && callCur.ParentEdgeKind() != edge.GoStmt_Call:
		return use{kind: usePass, node: call}
	case f.ClosesOnError&(1<<idx) != 0 && callCur.ParentEdgeKind() != edge.DeferStmt_Call:
		return use{kind: useCloseOnError, node: call}
	case f.Owns&(1<<idx) != 0:
		if callCur.ParentEdgeKind() == edge.DeferStmt_Call {
			return use{kind: useDeferClose, node: callCur.Parent().Node()}
		}
		return use{kind: useClose, node: call}
	case f.Borrows&(1<<idx) != 0:
		return use{}
	}
	return handoff
}

// readerOnly reports whether argument idx of call is received as a plain
// reader (an interface without Close) by a function whose results are all
// basic values or errors: it can read the body, not close it (short of a
// type assertion) nor keep it past the call.
func (c *checker) readerOnly(call *ast.CallExpr, idx int) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if _, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); ok {
			return false
		}
	}
	tv, ok := c.pass.TypesInfo.Types[call.Fun]
	if !ok || tv.IsType() {
		return false
	}
	sig, ok := tv.Type.Underlying().(*types.Signature)
	if !ok {
		return false
	}
	n := sig.Params().Len()
	var pt types.Type
	switch {
	case sig.Variadic() && idx >= n-1:
		sl, ok := sig.Params().At(n - 1).Type().(*types.Slice)
		if !ok {
			return false
		}
		pt = sl.Elem()
	case idx < n:
		pt = sig.Params().At(idx).Type()
	default:
		return false
	}
	iface, ok := pt.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	for i := 0; i < iface.NumMethods(); i++ {
		if iface.Method(i).Name() == "Close" {
			return false
		}
	}
	for i := 0; i < sig.Results().Len(); i++ {
		t := sig.Results().At(i).Type()
		if _, basic := t.Underlying().(*types.Basic); !basic && !isError(t) {
			return false
		}
	}
	return true
}

// wrapperUse classifies the reader a wrapper call at cur builds around a
// body: used at once (json.NewDecoder(resp.Body).Decode(&v)), or kept in
// a local variable that is only used for method calls, it only reads the
// body; any other use lets the body escape.
func (c *checker) wrapperUse(cur inspector.Cursor) use {
	cur = skipParens(cur)
	parent := cur.Parent()
	switch cur.ParentEdgeKind() {
	case edge.SelectorExpr_X:
		if parent.ParentEdgeKind() == edge.CallExpr_Fun {
			return use{}
		}
	case edge.CallExpr_Args:
		return c.argUse(parent, cur.ParentEdgeIndex(), trackBody)
	case edge.AssignStmt_Rhs:
		as := parent.Node().(*ast.AssignStmt)
		if len(as.Lhs) == 1 && len(as.Rhs) == 1 {
			return c.wrapperVar(as.Lhs[0])
		}
	case edge.ValueSpec_Values:
		vs := parent.Node().(*ast.ValueSpec)
		if len(vs.Names) == 1 && len(vs.Values) == 1 {
			return c.wrapperVar(vs.Names[0])
		}
	}
	return handoff
}

// wrapperVar classifies a variable holding a reader wrapped around a body.
func (c *checker) wrapperVar(lhs ast.Expr) use {
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return handoff
	}
	v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return handoff
	}
	n := 0
	for _, a := range c.model.AssignmentsOf(v) {
		if !a.Zero {
			n++
		}
	}
	if n != 1 {
		return handoff
	}
	u := use{}
	for _, wid := range c.model.Uses(v) {
		cur, ok := c.model.Cursor(wid)
		if !ok {
			return handoff
		}
		cur = skipParens(cur)
		if cur.ParentEdgeKind() != edge.SelectorExpr_X || cur.Parent().ParentEdgeKind() != edge.CallExpr_Fun {
			return handoff
		}
		for p := cur.Parent(); p.Node() != nil; p = p.Parent() {
			if _, ok := p.Node().(*ast.FuncLit); ok && p.Node().Pos() > id.Pos() {
				return handoff // used by a closure
			}
			if _, ok := p.Node().(*ast.FuncDecl); ok {
				break
			}
		}
		u.wrappers = append(u.wrappers, wid)
	}
	return u
}
