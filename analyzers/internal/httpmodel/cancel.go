package httpmodel

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A context derived from context.Background() can still end with its
// caller's: code that wants a deadline of its own but must not outlive the
// caller either links the two by hand, calling the derived context's
// cancel function once the caller's context is done:
//
//	tctx, cancel := context.WithTimeout(context.Background(), d)
//	go func() {
//		select {
//		case <-ctx.Done():
//			cancel()
//		case <-tctx.Done():
//		}
//	}()
//
// or with context.AfterFunc(ctx, cancel). The resolver records these links
// (the cancel function, and the context whose end calls it) so that such a
// context is rooted in the linked one rather than in Background.

// recordCancelOf notes the cancel function of `c, cancel := context.WithX(...)`.
func (r *resolver) recordCancelOf(lhs []ast.Expr, rhs []ast.Expr) {
	if len(lhs) != 2 || len(rhs) != 1 {
		return
	}
	call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
	if !ok || !r.returnsCancel(call) {
		return
	}
	if v := r.varOf(lhs[1]); v != nil {
		r.cancelOf[call] = v
	}
}

// returnsCancel reports whether call derives a context with a cancel
// function: context.WithCancel, WithTimeout, WithDeadline and their Cause
// variants.
func (r *resolver) returnsCancel(call *ast.CallExpr) bool {
	fn := r.callee(call)
	if fn == nil || fn.Pkg() == nil || !isContextPackage(fn.Pkg().Path()) || fn.Signature().Recv() != nil {
		return false
	}
	switch fn.Name() {
	case "WithCancel", "WithCancelCause", "WithTimeout", "WithTimeoutCause", "WithDeadline", "WithDeadlineCause":
		return true
	}
	return false
}

// recordContextAfterFunc links the functions context.AfterFunc(x, f) runs
// to x: f is called once x is done.
func (r *resolver) recordContextAfterFunc(call *ast.CallExpr) {
	fn := r.callees[call]
	if len(call.Args) != 2 || fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "context" || fn.Name() != "AfterFunc" {
		return
	}
	switch f := ast.Unparen(call.Args[1]).(type) {
	case *ast.Ident:
		r.linkCancel(f, call.Args[0])
	case *ast.FuncLit:
		r.linkCalls(f.Body.List, call.Args[0])
	}
}

// recordCommClause links the functions a select case calls to the context
// it waits on: case <-x.Done(): cancel().
func (r *resolver) recordCommClause(n *ast.CommClause) {
	if s, ok := n.Comm.(*ast.ExprStmt); ok {
		if x := r.doneOf(s.X); x != nil {
			r.linkCalls(n.Body, x)
		}
	}
}

// recordDoneWaits links the functions a function literal calls after
// waiting on a context (<-x.Done(); cancel()) to that context.
func (r *resolver) recordDoneWaits(lit *ast.FuncLit) {
	list := lit.Body.List
	for i, s := range list {
		if es, ok := s.(*ast.ExprStmt); ok {
			if x := r.doneOf(es.X); x != nil {
				r.linkCalls(list[i+1:], x)
				return
			}
		}
	}
}

// doneOf returns x when e is <-x.Done() for a context x, else nil.
func (r *resolver) doneOf(e ast.Expr) ast.Expr {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return nil
	}
	call, ok := ast.Unparen(u.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Done" {
		return nil
	}
	if t := r.info.TypeOf(sel.X); t == nil || !IsNamed(t, "context", "Context") {
		return nil
	}
	return sel.X
}

// linkCalls links every function variable called by a statement of list
// (cancel(), and defer cancel()) to the context x.
func (r *resolver) linkCalls(list []ast.Stmt, x ast.Expr) {
	for _, s := range list {
		var call *ast.CallExpr
		switch s := s.(type) {
		case *ast.ExprStmt:
			call, _ = ast.Unparen(s.X).(*ast.CallExpr)
		case *ast.DeferStmt:
			call = s.Call
		}
		if call == nil || len(call.Args) != 0 {
			continue
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			r.linkCancel(id, x)
		}
	}
}

func (r *resolver) linkCancel(id *ast.Ident, x ast.Expr) {
	if v, ok := r.info.Uses[id].(*types.Var); ok {
		r.cancelLinks[v] = append(r.cancelLinks[v], x)
	}
}

// linkedContext returns the context whose end cancels the context call
// derives, when the code links them (see above); ok is false when there
// is none that may end.
func (r *resolver) linkedContext(call *ast.CallExpr, f *funcInfo, depth int) (Context, bool) {
	v := r.cancelOf[call]
	if v == nil {
		return Context{}, false
	}
	for _, x := range r.cancelLinks[v] {
		// The derived context itself (case <-tctx.Done(): cancel()), or
		// one derived from it, links nothing.
		if r.derivesFrom(x, call, 0) {
			continue
		}
		if c := r.context(x, f, depth+1); !(Context{Kind: c.Root}).Unbounded() {
			return c, true
		}
	}
	return Context{}, false
}

// derivesFrom reports whether the context x is, or is derived from, the
// context call makes.
func (r *resolver) derivesFrom(x ast.Expr, call *ast.CallExpr, depth int) bool {
	for ; depth <= maxDepth; depth++ {
		switch e := ast.Unparen(x).(type) {
		case *ast.Ident:
			v, ok := r.info.Uses[e].(*types.Var)
			if !ok {
				return false
			}
			a, ok := r.valueAssign(v, e.Pos())
			if !ok || a.Value == nil {
				return false
			}
			x = a.Value
		case *ast.CallExpr:
			if e == call {
				return true
			}
			fn := r.callee(e)
			if fn == nil || fn.Pkg() == nil || !isContextPackage(fn.Pkg().Path()) || len(e.Args) == 0 {
				return false
			}
			x = e.Args[0]
		default:
			return false
		}
	}
	return false
}
