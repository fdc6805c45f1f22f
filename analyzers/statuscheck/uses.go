package statuscheck

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// What a use of the response does: read the status, the body, hand it on,
// compare it, return it.

// useKind classifies one use of a response (or error) variable.
type useKind int

const (
	useOther   useKind = iota // harmless: another field, resp.Body.Close(), a function that ignores the status
	useStatus                 // resp.StatusCode, resp.Status, or handed to code that examines it
	useEscape                 // stored, captured, converted, passed to unknown code: unknown means checked
	useBody                   // resp.Body
	useCompare                // resp == x, resp != x
	useWrite                  // resp = ...
	useReturn                 // return resp
)

// classify says what the use u of a variable does. For useBody it also
// returns the cursor of the resp.Body selector.
func (c *checker) classify(u inspector.Cursor) (useKind, inspector.Cursor) {
	cur := u
	for {
		if _, ok := cur.Parent().Node().(*ast.ParenExpr); !ok {
			break
		}
		cur = cur.Parent()
	}
	parent := cur.Parent()
	switch p := parent.Node().(type) {
	case *ast.SelectorExpr:
		sel := c.pass.TypesInfo.Selections[p]
		if sel == nil {
			return useEscape, cur
		}
		obj := sel.Obj()
		if obj.Pkg() != nil && obj.Pkg().Path() == "net/http" {
			switch obj.Name() {
			case "StatusCode", "Status":
				return useStatus, cur
			case "Body":
				if sel.Kind() == types.FieldVal {
					return useBody, parent
				}
			}
			return useOther, cur
		}
		if sel.Kind() == types.FieldVal {
			return useOther, cur // a field of a wrapper type
		}
		return useEscape, cur // a method of a wrapper type: cannot see
	case *ast.CallExpr:
		if cur.ParentEdgeKind() != edge.CallExpr_Args {
			return useEscape, cur
		}
		return c.argKind(p, cur.ParentEdgeIndex()), cur
	case *ast.BinaryExpr:
		if p.Op == token.EQL || p.Op == token.NEQ {
			return useCompare, cur
		}
		return useOther, cur
	case *ast.AssignStmt:
		if cur.ParentEdgeKind() == edge.AssignStmt_Lhs {
			return useWrite, cur
		}
	case *ast.ReturnStmt:
		return useReturn, cur
	}
	return useEscape, cur
}

// argKind classifies a response passed as argument i of call.
func (c *checker) argKind(call *ast.CallExpr, i int) useKind {
	fn := c.model.Callee(call)
	if fn == nil {
		return useEscape // a function value, a builtin, a conversion
	}
	sig := fn.Signature()
	if recv := sig.Recv(); recv != nil && types.IsInterface(recv.Type()) {
		return useEscape // dynamic dispatch: cannot see
	}
	if sig.Variadic() && i >= sig.Params().Len()-1 {
		i = sig.Params().Len() - 1
	}
	if f := c.factOf(fn); f != nil && i >= 0 && i < 64 && f.Params&(1<<i) != 0 {
		return useStatus
	}
	return useOther
}

// consumer returns the expression that consumes the body selected by sel
// (resp.Body) as data, or nil when the body is only closed, drained,
// streamed or handed on.
func (c *checker) consumer(sel inspector.Cursor) ast.Node {
	cur := sel
	for {
		parent := cur.Parent()
		switch p := parent.Node().(type) {
		case *ast.ParenExpr:
			cur = parent
			continue
		case *ast.ReturnStmt:
			return cur.Node()
		case *ast.CallExpr:
			if cur.ParentEdgeKind() != edge.CallExpr_Args {
				return nil
			}
			fn := c.model.Callee(p)
			switch {
			case httpmodel.IsFunc(fn, "io", "", "LimitReader"),
				httpmodel.IsFunc(fn, "bufio", "", "NewReader"),
				httpmodel.IsFunc(fn, "bufio", "", "NewReaderSize"):
				cur = parent // a wrapped body is still the body
				continue
			case httpmodel.IsFunc(fn, "io", "", "ReadAll"),
				httpmodel.IsFunc(fn, "io/ioutil", "", "ReadAll"),
				httpmodel.IsFunc(fn, "encoding/json", "", "NewDecoder"),
				httpmodel.IsFunc(fn, "encoding/xml", "", "NewDecoder"):
				return p
			case (httpmodel.IsFunc(fn, "io", "", "Copy") || httpmodel.IsFunc(fn, "io", "", "CopyN") ||
				httpmodel.IsFunc(fn, "io", "", "CopyBuffer")) && cur.ParentEdgeIndex() == 1:
				if c.copiedAsData(parent, p.Args[0]) {
					return p
				}
			case httpmodel.IsFunc(fn, "bytes", "Buffer", "ReadFrom"):
				if sel, ok := ast.Unparen(p.Fun).(*ast.SelectorExpr); ok && c.copiedAsData(parent, sel.X) {
					return p
				}
			}
			return nil
		}
		return nil
	}
}

// copiedAsData reports whether the destination of an io.Copy call, or the
// receiver of a (*bytes.Buffer).ReadFrom call, is a local variable whose
// data is later returned or decoded.
func (c *checker) copiedAsData(callCur inspector.Cursor, dst ast.Expr) bool {
	call := callCur.Node().(*ast.CallExpr)
	dst = ast.Unparen(dst)
	if u, ok := dst.(*ast.UnaryExpr); ok && u.Op == token.AND {
		dst = ast.Unparen(u.X)
	}
	id, ok := dst.(*ast.Ident)
	if !ok {
		return false // io.Discard, os.Stdout, a field: drained or streamed
	}
	d, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	fn := httpmodel.EnclosingFunc(callCur)
	if fn == nil {
		return false
	}
	ps := c.dataUsesOf(d)
	i := sort.Search(len(ps), func(i int) bool { return ps[i] > call.End() })
	return i < len(ps) && ps[i] < fn.End()
}

// dataUsesOf returns the positions, in source order, of the uses of v that
// hand its data on as a result: in a return statement, as an argument of a
// decoder (json or xml Unmarshal or NewDecoder), or in the value assigned
// to a local []byte or string variable whose data is itself later used so
// (data := buf.Bytes(); return data). It is computed once per variable.
func (c *checker) dataUsesOf(v *types.Var) []token.Pos {
	if ps, ok := c.dataUses[v]; ok {
		return ps
	}
	c.dataUses[v] = nil // a cycle of assignments hands nothing on
	var ps []token.Pos
	for _, u := range c.model.UseCursors(v) {
		if c.handsDataOn(u, v) {
			ps = append(ps, u.Node().Pos())
		}
	}
	c.dataUses[v] = ps
	return ps
}

// handsDataOn reports whether the use u of v is one of dataUsesOf's.
func (c *checker) handsDataOn(u inspector.Cursor, v *types.Var) bool {
	for anc := range u.Enclosing() {
		switch a := anc.Node().(type) {
		case *ast.ReturnStmt:
			return true
		case *ast.CallExpr:
			fn := c.model.Callee(a)
			if httpmodel.IsFunc(fn, "encoding/json", "", "Unmarshal") || httpmodel.IsFunc(fn, "encoding/xml", "", "Unmarshal") ||
				httpmodel.IsFunc(fn, "encoding/json", "", "NewDecoder") || httpmodel.IsFunc(fn, "encoding/xml", "", "NewDecoder") {
				return true
			}
		case *ast.AssignStmt:
			if len(a.Lhs) != 1 || len(a.Rhs) != 1 || u.Node().Pos() < a.Rhs[0].Pos() {
				return false
			}
			return c.derivedData(astq.VarOf(c.pass.TypesInfo, a.Lhs[0]), v, a.End())
		case *ast.ValueSpec:
			if len(a.Names) != 1 || len(a.Values) != 1 {
				return false
			}
			return c.derivedData(astq.VarOf(c.pass.TypesInfo, a.Names[0]), v, a.End())
		case ast.Stmt, *ast.FuncLit:
			return false
		}
	}
	return false
}

// derivedData reports whether x, assigned a value computed from v at a
// statement ending at end, is a local []byte or string variable whose data
// is returned or decoded after that statement.
func (c *checker) derivedData(x, v *types.Var, end token.Pos) bool {
	if x == nil || x == v || c.model.DeclaringFunc(x) == nil {
		return false
	}
	if !isBytesOrString(x.Type()) {
		return false // a length, a flag: not the data
	}
	ps := c.dataUsesOf(x)
	i := sort.Search(len(ps), func(i int) bool { return ps[i] > end })
	return i < len(ps)
}

// isBytesOrString reports whether t is a string or a byte slice.
func isBytesOrString(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	}
	return false
}
