package bodyclose

import (
	"go/ast"
	"go/types"
	"slices"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// Kinds of error a return gives.
const (
	errUnknown = iota
	errNil     // the literal nil
	errNonNil  // certainly non-nil: a constructor, a composite literal
	errInherit // the error of a call that closes the parameter on error
)

// errorKind classifies the error (last result) that ret gives, for the
// parameter p of the function whose results are sig's.
func (c *checker) errorKind(ret *ast.ReturnStmt, sig *types.Signature, p *types.Var) int {
	n := sig.Results().Len()
	if n == 0 || !isError(sig.Results().At(n-1).Type()) || len(ret.Results) == 0 {
		return errUnknown
	}
	var e ast.Expr
	switch {
	case len(ret.Results) == n:
		e = ret.Results[n-1]
	case len(ret.Results) == 1:
		// return f(...) of a call with the same results.
		if call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr); ok {
			return c.callErrorKind(call, p)
		}
		return errUnknown
	default:
		return errUnknown
	}
	e = ast.Unparen(e)
	if c.isNil(e) {
		return errNil
	}
	if t := c.pass.TypesInfo.TypeOf(e); t != nil && !types.IsInterface(t) {
		// A concrete value (an APIError struct, a *MyError) converted to
		// the error interface: the interface is never nil.
		return errNonNil
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return errNonNil
	case *ast.UnaryExpr:
		if _, ok := ast.Unparen(e.X).(*ast.CompositeLit); ok {
			return errNonNil
		}
	case *ast.CallExpr:
		return c.callErrorKind(e, p)
	}
	return errUnknown
}

// callErrorKind classifies the error a call returns: an error constructor,
// a function known by fact to return non-nil errors, or one that closes p
// on error.
func (c *checker) callErrorKind(call *ast.CallExpr, p *types.Var) int {
	fn := c.model.Callee(call)
	if httpmodel.IsFunc(fn, "errors", "", "New") || httpmodel.IsFunc(fn, "fmt", "", "Errorf") {
		return errNonNil
	}
	f := c.factOf(fn)
	if f == nil {
		return errUnknown
	}
	if f.ErrNonNil {
		return errNonNil
	}
	for i, arg := range call.Args {
		if i < 64 && f.ClosesOnError&(1<<i) != 0 && c.refersTo(arg, p) {
			return errInherit
		}
	}
	return errUnknown
}

// refersTo reports whether e is p, or p.Body.
func (c *checker) refersTo(e ast.Expr, p *types.Var) bool {
	e = ast.Unparen(e)
	if sel, ok := e.(*ast.SelectorExpr); ok && sel.Sel.Name == "Body" {
		e = ast.Unparen(sel.X)
	}
	id, ok := e.(*ast.Ident)
	return ok && c.pass.TypesInfo.Uses[id] == p
}

// errNonNil reports whether every return of decl gives a non-nil error.
func (c *checker) errNonNil(decl *ast.FuncDecl, sig *types.Signature) bool {
	rets := c.model.Returns(decl)
	if len(rets) == 0 {
		return false
	}
	for _, ret := range rets {
		if c.errorKind(ret, sig, nil) != errNonNil {
			return false
		}
	}
	return true
}

// closesOnError reports whether decl takes over its parameter p only on
// paths that return a non-nil error: every return reached after a close
// (or a hand-off) of p gives a non-nil error, and at least one is reached
// so. Conditions are not read: both branches are followed.
func (c *checker) closesOnError(decl *ast.FuncDecl, sig *types.Signature, p *types.Var, kind int) bool {
	var closing []ast.Node
	for _, u := range c.usesIn(p, decl, kind) {
		switch u.kind {
		case useNeutral, useUpgrade:
		case useDeferClose:
			return false // closed on every path out
		default:
			closing = append(closing, u.node)
		}
	}
	if len(closing) == 0 {
		return false
	}
	return c.closedOnlyOnError(decl, sig, p, closing)
}

// closedOnlyOnError reports whether every return of decl reached after
// one of the closing nodes (closes or hand-offs of p) gives a non-nil
// error, and at least one is reached so.
func (c *checker) closedOnlyOnError(decl *ast.FuncDecl, sig *types.Signature, p *types.Var, closing []ast.Node) bool {
	closesAt := func(n ast.Node) bool {
		return slices.ContainsFunc(closing, func(u ast.Node) bool { return n.Pos() <= u.Pos() && u.End() <= n.End() })
	}
	g := c.cfgOf(decl, decl.Body)
	type key struct {
		blk    int32
		closed bool
	}
	seen := map[key]bool{{0, false}: true}
	work := []key{{0, false}}
	closedReturn := false
	for len(work) > 0 {
		k := work[len(work)-1]
		work = work[:len(work)-1]
		blk := g.Blocks[k.blk]
		closed := k.closed
		for _, n := range blk.Nodes {
			if closesAt(n) {
				closed = true
			}
			if ret, ok := n.(*ast.ReturnStmt); ok && closed {
				switch c.errorKind(ret, sig, p) {
				case errNonNil, errInherit:
					closedReturn = true
				default:
					return false
				}
			}
		}
		for _, succ := range blk.Succs {
			if nk := (key{succ.Index, closed}); !seen[nk] {
				seen[nk] = true
				work = append(work, nk)
			}
		}
	}
	return closedReturn
}
