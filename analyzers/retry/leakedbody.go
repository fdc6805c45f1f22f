package retry

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// leaked-body: a failed attempt's response body left open, and its fix.

// handlesResp reports whether n closes the response body or hands the
// response (or its body) to code that may: resp.Body.Close(), a call taking
// resp, an assignment of resp elsewhere.
func (c *checker) handlesResp(n ast.Node, resp *types.Var) bool {
	info := c.pass.TypesInfo
	isResp := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == resp
	}
	isBody := func(e ast.Expr) bool {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Body" && isResp(sel.X)
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Close" && isBody(sel.X) {
				found = true
			}
			fn := httpmodel.Callee(info, n)
			for _, a := range n.Args {
				if isResp(a) {
					found = true
				}
				if isBody(a) && !readsOnly(fn) {
					found = true
				}
			}
		case *ast.AssignStmt:
			for _, r := range n.Rhs {
				if isResp(r) {
					found = true
				}
			}
		case *ast.CompositeLit:
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					e = kv.Value
				}
				if isResp(e) {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// readsOnly reports functions that read a body without closing it.
func readsOnly(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() + "." + fn.Name() {
	case "io.ReadAll", "io/ioutil.ReadAll", "encoding/json.NewDecoder", "io.Copy", "io.CopyN", "io.LimitReader", "bufio.NewReader", "bufio.NewScanner":
		return true
	}
	return false
}

// checkLeak reports a retry after a failing status that leaves the
// response body open, with a fix when every such retry is a continue that
// only non-nil responses reach.
func (c *checker) checkLeak(li *loopInfo, res [4]*walk) {
	var leaks []end
	for _, o := range []outcome{outPerm, outTrans} {
		for _, e := range res[o].rounds {
			if e.st.sent && !e.st.handled {
				leaks = append(leaks, e)
			}
		}
	}
	if len(leaks) == 0 || !c.handledAnywhere(li) {
		return
	}
	call := li.at.req.Call
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: CategoryLeakedBody,
		Message: "response body of a failed attempt is not closed before the next attempt: each retry leaks a connection"}
	if fix, ok := c.leakFix(li, res, leaks); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.report(d)
}

// handledAnywhere reports whether the enclosing function closes the
// attempt's response, hands it on or returns it on some path. A response
// handled on no path at all is bodyclose's unclosed finding, which covers
// the failed attempts and the loop's exits at once: one root cause, one
// diagnostic.
func (c *checker) handledAnywhere(li *loopInfo) bool {
	resp := li.at.resp
	if resp == nil {
		return true
	}
	var body *ast.BlockStmt
	switch fn := li.fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	if body == nil {
		return true
	}
	if c.handlesResp(body, resp) {
		return true
	}
	// Returned: a use of resp that is a result of a return statement,
	// read from the model's use index rather than a second walk.
	for _, u := range c.model.UseCursors(resp) {
		p := u.Parent()
		for {
			if _, ok := p.Node().(*ast.ParenExpr); !ok {
				break
			}
			p = p.Parent()
		}
		if _, ok := p.Node().(*ast.ReturnStmt); ok {
			return true
		}
	}
	return false
}

func (c *checker) leakFix(li *loopInfo, res [4]*walk, leaks []end) (analysis.SuggestedFix, bool) {
	targets := make(map[ast.Node]bool)
	for _, e := range leaks {
		if e.node == nil {
			return analysis.SuggestedFix{}, false
		}
		targets[e.node] = true
	}
	// No path that reaches a target may have a nil response or a closed body.
	for o := outOK; o <= outTrans; o++ {
		for _, e := range res[o].rounds {
			if targets[e.node] && (o == outErr || o == outOK || e.st.handled || !e.st.sent) {
				return analysis.SuggestedFix{}, false
			}
		}
	}
	resp := li.at.resp
	var edits []analysis.TextEdit
	for _, e := range leaks {
		n := e.node
		if !targets[n] {
			continue
		}
		delete(targets, n)
		if s := c.pass.Pkg.Scope().Innermost(n.Pos()); s == nil {
			return analysis.SuggestedFix{}, false
		} else if _, obj := s.LookupParent(resp.Name(), n.Pos()); obj != resp {
			return analysis.SuggestedFix{}, false
		}
		indent := fixes.Indent(c.pass, n.Pos())
		edits = append(edits, analysis.TextEdit{Pos: n.Pos(), End: n.Pos(),
			NewText: []byte(resp.Name() + ".Body.Close()\n" + indent)})
	}
	return analysis.SuggestedFix{Message: "Close the response body before retrying", TextEdits: edits}, true
}
