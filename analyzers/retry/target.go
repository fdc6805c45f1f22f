package retry

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/httpvet/httpvet/analyzers/internal/facttable"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// Loops whose target changes each round (paging, failover, parent domains)
// are not retries.

// targetVaries reports whether the request of a loop goes somewhere else
// each round: its URL (or, for a wrapper, an argument other than a
// context, or its receiver) reads a variable the loop changes from one
// iteration to the next (a counter, a range variable, a domain cut down to
// its parent, a page number, the next host), directly or through variables
// computed from it in the body; or the loop rewrites the URL of a request
// built before it.
func (c *checker) targetVaries(loop ast.Stmt, req *httpmodel.Request) bool {
	info := c.pass.TypesInfo
	var body *ast.BlockStmt
	varying := make(map[*types.Var]bool)
	switch l := loop.(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
		for _, e := range []ast.Expr{l.Key, l.Value} {
			if v := c.identVar(e); v != nil {
				varying[v] = true
			}
		}
	}
	// Variables declared outside the body and assigned in the loop carry a
	// value from one round to the next.
	urlWrite := false
	ast.Inspect(loop, func(n ast.Node) bool {
		var lhs []ast.Expr
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE && !astq.Within(n, body) {
				return true // the init statement of a for loop
			}
			lhs = n.Lhs
		case *ast.IncDecStmt:
			lhs = []ast.Expr{n.X}
		}
		for _, l := range lhs {
			if c.writesURL(l) {
				urlWrite = true
			}
			if v := rootOf(info, l); v != nil && !astq.Within(varDecl(v), body) {
				varying[v] = true
			}
		}
		return true
	})
	if urlWrite && req.BuiltBy != nil && !astq.Within(req.BuiltBy, loop) {
		return true
	}
	targets := c.targetExprs(req, loop)
	if len(targets) == 0 {
		return false
	}
	// Variables of the body computed from varying ones vary too.
	facttable.Settle(0, func() bool {
		changed := false
		ast.Inspect(body, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok {
				return true
			}
			reads := false
			for _, r := range as.Rhs {
				for v := range varsOf(info, r) {
					if varying[v] {
						reads = true
					}
				}
			}
			if !reads {
				return true
			}
			for _, l := range as.Lhs {
				if v := rootOf(info, l); v != nil && !varying[v] {
					varying[v] = true
					changed = true
				}
			}
			return true
		})
		return changed
	})
	for _, t := range targets {
		for v := range varsOf(info, t) {
			if varying[v] {
				return true
			}
		}
	}
	return false
}

// targetExprs returns the expressions that say where a request goes: the
// URL argument of the request's builder when the loop builds it, of
// http.Get and its siblings, or a wrapper's receiver and its arguments that
// can name an address.
func (c *checker) targetExprs(req *httpmodel.Request, loop ast.Stmt) []ast.Expr {
	info := c.pass.TypesInfo
	if b := req.BuiltBy; b != nil {
		if !astq.Within(b, loop) {
			return nil
		}
		if fn := httpmodel.Callee(info, b); fn != nil && fn.Name() == "NewRequestWithContext" && len(b.Args) == 4 {
			return b.Args[2:3]
		}
		if len(b.Args) == 3 {
			return b.Args[1:2]
		}
		return nil
	}
	call := req.Call
	fn := req.Callee
	if req.Via == httpmodel.ViaNetHTTP {
		switch fn.Name() {
		case "Get", "Head", "Post", "PostForm":
			if len(call.Args) > 0 {
				return call.Args[:1]
			}
		}
		return nil // Do(req) of a request built elsewhere
	}
	var out []ast.Expr
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal {
			out = append(out, sel.X)
		}
	}
	for _, a := range call.Args {
		if isAddress(info.TypeOf(a)) {
			out = append(out, a)
		}
	}
	return out
}

// isAddress reports a type a wrapper's target can be given as: a string
// (a URL, a path, a host), an integer (a page), a *url.URL. Bodies,
// options and out-parameters are not where the request goes.
func isAddress(t types.Type) bool {
	if t == nil {
		return false
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		return b.Info()&(types.IsString|types.IsInteger) != 0
	}
	return httpmodel.IsNamed(t, "net/url", "URL") || httpmodel.IsPointerTo(t, "net/url", "URL")
}

// writesURL reports an assignment target inside a request's URL: req.URL,
// req.URL.Host, req.Host, u.Path of a *url.URL.
func (c *checker) writesURL(l ast.Expr) bool {
	for {
		sel, ok := ast.Unparen(l).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		if f, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Var); ok && f.IsField() && f.Pkg() != nil {
			switch {
			case f.Pkg().Path() == "net/url":
				return true
			case f.Pkg().Path() == "net/http" && (f.Name() == "URL" || f.Name() == "Host"):
				return true
			}
		}
		l = sel.X
	}
}

// rootOf returns the local or package variable at the root of x, x.f, x[i], *x.
func rootOf(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			if v, ok := info.Defs[x].(*types.Var); ok {
				return v
			}
			v, _ := info.Uses[x].(*types.Var)
			return v
		case *ast.SelectorExpr:
			if s, ok := info.Selections[x]; ok && s.Kind() == types.FieldVal {
				e = x.X
				continue
			}
			v, _ := info.Uses[x.Sel].(*types.Var)
			return v
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// varDecl returns a node spanning the declaration of v, for within.
func varDecl(v *types.Var) ast.Node { return posNode(v.Pos()) }

type posNode token.Pos

func (p posNode) Pos() token.Pos { return token.Pos(p) }
func (p posNode) End() token.Pos { return token.Pos(p) + 1 }

// varsOf returns the variables an expression refers to, outside function
// literals.
func varsOf(info *types.Info, n ast.Node) map[*types.Var]bool {
	vars := make(map[*types.Var]bool)
	ast.Inspect(n, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				vars[v] = true
			}
		}
		return true
	})
	return vars
}
