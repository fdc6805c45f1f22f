package bodyclose

import (
	"fmt"
	"go/ast"
	"go/types"
	"net/http"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// checkUndrained reports, when -bodyclose.drain is set, the response of a
// GET sent in a loop through a client that outlives the loop, whose body
// is closed and never read. Closing a body before its end tells the transport that it
// cannot find where the next response starts on that connection, so it
// closes the connection: the next round dials again (TCP and TLS), which
// a shared client in a loop exists to avoid.
//
// Only the clear shape is claimed: the request is sent by net/http or a
// well-known client (a wrapper's response may come from a request that
// does not mean to reuse), every use of the response reads a field other
// than the body or closes the body directly (resp.Body.Close(), deferred
// or not: a helper or a deferred literal may drain it first), and nothing
// shows that reuse is not wanted: the client is not built in the loop
// (clientreuse's finding), its transport does not set DisableKeepAlives,
// and the function does not set the request's Close. A response that is
// empty on the wire (Content-Length: 0, 204 No Content) is reused even
// unread; the code does not show the server's answer, which is why the
// check is opt-in.
func (c *checker) checkUndrained(b *binding) {
	if !reportUndrained || b.resp == nil {
		return
	}
	req := c.model.Request(b.call)
	if req == nil || req.Via == httpmodel.ViaFact {
		return
	}
	if req.Method != http.MethodGet {
		// Writes are often answered with no body at all (201, 204, an
		// object store's PUT), which the transport reuses unread.
		return
	}
	loop := c.enclosingLoop(b)
	if loop == nil {
		// A shared client outside a loop (a webhook sender, a logout
		// call) was measured: rare requests, whose reuse hardly matters
		// to their maintainers.
		return
	}
	if cl := req.Client.Construction; cl != nil && within(cl, loop) {
		return // built per round: clientreuse reports it, and there is no pool to keep
	}
	if c.keepAlivesOff(req.Client.Transport) || c.setsRequestClose(b.body) {
		return
	}
	var closes []ast.Node
	for _, u := range b.uses {
		switch {
		case u.kind == useNeutral && !u.body && !c.writesResponse(u.id):
		case u.kind == useClose && c.directClose(u.node, b.resp):
			closes = append(closes, u.node)
		case u.kind == useDeferClose && u.direct && !within(u.node, loop):
			closes = append(closes, u.node)
		default:
			// The body is read, drained, or handed to code that may read
			// it; or its close is deferred in the loop (defer-in-loop's
			// finding: the connection is not even given back).
			return
		}
	}
	if len(closes) == 0 {
		return // never closed: unclosed's finding
	}
	first := closes[0]
	name := b.resp.Name()
	c.rep.Report(analysis.Diagnostic{Pos: first.Pos(), End: first.End(), Category: categoryUndrained,
		Message: fmt.Sprintf("%s.Body is closed without being read, in a loop: the transport drops the connection instead of reusing it, so every round dials again; read the body to its end first (io.Copy(io.Discard, %s.Body))", name, name)})
}

// enclosingLoop returns the innermost for or range statement of b's
// function whose body holds the call, or nil.
func (c *checker) enclosingLoop(b *binding) ast.Node {
	cur, ok := c.model.Cursor(b.call)
	if !ok {
		return nil
	}
	for p := cur.Parent(); p.Node() != nil && p.Node() != b.fn; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.ForStmt:
			if within(b.call, n.Body) {
				return n
			}
		case *ast.RangeStmt:
			if within(b.call, n.Body) {
				return n
			}
		}
	}
	return nil
}

// directClose reports whether n is the call resp.Body.Close().
func (c *checker) directClose(n ast.Node, resp *types.Var) bool {
	call, ok := n.(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	closeSel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || closeSel.Sel.Name != "Close" {
		return false
	}
	bodySel, ok := ast.Unparen(closeSel.X).(*ast.SelectorExpr)
	if !ok || bodySel.Sel.Name != "Body" {
		return false
	}
	id, ok := ast.Unparen(bodySel.X).(*ast.Ident)
	return ok && c.pass.TypesInfo.Uses[id] == resp
}

// writesResponse reports whether the use id is the receiver of
// (*http.Response).Write, which reads the body.
func (c *checker) writesResponse(id *ast.Ident) bool {
	cur, ok := c.model.Cursor(id)
	if !ok {
		return true
	}
	sel, ok := skipParens(cur).Parent().Node().(*ast.SelectorExpr)
	if !ok {
		return false
	}
	fn, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	return ok && fn.Name() == "Write"
}

// keepAlivesOff reports whether the transport expression, as far as it
// can be seen, is a literal (or a variable assigned one) that sets
// DisableKeepAlives: the connection is not meant to be reused.
func (c *checker) keepAlivesOff(tr ast.Expr) bool {
	for depth := 0; tr != nil && depth < 4; depth++ {
		switch e := ast.Unparen(tr).(type) {
		case *ast.UnaryExpr:
			tr = e.X
		case *ast.CompositeLit:
			for _, el := range e.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "DisableKeepAlives" {
						return true
					}
				}
			}
			return false
		case *ast.Ident:
			v, ok := c.pass.TypesInfo.Uses[e].(*types.Var)
			if !ok {
				return false
			}
			as := c.model.AssignmentsOf(v)
			if len(as) != 1 || as[0].Value == nil {
				return false
			}
			tr = as[0].Value
		default:
			return false
		}
	}
	return false
}

// setsRequestClose reports whether body assigns the Close field of an
// *http.Request (req.Close = true): the request asks for its connection
// to be closed.
func (c *checker) setsRequestClose(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return !found
		}
		for _, l := range as.Lhs {
			sel, ok := ast.Unparen(l).(*ast.SelectorExpr)
			if ok && sel.Sel.Name == "Close" && httpmodel.IsPointerTo(c.pass.TypesInfo.TypeOf(sel.X), "net/http", "Request") {
				found = true
			}
		}
		return !found
	})
	return found
}
