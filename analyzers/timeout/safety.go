package timeout

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// This file holds the rules that keep the Timeout fix from changing what a
// program does.

// dropsCallerContext reports whether the request runs without a context
// (or with context.Background) although an enclosing function has one to
// pass: a context.Context parameter or an inbound request. ctxprop reports
// that drop, and its fix (pass the caller's context) bounds the request by
// its caller's lifetime; the Timeout fix would add a second bound, fixed
// and client-wide, so it is not offered. Work started by a go statement
// outlives its caller and has no context to pass.
func (c *checker) dropsCallerContext(req *httpmodel.Request) bool {
	if k := req.Context.Kind; k != httpmodel.CtxNone && k != httpmodel.CtxBackground {
		return false // WithoutCancel drops the caller's deadline on purpose
	}
	cur, ok := c.model.Cursor(req.Call)
	if !ok {
		return false
	}
	for fc := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		fn := fc.Node()
		if lit, ok := fn.(*ast.FuncLit); ok && c.model.RunsApart(lit) {
			return false
		}
		if c.model.InboundRequest(fn) != nil {
			return true
		}
		sig := fixes.Signature(c.pass.TypesInfo, fn)
		for i := 0; sig != nil && i < sig.Params().Len(); i++ {
			if p := sig.Params().At(i); p.Name() != "_" && p.Name() != "" && httpmodel.IsNamed(p.Type(), "context", "Context") {
				return true
			}
		}
	}
	return false
}

// timeoutIsSafe reports whether a Client.Timeout can be added to the
// client without breaking a request it sends. Client.Timeout bounds the
// whole exchange, reading the body included: a client whose response
// bodies are returned to the caller, streamed (copied to a writer, read
// incrementally) or kept would fail every download or stream longer than
// the timeout. A deadline on the request's context has the same effect
// once the function returns the body, so no fix is offered then. It is
// safe only when every request the client can send is visible here and
// each reads or discards its response in the function that sends it.
func (c *checker) timeoutIsSafe(cl httpmodel.Client) bool {
	key := constructionKey(cl.Construction)
	if key == nil {
		return false
	}
	if v := cl.Var; v != nil && (v.Exported() || !c.onlySends(v)) {
		return false // other packages, or code that receives the client, may send through it
	}
	reqs := c.byConstruction[key]
	if len(reqs) == 0 {
		return false
	}
	for _, req := range reqs {
		if !c.responseConsumed(req) {
			return false
		}
	}
	return true
}

// onlySends reports whether every use of the client variable v is a
// method call or field access on it: no other code gets hold of it.
func (c *checker) onlySends(v *types.Var) bool {
	for _, id := range c.model.Uses(v) {
		cur, ok := c.model.Cursor(id)
		if !ok {
			return false
		}
		if cur.ParentEdgeKind() != edge.SelectorExpr_X {
			return false
		}
	}
	return true
}

// responseConsumed reports whether the response of req is dealt with in the
// function that sends it: discarded, or held in a local variable used only
// for its status and headers, closing its body, and reading the body whole
// into memory (io.ReadAll, a JSON or XML decoder, io.Copy to io.Discard or
// to a local buffer).
func (c *checker) responseConsumed(req *httpmodel.Request) bool {
	cur, ok := c.model.Cursor(req.Call)
	if !ok {
		return false
	}
	var resp *types.Var
	switch p := cur.Parent().Node().(type) {
	case *ast.ExprStmt:
		return true
	case *ast.AssignStmt:
		if cur.ParentEdgeKind() != edge.AssignStmt_Rhs || len(p.Rhs) != 1 || len(p.Lhs) == 0 {
			return false
		}
		resp = c.localVar(p.Lhs[0])
		if resp == nil {
			return astq.IsBlank(p.Lhs[0])
		}
	case *ast.ValueSpec:
		if len(p.Values) != 1 || len(p.Names) == 0 {
			return false
		}
		if p.Names[0].Name == "_" {
			return true
		}
		resp, _ = c.pass.TypesInfo.Defs[p.Names[0]].(*types.Var)
		if resp == nil {
			return false
		}
	default:
		return false
	}
	for _, id := range c.model.Uses(resp) {
		use, ok := c.model.Cursor(id)
		if !ok || !c.localUse(use) {
			return false
		}
	}
	return true
}

// localVar returns the local variable e names, or nil.
func (c *checker) localVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok || v.IsField() || v.Parent() == c.pass.Pkg.Scope() {
		return nil
	}
	return v
}

// localUse reports whether a use of the response variable keeps the
// response in the function: resp == nil, resp.StatusCode, resp.Header...,
// resp.Body.Close(), and resp.Body read whole into memory.
func (c *checker) localUse(use inspector.Cursor) bool {
	switch p := use.Parent().Node().(type) {
	case *ast.BinaryExpr:
		return true // resp != nil
	case *ast.AssignStmt:
		return use.ParentEdgeKind() == edge.AssignStmt_Lhs // resp, err = ...: reassigned
	case *ast.SelectorExpr:
		if p.Sel.Name != "Body" {
			// resp.StatusCode, resp.Header.Get(...): metadata. A method
			// handing the response on (resp.Write(w)) streams it.
			_, isMethod := c.pass.TypesInfo.Uses[p.Sel].(*types.Func)
			return !isMethod
		}
		return c.bodyReadWhole(use.Parent())
	}
	return false
}

// bodyReadWhole reports whether the resp.Body expression at cur is closed,
// compared, or read whole into memory.
func (c *checker) bodyReadWhole(cur inspector.Cursor) bool {
	switch p := cur.Parent().Node().(type) {
	case *ast.BinaryExpr:
		return true
	case *ast.SelectorExpr:
		return p.Sel.Name == "Close"
	case *ast.CallExpr:
		if cur.ParentEdgeKind() != edge.CallExpr_Args {
			return false
		}
		fn := c.model.Callee(p)
		switch {
		case httpmodel.IsFunc(fn, "io", "", "ReadAll"), httpmodel.IsFunc(fn, "io/ioutil", "", "ReadAll"),
			httpmodel.IsFunc(fn, "encoding/json", "", "NewDecoder"), httpmodel.IsFunc(fn, "encoding/xml", "", "NewDecoder"):
			return true
		case httpmodel.IsFunc(fn, "io", "", "LimitReader"):
			return c.bodyReadWhole(cur.Parent()) // io.ReadAll(io.LimitReader(resp.Body, n))
		case httpmodel.IsFunc(fn, "io", "", "Copy"), httpmodel.IsFunc(fn, "io", "", "CopyN"), httpmodel.IsFunc(fn, "io", "", "CopyBuffer"):
			return cur.ParentEdgeIndex() == 1 && c.inMemory(p.Args[0])
		}
	}
	return false
}

// inMemory reports whether the writer w is io.Discard or a local buffer
// (&buf of a bytes.Buffer or strings.Builder variable, or such a pointer
// variable): copying into it reads the body, it does not stream it on.
func (c *checker) inMemory(w ast.Expr) bool {
	w = ast.Unparen(w)
	if sel, ok := w.(*ast.SelectorExpr); ok {
		v, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Var)
		return ok && v.Pkg() != nil && v.Pkg().Path() == "io" && v.Name() == "Discard"
	}
	if u, ok := w.(*ast.UnaryExpr); ok {
		w = ast.Unparen(u.X)
	}
	v := c.localVar(w)
	if v == nil {
		return false
	}
	t := types.Unalias(v.Type())
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	return httpmodel.IsNamed(t, "bytes", "Buffer") || httpmodel.IsNamed(t, "strings", "Builder")
}
