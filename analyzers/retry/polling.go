package retry

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// Waiting for success: a loop that probes until an endpoint answers 2xx.

// pollsForSuccess reports a loop that waits for one success and learns
// nothing else from an attempt: every test of the status is equality with
// one 2xx status or a 2xx range, the response is used for nothing but its
// status (its body closed or drained at most), and the request is a GET or
// HEAD without a body. For such a probe every other answer means "not
// yet" — a 404 is what an ingress answers before its route exists — so
// retrying it is not blanket. A loop that returns or reads the response is
// fetching a resource, for which a 404 is an answer, and stays reported.
func (c *checker) pollsForSuccess(li *loopInfo) bool {
	at := li.at
	if at.resp == nil {
		return false
	}
	switch at.req.Method {
	case "", "GET", "HEAD":
	default:
		return false
	}
	if b := at.req.BuiltBy; b != nil {
		bodyIdx := 2
		if fn := c.model.Callee(b); fn != nil && fn.Name() == "NewRequestWithContext" {
			bodyIdx = 3
		}
		if len(b.Args) > bodyIdx && c.visibleBody(b.Args[bodyIdx]) {
			return false
		}
	}
	return c.successOnlyTests(li.loop, at.resp, li.statusVars) && c.statusOnlyUse(li.fn, at)
}

// successOnlyTests reports whether every comparison of the status in n is
// with one and the same 2xx status, or a bound of the 2xx range (>= 200,
// < 300, /100 == 2), and whether n compares it at all.
func (c *checker) successOnlyTests(n ast.Node, resp *types.Var, vars map[*types.Var]bool) bool {
	ok, tested := true, false
	single := int64(-1)
	equal := func(v int64) {
		if v < 200 || v > 299 || (single >= 0 && v != single) {
			ok = false
		}
		single = v
	}
	ast.Inspect(n, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if n.Op == token.QUO && c.isStatus(n.X, resp, vars) {
				return true // status/100, judged by the comparison around it
			}
			x, y, op := n.X, n.Y, n.Op
			scale := int64(0)
			switch {
			case c.isStatus(x, resp, vars):
				scale = 1
			case c.isStatus(y, resp, vars):
				scale, x, y, op = 1, y, x, flip(op)
			case isHundreds(c, x, resp, vars):
				scale = 100
			case isHundreds(c, y, resp, vars):
				scale, x, y, op = 100, y, x, flip(op)
			}
			if scale == 0 {
				return true
			}
			switch op {
			case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			default:
				return true // arithmetic on the status, not a test
			}
			tested = true
			v, known := c.constInt(y)
			if !known {
				ok = false
				return false
			}
			if scale == 100 {
				ok = (op == token.EQL || op == token.NEQ) && v == 2
				return true
			}
			switch op {
			case token.EQL, token.NEQ:
				equal(v)
			case token.GEQ, token.LSS:
				ok = v == 200 || v == 300
			case token.GTR, token.LEQ:
				ok = v == 199 || v == 299
			}
		case *ast.SwitchStmt:
			if n.Tag == nil || !c.isStatus(n.Tag, resp, vars) {
				return true
			}
			tested = true
			for _, cl := range n.Body.List {
				for _, e := range cl.(*ast.CaseClause).List {
					v, known := c.constInt(e)
					if !known {
						ok = false
						return false
					}
					equal(v)
				}
			}
		}
		return true
	})
	return ok && tested
}

func isHundreds(c *checker, e ast.Expr, resp *types.Var, vars map[*types.Var]bool) bool {
	b, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok || b.Op != token.QUO || !c.isStatus(b.X, resp, vars) {
		return false
	}
	v, ok := c.constInt(b.Y)
	return ok && v == 100
}

// statusOnlyUse reports whether fn uses the attempt's response for nothing
// but its status: resp.StatusCode, a nil test, closing its body or
// draining it into io.Discard. Returning it, storing it, passing it on or
// reading its body or headers is using the answer.
func (c *checker) statusOnlyUse(fn ast.Node, at attempt) bool {
	info := c.pass.TypesInfo
	ok := true
	ast.PreorderStack(fn, nil, func(n ast.Node, stack []ast.Node) bool {
		if !ok {
			return false
		}
		id, isID := n.(*ast.Ident)
		if !isID || info.Uses[id] != at.resp {
			return true
		}
		parent := stack[len(stack)-1]
		switch p := parent.(type) {
		case *ast.AssignStmt:
			for _, l := range p.Lhs {
				if l == id {
					return true // assigned by the attempt
				}
			}
		case *ast.BinaryExpr:
			if (p.Op == token.EQL || p.Op == token.NEQ) && (isNil(info, p.X) || isNil(info, p.Y)) {
				return true
			}
		case *ast.SelectorExpr:
			switch p.Sel.Name {
			case "StatusCode":
				return true
			case "Body":
				if len(stack) >= 2 {
					switch g := stack[len(stack)-2].(type) {
					case *ast.SelectorExpr: // resp.Body.Close
						if g.Sel.Name == "Close" && len(stack) >= 3 {
							if call, ok := stack[len(stack)-3].(*ast.CallExpr); ok && call.Fun == g {
								return true
							}
						}
					case *ast.CallExpr: // io.Copy(io.Discard, resp.Body)
						if httpmodel.IsFunc(c.model.Callee(g), "io", "", "Copy") && len(g.Args) == 2 && g.Args[1] == p && isDiscard(info, g.Args[0]) {
							return true
						}
					}
				}
			}
		}
		ok = false
		return false
	})
	return ok
}

func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

func isDiscard(info *types.Info, e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Discard" {
		return false
	}
	v, _ := info.Uses[sel.Sel].(*types.Var)
	return v != nil && v.Pkg() != nil && (v.Pkg().Path() == "io" || v.Pkg().Path() == "io/ioutil")
}
