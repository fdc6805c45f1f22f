package httpmodel

import (
	"go/ast"
	"go/types"
)

// CtxKind classifies the context a request carries.
type CtxKind int

// Kinds of context.
const (
	// CtxUnknown: the model cannot tell (a field, a function result, ...).
	CtxUnknown CtxKind = iota
	// CtxNone: the request has no context of its own (http.NewRequest,
	// http.Get, (*http.Client).Get, ...): it runs with context.Background.
	CtxNone
	// CtxBackground: context.Background() or context.TODO(), or derived from
	// them without a deadline (WithCancel, WithValue).
	CtxBackground
	// CtxDetached: context.WithoutCancel(...), which drops the parent's deadline and cancellation.
	CtxDetached
	// CtxParam: a context.Context parameter (or derived from one without a deadline).
	CtxParam
	// CtxInbound: the context of an *http.Request parameter, r.Context().
	CtxInbound
	// CtxDeadline: derived with WithTimeout or WithDeadline (or their Cause variants).
	CtxDeadline
)

var ctxKindNames = [...]string{"unknown", "none", "background", "detached", "param", "inbound", "deadline"}

func (k CtxKind) String() string {
	if int(k) < len(ctxKindNames) {
		return ctxKindNames[k]
	}
	return "invalid"
}

// Context is what the model knows of a request's context.
type Context struct {
	Kind CtxKind
	// Expr is the context expression given to the request, when there is one.
	Expr ast.Expr
	// Param is the parameter index (of the enclosing declaration) for CtxParam, else -1.
	Param int
	// Root is the kind of the context this one derives from, through
	// WithCancel, WithValue, WithTimeout and WithDeadline: for
	// WithTimeout(context.Background(), d), Kind is CtxDeadline and Root
	// CtxBackground. RootExpr is the root's expression (the Background() call).
	Root     CtxKind
	RootExpr ast.Expr
	// Cancel reports that the context is derived through WithCancel or
	// WithCancelCause: someone holds a function that cancels it, even
	// when its root is context.Background().
	Cancel bool
}

// rooted returns c as its own root.
func rooted(c Context) Context {
	c.Root, c.RootExpr = c.Kind, c.Expr
	return c
}

// Unbounded reports whether the context visibly ends nothing: none,
// background, or detached. Unknown contexts count as bounded, so that the
// analyzers stay silent when they cannot see.
func (c Context) Unbounded() bool {
	return c.Kind == CtxNone || c.Kind == CtxBackground || c.Kind == CtxDetached
}

// CallerOwned reports whether the context comes from whoever called this
// code (a parameter or an inbound request), who owns its lifetime.
func (c Context) CallerOwned() bool { return c.Kind == CtxParam || c.Kind == CtxInbound }

// context classifies a context expression inside function f.
func (r *resolver) context(e ast.Expr, f *funcInfo, depth int) Context {
	unknown := rooted(Context{Kind: CtxUnknown, Expr: e, Param: -1})
	if e == nil || depth > maxDepth {
		return unknown
	}
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.Ident:
		v, ok := r.info.Uses[e].(*types.Var)
		if !ok {
			return unknown
		}
		a, assigned := r.valueAssign(v, e.Pos())
		if !assigned {
			if idx, isParam := r.paramIndex(v, f); isParam && IsNamed(v.Type(), "context", "Context") {
				return rooted(Context{Kind: CtxParam, Expr: e, Param: idx})
			}
			return unknown
		}
		if a.Value == nil {
			return unknown
		}
		c := r.context(a.Value, f, depth+1)
		c.Expr = e
		return c
	case *ast.CallExpr:
		fn := r.callee(e)
		if fn == nil {
			return unknown
		}
		if fn.Pkg() != nil && isContextPackage(fn.Pkg().Path()) && fn.Signature().Recv() == nil {
			switch fn.Name() {
			case "Background", "TODO":
				return rooted(Context{Kind: CtxBackground, Expr: e, Param: -1})
			case "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause":
				c := Context{Kind: CtxDeadline, Expr: e, Param: -1}
				if len(e.Args) > 0 {
					parent := r.linked(e, r.context(e.Args[0], f, depth+1), f, depth)
					c.Root, c.RootExpr = parent.Root, parent.RootExpr
				}
				return c
			case "WithoutCancel":
				return rooted(Context{Kind: CtxDetached, Expr: e, Param: -1})
			case "WithCancel", "WithCancelCause", "WithValue":
				if len(e.Args) > 0 {
					c := r.linked(e, r.context(e.Args[0], f, depth+1), f, depth)
					c.Expr = e
					if fn.Name() != "WithValue" {
						c.Cancel = true
					}
					return c
				}
			}
			return unknown
		}
		// r.Context() of an *http.Request.
		if IsFunc(fn, "net/http", "Request", "Context") {
			if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
				// A request parameter not reassigned before here carries its
				// caller's context (an inbound request's, in a handler).
				if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
					if v, ok := r.info.Uses[id].(*types.Var); ok {
						if _, assigned := r.lastAssign(v, id.Pos()); !assigned {
							if _, isParam := r.paramIndex(v, f); isParam {
								return rooted(Context{Kind: CtxInbound, Expr: e, Param: -1})
							}
						}
					}
				}
				// The context of a request built here is the one it was built with.
				if d := r.request(sel.X, f, depth+1); !d.inheritCtx {
					c := d.ctx
					c.Expr = e
					return c
				}
			}
		}
	}
	return unknown
}

// linked returns the parent of the context call derives, or, when the
// parent is Background and the code cancels the derived context once
// another context ends (see cancel.go), that other context: the derived
// context ends with it, as if derived from it.
func (r *resolver) linked(call *ast.CallExpr, parent Context, f *funcInfo, depth int) Context {
	if parent.Root != CtxBackground {
		return parent
	}
	if l, ok := r.linkedContext(call, f, depth); ok {
		return l
	}
	return parent
}

// isContextPackage reports whether path is the standard context package or
// golang.org/x/net/context, whose functions of the same names forward to
// it (its Context is an alias of context.Context); older code still
// imports the latter.
func isContextPackage(path string) bool {
	return path == "context" || path == "golang.org/x/net/context"
}
