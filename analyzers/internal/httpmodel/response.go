package httpmodel

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"sync"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
	"github.com/httpvet/httpvet/analyzers/internal/fixes"
)

// IsResponse reports whether t is *http.Response, or a pointer to a struct
// that embeds one (an SDK's response type, whose StatusCode and Body are
// those of the embedded response). Every analyzer asks this one question,
// so that an SDK's response is checked by all of them or by none.
func IsResponse(t types.Type) bool {
	if IsPointerTo(t, "net/http", "Response") {
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
		if f.Embedded() && (IsPointerTo(f.Type(), "net/http", "Response") || IsNamed(f.Type(), "net/http", "Response")) {
			return true
		}
	}
	return false
}

// Binding is the statement that receives the results of a request call,
// resp, err := call (or =), or var resp, err = call, and the region of the
// function in which resp holds this response.
type Binding struct {
	// Cursor and Stmt are the receiving statement (an *ast.AssignStmt, or
	// the *ast.DeclStmt of a var declaration).
	Cursor inspector.Cursor
	Stmt   ast.Stmt
	// Assign is Stmt as an assignment; nil for a var declaration.
	Assign *ast.AssignStmt
	// RespExpr and ErrExpr are the left-hand sides receiving the response
	// and the error (an identifier, perhaps _, or a selector).
	RespExpr, ErrExpr ast.Expr
	// Resp is the variable receiving the response; Err the one receiving
	// the error, nil when the error is discarded with _ (or lands in a
	// field).
	Resp, Err *types.Var
	// Func is the innermost function containing the statement.
	Func ast.Node
	// End is where the region ends: the next assignment to Resp after
	// Stmt, or the end of Func.
	End token.Pos
}

// ErrDiscarded reports whether the error is thrown away with _.
func (b *Binding) ErrDiscarded() bool {
	id, ok := ast.Unparen(b.ErrExpr).(*ast.Ident)
	return ok && id.Name == "_"
}

// UsesAfter returns the uses of v in b's region, in source order: after
// its statement, before the response variable is assigned again or the
// function ends.
func (m *Model) UsesAfter(v *types.Var, b *Binding) []*ast.Ident {
	return UsesBetween(m.Uses(v), b.Stmt.End(), b.End)
}

// UsesBetween returns the identifiers of uses, which are in source order,
// that start strictly after from and before to.
func UsesBetween(uses []*ast.Ident, from, to token.Pos) []*ast.Ident {
	i := sort.Search(len(uses), func(i int) bool { return uses[i].Pos() > from })
	j := sort.Search(len(uses), func(j int) bool { return uses[j].Pos() >= to })
	if i >= j {
		return nil
	}
	return uses[i:j]
}

// bindings holds the binding of every request of the package, computed on
// first use; safe for the analyzers sharing the model to call concurrently.
type bindings struct {
	once sync.Once
	of   map[*Request]*Binding
}

// Binding returns the statement receiving req's results in a response
// variable and an error, or nil when they are not received that way (the
// response is dropped with _, returned directly, passed on, or the call
// returns no error).
func (m *Model) Binding(req *Request) *Binding {
	m.bindings.once.Do(func() {
		m.bindings.of = make(map[*Request]*Binding, len(m.Requests))
		for _, r := range m.Requests {
			if b := m.bind(r); b != nil {
				m.bindings.of[r] = b
			}
		}
	})
	return m.bindings.of[req]
}

// bind computes req's binding.
func (m *Model) bind(req *Request) *Binding {
	cur, ok := m.Cursor(req.Call)
	if !ok || req.Func == nil {
		return nil
	}
	tuple, ok := m.info.TypeOf(req.Call).(*types.Tuple)
	if !ok || tuple.Len() < 2 || !fixes.IsError(tuple.At(tuple.Len()-1).Type()) {
		return nil
	}
	errIdx, respIdx := tuple.Len()-1, -1
	for i := 0; i < errIdx; i++ {
		if IsResponse(tuple.At(i).Type()) {
			respIdx = i
			break
		}
	}
	if respIdx < 0 {
		return nil
	}
	b := &Binding{Func: req.Func}
	var lhs []ast.Expr
	parent := cur.Parent()
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if cur.ParentEdgeKind() != edge.AssignStmt_Rhs || len(p.Rhs) != 1 || len(p.Lhs) != tuple.Len() {
			return nil
		}
		b.Cursor, b.Stmt, b.Assign, lhs = parent, p, p, p.Lhs
	case *ast.ValueSpec:
		if len(p.Values) != 1 || len(p.Names) != tuple.Len() {
			return nil
		}
		declStmt := parent.Parent().Parent()
		ds, ok := declStmt.Node().(*ast.DeclStmt)
		if !ok {
			return nil // package-level declaration
		}
		b.Cursor, b.Stmt = declStmt, ds
		for _, n := range p.Names {
			lhs = append(lhs, n)
		}
	default:
		return nil
	}
	b.RespExpr, b.ErrExpr = lhs[respIdx], lhs[errIdx]
	b.Resp, b.Err = astq.VarOf(m.info, b.RespExpr), astq.VarOf(m.info, b.ErrExpr)
	if b.Resp == nil {
		return nil // the response is dropped
	}
	b.End = req.Func.End()
	// Assignments take effect at the end of their statement: later than
	// b's own. They are in source order: the first one past the statement
	// ends the region.
	as := m.AssignmentsOf(b.Resp)
	i := sort.Search(len(as), func(i int) bool { return as[i].Pos > b.Stmt.End() })
	if i < len(as) && as[i].Pos < b.End {
		b.End = as[i].Pos
	}
	return b
}

// IsDoerMethod reports whether fn is the Do method of an interface, with
// http.Client's signature Do(*http.Request) (*http.Response, error): the
// seam SDKs put in front of their client so that callers can pass their
// own. Whatever implements it, its contract is the client's: the response
// it returns is the caller's to close.
func IsDoerMethod(fn *types.Func) bool {
	if fn == nil || fn.Name() != "Do" {
		return false
	}
	sig := fn.Signature()
	if sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) {
		return false
	}
	return sig.Params().Len() == 1 && IsPointerTo(sig.Params().At(0).Type(), "net/http", "Request") &&
		sig.Results().Len() == 2 && IsPointerTo(sig.Results().At(0).Type(), "net/http", "Response") &&
		types.Identical(sig.Results().At(1).Type(), types.Universe.Lookup("error").Type())
}

// ClosedResponse returns the response whose body call closes, for a call
// resp.Body.Close() (Body the field of net/http's Response, reached through
// the response or a type embedding it), or nil.
func ClosedResponse(info *types.Info, call *ast.CallExpr) ast.Expr {
	closeSel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || closeSel.Sel.Name != "Close" || len(call.Args) != 0 {
		return nil
	}
	bodySel, ok := ast.Unparen(closeSel.X).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	sel := info.Selections[bodySel]
	if sel == nil || sel.Kind() != types.FieldVal {
		return nil
	}
	if f := sel.Obj(); f.Name() != "Body" || f.Pkg() == nil || f.Pkg().Path() != "net/http" {
		return nil
	}
	return bodySel.X
}
