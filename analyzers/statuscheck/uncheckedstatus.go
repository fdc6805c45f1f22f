package statuscheck

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// unchecked-status: a response body used without checking the HTTP status,
// and its fix.

// checkStatus reports a response body consumed as data while the status of
// the response is never examined.
func (c *checker) checkStatus(req *httpmodel.Request, b *httpmodel.Binding) {
	body := astq.FuncBody(b.Func)
	if body == nil || b.Resp.Pos() < body.Pos() || b.Resp.Pos() >= body.End() {
		return // not a local variable: the response leaves the function
	}
	if f := c.factOf(req.Callee); req.Via == httpmodel.ViaFact && f != nil && f.Returns {
		return // the wrapper examined the status before returning the response
	}
	var consumer ast.Node
	for _, u := range c.after(b.Resp, b) {
		switch k, sel := c.classify(u); k {
		case useStatus, useEscape, useReturn:
			return
		case useBody:
			if consumer == nil {
				consumer = c.consumer(sel)
			}
		}
	}
	if consumer == nil {
		return
	}
	if c.statusInBody(consumer) {
		return // the API says success in the body, and the code looks there first
	}
	what := "body of the response from " + astq.FuncName(req.Callee) + " is read"
	if _, ok := consumer.(*ast.SelectorExpr); ok {
		what = b.Resp.Name() + ".Body from " + astq.FuncName(req.Callee) + " is returned"
	}
	d := analysis.Diagnostic{
		Pos:      consumer.Pos(),
		End:      consumer.End(),
		Category: categoryUncheckedStatus,
		Message: fmt.Sprintf("%s without checking %s.StatusCode: an error status (404, 503) comes with a nil error, and its error page is taken for data",
			what, b.Resp.Name()),
	}
	if fix, ok := c.statusFix(b); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.rep.Report(d)
}

// statusInBody reports whether the body read by consumer is decoded into
// a value whose status the code examines before it uses the data: APIs
// that answer {"ok": false, "error": "..."} with any status put their
// failure in the body. The value is checked when its first use after the
// decoding reads a field of it of a status-like type (a boolean, a string,
// a number, a pointer or an interface: not a slice or a map, which are
// data) in the condition of an if statement whose body leaves the
// function, or as the tag of a switch whose default clause leaves it.
func (c *checker) statusInBody(consumer ast.Node) bool {
	call, ok := consumer.(*ast.CallExpr)
	if !ok {
		return false
	}
	cur, ok := c.model.Cursor(call)
	if !ok {
		return false
	}
	for _, t := range c.decodeTargets(cur) {
		if c.checkedFirst(t.v, t.call) {
			return true
		}
	}
	return false
}

// decodeTarget is a variable a body is decoded into, by call.
type decodeTarget struct {
	v    *types.Var
	call *ast.CallExpr
}

// decodeTargets returns the variables the body read by the consumer at cur
// is decoded into: json.NewDecoder(body).Decode(&v), or
// data, err := io.ReadAll(body) followed by json.Unmarshal(data, &v) (xml
// alike).
func (c *checker) decodeTargets(cur inspector.Cursor) []decodeTarget {
	call := cur.Node().(*ast.CallExpr)
	fn := c.model.Callee(call)
	var out []decodeTarget
	switch {
	case httpmodel.IsFunc(fn, "encoding/json", "", "NewDecoder"), httpmodel.IsFunc(fn, "encoding/xml", "", "NewDecoder"):
		// json.NewDecoder(body).Decode(&v), or through a variable:
		// dec := json.NewDecoder(body); dec.Decode(&v).
		decoders := []inspector.Cursor{cur}
		if as, ok := cur.Parent().Node().(*ast.AssignStmt); ok && cur.ParentEdgeKind() == edge.AssignStmt_Rhs && len(as.Lhs) == 1 {
			if d := astq.VarOf(c.pass.TypesInfo, as.Lhs[0]); d != nil && c.model.DeclaringFunc(d) != nil {
				decoders = between(c.model.UseCursors(d), as.End(), httpmodel.EnclosingFunc(cur).End())
			}
		}
		for _, d := range decoders {
			sel, ok := d.Parent().Node().(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Decode" || d.ParentEdgeKind() != edge.SelectorExpr_X {
				continue
			}
			dec, ok := d.Parent().Parent().Node().(*ast.CallExpr)
			if !ok || len(dec.Args) != 1 {
				continue
			}
			if v := c.pointee(dec.Args[0]); v != nil {
				out = append(out, decodeTarget{v, dec})
			}
		}
	case httpmodel.IsFunc(fn, "io", "", "ReadAll"), httpmodel.IsFunc(fn, "io/ioutil", "", "ReadAll"):
		as, ok := cur.Parent().Node().(*ast.AssignStmt)
		if !ok || cur.ParentEdgeKind() != edge.AssignStmt_Rhs || len(as.Lhs) != 2 {
			return nil
		}
		data := astq.VarOf(c.pass.TypesInfo, as.Lhs[0])
		if data == nil {
			return nil
		}
		for _, u := range between(c.model.UseCursors(data), as.End(), httpmodel.EnclosingFunc(cur).End()) {
			un, ok := u.Parent().Node().(*ast.CallExpr)
			if !ok || u.ParentEdgeKind() != edge.CallExpr_Args || u.ParentEdgeIndex() != 0 || len(un.Args) != 2 {
				continue
			}
			if f := c.model.Callee(un); !httpmodel.IsFunc(f, "encoding/json", "", "Unmarshal") && !httpmodel.IsFunc(f, "encoding/xml", "", "Unmarshal") {
				continue
			}
			if v := c.pointee(un.Args[1]); v != nil {
				out = append(out, decodeTarget{v, un})
			}
		}
	}
	return out
}

// pointee returns the local variable a decoder writes through e: v in &v,
// or a pointer variable v.
func (c *checker) pointee(e ast.Expr) *types.Var {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	} else if _, ok := c.pass.TypesInfo.TypeOf(e).Underlying().(*types.Pointer); !ok {
		return nil
	}
	v := astq.VarOf(c.pass.TypesInfo, e)
	if v == nil || c.model.DeclaringFunc(v) == nil {
		return nil
	}
	return v
}

// checkedFirst reports whether the first use of v after the decoding call
// is a status test: a condition reading a status-like field of v, in an if
// statement without else whose body ends by leaving the function, or a
// switch on such a field whose default clause leaves the function.
func (c *checker) checkedFirst(v *types.Var, call *ast.CallExpr) bool {
	callCur, ok := c.model.Cursor(call)
	if !ok {
		return false
	}
	fn := httpmodel.EnclosingFunc(callCur)
	if fn == nil {
		return false
	}
	later := between(c.model.UseCursors(v), call.End(), fn.End())
	if len(later) == 0 {
		return false
	}
	u := later[0]
	if httpmodel.EnclosingFunc(u) != fn {
		return false // first read in a closure: not before the data is used
	}
	// The outermost field selection starting at v: v.OK, v.Meta.Status.
	cur := u
	var field *types.Var
	for {
		sel, ok := cur.Parent().Node().(*ast.SelectorExpr)
		if !ok {
			break
		}
		s := c.pass.TypesInfo.Selections[sel]
		if s == nil || s.Kind() != types.FieldVal {
			break
		}
		field = s.Obj().(*types.Var)
		cur = cur.Parent()
	}
	if field == nil || !statusLike(field.Type()) {
		return false
	}
	// Up through the condition's expressions to its if statement.
	for ; ; cur = cur.Parent() {
		switch p := cur.Parent().Node().(type) {
		case *ast.IfStmt:
			return cur.ParentEdgeKind() == edge.IfStmt_Cond && p.Else == nil && c.leaves(p.Body)
		case *ast.SwitchStmt:
			return cur.ParentEdgeKind() == edge.SwitchStmt_Tag && c.defaultLeaves(p)
		case ast.Expr:
			continue
		}
		return false
	}
}

// defaultLeaves reports whether the switch has a default clause that ends
// by leaving the function: a value the cases do not list (an error the
// body reports) does not reach the code after the switch.
func (c *checker) defaultLeaves(sw *ast.SwitchStmt) bool {
	for _, s := range sw.Body.List {
		if cc, ok := s.(*ast.CaseClause); ok && cc.List == nil {
			return c.leaves(&ast.BlockStmt{List: cc.Body})
		}
	}
	return false
}

// statusLike reports whether a field of type t can carry a status: a
// boolean, string or number, a pointer (an error object) or an interface.
func statusLike(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&(types.IsBoolean|types.IsString|types.IsInteger) != 0
	case *types.Pointer, *types.Interface:
		return true
	}
	return false
}

// leaves reports whether block ends by leaving the function: a return
// statement or a call of panic.
func (c *checker) leaves(block *ast.BlockStmt) bool {
	if len(block.List) == 0 {
		return false
	}
	switch s := block.List[len(block.List)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		return ok && c.pass.TypesInfo.Uses[id] == types.Universe.Lookup("panic")
	}
	return false
}

// statusFix inserts, after the error check that follows the request, a
// guard that returns an error for any status outside 2xx.
func (c *checker) statusFix(b *httpmodel.Binding) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if b.Err == nil || !astq.InStmtList(b.Cursor) || c.zeroReturnsUnsafe(b.Func) || c.decodesErrorType(b.Func) {
		return none, false
	}
	next, ok := b.Cursor.NextSibling()
	if !ok || !c.isErrCheck(next.Node(), b.Err) {
		return none, false
	}
	anchor, closed := next.Node(), false
	if after, ok := next.NextSibling(); ok {
		if d, ok := after.Node().(*ast.DeferStmt); ok && c.mentions(d, b.Resp) {
			anchor, closed = d, true
		}
	}
	file := c.fileOf(anchor.Pos())
	if file == nil {
		return none, false
	}
	pos, indent, ok := c.nextLine(anchor)
	if !ok {
		return none, false
	}
	zeros, edits, ok := fixes.ZeroResults(c.pass, b.Func, file, pos)
	if !ok {
		return none, false
	}
	fmtQual, fmtEdits := fixes.AddImport(c.pass.TypesInfo, c.pass.Pkg, file, pos, "fmt", "fmt")
	r := b.Resp.Name()
	var text strings.Builder
	fmt.Fprintf(&text, "%sif %s.StatusCode < 200 || %s.StatusCode > 299 {\n", indent, r, r)
	if !closed {
		fmt.Fprintf(&text, "%s\t%s.Body.Close()\n", indent, r)
	}
	fmt.Fprintf(&text, "%s\treturn %s%sErrorf(\"unexpected HTTP status: %%s\", %s.Status)\n%s}\n", indent, zeros, fmtQual, r, indent)
	edits = append(edits, fmtEdits...)
	edits = append(edits, analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text.String())})
	return analysis.SuggestedFix{Message: "Check the response status", TextEdits: edits}, true
}
