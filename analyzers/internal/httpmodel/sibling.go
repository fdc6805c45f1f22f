package httpmodel

import (
	"go/types"
	"strings"
)

// contextSuffixes are the name endings Go APIs give the context-taking
// variant of a function: Do and DoWithContext, Query and QueryContext,
// Get and GetCtx.
var contextSuffixes = [...]string{"WithContext", "Context", "Ctx", "WithCtx"}

// ContextSibling returns the context-taking variant of fn, when fn takes
// no context and its package offers one: the function (or, for a method,
// the method of the same receiver type) named fn's name plus one of the
// conventional suffixes, which takes a context.Context and is not known
// by fact to drop it. It returns nil when there is none.
func (m *Model) ContextSibling(fn *types.Func) *types.Func { return m.r.contextSibling(fn) }

func (r *resolver) contextSibling(fn *types.Func) *types.Func {
	if fn == nil || fn.Pkg() == nil || hasContextParam(fn) {
		return nil
	}
	fn = fn.Origin()
	recv := fn.Signature().Recv()
	for _, suffix := range contextSuffixes {
		name := fn.Name() + suffix
		var obj types.Object
		if recv != nil {
			obj, _, _ = types.LookupFieldOrMethod(recv.Type(), true, fn.Pkg(), name)
		} else {
			obj = fn.Pkg().Scope().Lookup(name)
		}
		sib, ok := obj.(*types.Func)
		if !ok || !hasContextParam(sib) {
			continue
		}
		if fact := r.factOf(sib); fact != nil && fact.Sends && (fact.Sent.Context == CtxNone || fact.Sent.Context == CtxBackground) {
			continue // it takes a context and drops it: no better
		}
		return sib
	}
	return nil
}

// hasContextParam reports whether fn has a context.Context parameter.
func hasContextParam(fn *types.Func) bool {
	params := fn.Signature().Params()
	for i := 0; i < params.Len(); i++ {
		if IsNamed(params.At(i).Type(), "context", "Context") {
			return true
		}
	}
	return false
}

// InModule reports whether pkg belongs to the module being analysed, so
// that a change to its functions is the user's to make. When the driver
// does not say which module that is (GOPATH mode, some drivers), every
// package counts as the user's, as it did before modules.
func (m *Model) InModule(pkg *types.Package) bool { return m.r.inModule(pkg) }

func (r *resolver) inModule(pkg *types.Package) bool {
	if pkg == nil || pkg == r.pass.Pkg {
		return true
	}
	mod := r.pass.Module
	if mod == nil || mod.Path == "" {
		return true
	}
	p := pkg.Path()
	return p == mod.Path || strings.HasPrefix(p, mod.Path+"/")
}

// sealedSend reports whether a context-less request sent by calling
// callee is out of the module's reach: callee is a function known by
// fact to send, has no context-taking variant, and is either in another
// module or sealed itself.
func (r *resolver) sealedSend(callee *types.Func, via Via) bool {
	if via != ViaFact || r.contextSibling(callee) != nil {
		return false
	}
	if !r.inModule(callee.Pkg()) {
		return true
	}
	fact := r.factOf(callee)
	return fact != nil && fact.Sealed
}
