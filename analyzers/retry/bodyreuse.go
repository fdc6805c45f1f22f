package retry

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// body-reuse: a request body consumed by the first attempt and sent again.

// checkBodyReuse reports a request with a body built before the loop and
// sent again by every attempt.
func (c *checker) checkBodyReuse(li *loopInfo) {
	req := li.at.req
	if req.Via != httpmodel.ViaNetHTTP || req.BuiltBy == nil || req.BuiltBy.Pos() >= li.loop.Pos() {
		return
	}
	fn := c.model.Callee(req.BuiltBy)
	bodyIdx := 2
	if fn != nil && fn.Name() == "NewRequestWithContext" {
		bodyIdx = 3
	}
	if len(req.BuiltBy.Args) <= bodyIdx || !c.visibleBody(req.BuiltBy.Args[bodyIdx]) {
		return
	}
	// The loop resets the body, or rebuilds the request.
	reset := false
	ast.Inspect(li.body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Body" || sel.Sel.Name == "GetBody") {
			if t := c.pass.TypesInfo.TypeOf(sel.X); t != nil && httpmodel.IsPointerTo(t, "net/http", "Request") {
				reset = true
			}
		}
		if call, ok := n.(*ast.CallExpr); ok {
			if f := c.model.Callee(call); f != nil && (httpmodel.IsFunc(f, "net/http", "Request", "Clone")) {
				reset = true
			}
		}
		return !reset
	})
	if reset {
		return
	}
	call := req.Call
	c.report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: CategoryBodyReuse,
		Message: "request body is read by the first attempt and the same request is sent again: retries send an empty body or fail with a ContentLength mismatch; build the request inside the loop or reset its Body from GetBody"})
}

// visibleBody reports a body argument that is visibly not nil.
func (c *checker) visibleBody(e ast.Expr) bool {
	info := c.pass.TypesInfo
	if tv, ok := info.Types[e]; !ok || tv.IsNil() {
		return false
	}
	if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok && sel.Sel.Name == "NoBody" {
		return false
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		return true
	case *ast.UnaryExpr:
		return x.Op == token.AND
	}
	t := info.TypeOf(e)
	if t == nil || types.IsInterface(t) {
		return false
	}
	_, isPtr := t.Underlying().(*types.Pointer)
	return isPtr
}
