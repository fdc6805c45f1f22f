package statuscheck

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// The shared walk: the uses of each variable, indexed per function, and the
// binding of a request's results with the region where they are live.

// usesOf returns the cursors of the uses of v, in source order. The uses
// of a variable local to a function declaration are all in it: each
// declaration is indexed once, when first needed. Those of other variables
// come from the model's index.
func (c *checker) usesOf(v *types.Var) []inspector.Cursor {
	if us, ok := c.uses[v]; ok {
		return us
	}
	if decl := c.declaring(v); decl != nil {
		if cur, ok := c.model.Cursor(decl); ok && !c.indexed[decl] {
			c.indexed[decl] = true
			for id := range cur.Preorder((*ast.Ident)(nil)) {
				u, ok := c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)].(*types.Var)
				if ok && decl.Pos() <= u.Pos() && u.Pos() < decl.End() {
					c.uses[u] = append(c.uses[u], id)
				}
			}
		}
		if c.indexed[decl] {
			us := c.uses[v]
			c.uses[v] = us
			return us
		}
	}
	var us []inspector.Cursor
	for _, id := range c.model.Uses(v) {
		if cur, ok := c.model.Cursor(id); ok {
			us = append(us, cur)
		}
	}
	c.uses[v] = us
	return us
}

// declaring returns the function declaration a local variable (or
// parameter) belongs to, or nil.
func (c *checker) declaring(v *types.Var) *ast.FuncDecl {
	if v.IsField() || v.Pkg() != c.pass.Pkg || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	file := c.fileOf(v.Pos())
	if file == nil {
		return nil
	}
	i := sort.Search(len(file.Decls), func(i int) bool { return file.Decls[i].End() > v.Pos() })
	if i < len(file.Decls) {
		if d, ok := file.Decls[i].(*ast.FuncDecl); ok && d.Pos() <= v.Pos() {
			return d
		}
	}
	return nil
}

// binding is the statement that receives the results of a request call:
// resp, err := call (or =), or var resp, err = call.
type binding struct {
	cur     inspector.Cursor // the statement
	stmt    ast.Stmt
	assign  *ast.AssignStmt // nil for a var declaration
	respExp ast.Expr
	errExp  ast.Expr
	respVar *types.Var
	errVar  *types.Var // nil when the error is discarded with _
	fn      ast.Node   // innermost enclosing function
	end     token.Pos  // end of the region where resp holds this response
}

// bind finds the statement receiving the results of req, or nil when they
// are not received in a response variable and an error.
func (c *checker) bind(req *httpmodel.Request) *binding {
	cur, ok := c.model.Cursor(req.Call)
	if !ok || req.Func == nil {
		return nil
	}
	tuple, ok := c.pass.TypesInfo.TypeOf(req.Call).(*types.Tuple)
	if !ok || tuple.Len() < 2 || !fixes.IsError(tuple.At(tuple.Len()-1).Type()) {
		return nil
	}
	errIdx, respIdx := tuple.Len()-1, -1
	for i := 0; i < errIdx; i++ {
		if isResponse(tuple.At(i).Type()) {
			respIdx = i
			break
		}
	}
	if respIdx < 0 {
		return nil
	}
	b := &binding{fn: req.Func}
	var lhs []ast.Expr
	parent := cur.Parent()
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if cur.ParentEdgeKind() != edge.AssignStmt_Rhs || len(p.Rhs) != 1 || len(p.Lhs) != tuple.Len() {
			return nil
		}
		b.cur, b.stmt, b.assign, lhs = parent, p, p, p.Lhs
	case *ast.ValueSpec:
		if len(p.Values) != 1 || len(p.Names) != tuple.Len() {
			return nil
		}
		declStmt := parent.Parent().Parent()
		ds, ok := declStmt.Node().(*ast.DeclStmt)
		if !ok {
			return nil // package-level declaration
		}
		b.cur, b.stmt = declStmt, ds
		for _, n := range p.Names {
			lhs = append(lhs, n)
		}
	default:
		return nil
	}
	b.respExp, b.errExp = lhs[respIdx], lhs[errIdx]
	b.respVar, b.errVar = c.varOf(b.respExp), c.varOf(b.errExp)
	if b.respVar == nil {
		return nil // the response is dropped: not this analyzer's concern
	}
	b.end = req.Func.End()
	// Assignments take effect at the end of their statement (before it, in
	// older models): either way, later than b's own. They are in source
	// order: the first one past the statement ends the region.
	as := c.model.AssignmentsOf(b.respVar)
	i := sort.Search(len(as), func(i int) bool { return as[i].Pos > b.stmt.End() })
	if i < len(as) && as[i].Pos < b.end {
		b.end = as[i].Pos
	}
	return b
}

// after returns the uses of v in b's region: after its statement, before
// the response variable is assigned again or the function ends.
func (c *checker) after(v *types.Var, b *binding) []inspector.Cursor {
	return between(c.usesOf(v), b.stmt.End(), b.end)
}

// usedOnlyIn returns the function (declaration or literal) that holds
// every use of v, or nil when its uses are spread over several (captured by
// a closure). It is computed once per variable.
func (c *checker) usedOnlyIn(v *types.Var) ast.Node {
	if fn, ok := c.soleFunc[v]; ok {
		return fn
	}
	var fn ast.Node
	for i, u := range c.usesOf(v) {
		f := httpmodel.EnclosingFunc(u)
		if i == 0 {
			fn = f
		} else if f != fn {
			fn = nil
			break
		}
	}
	c.soleFunc[v] = fn
	return fn
}

// between returns the uses, in source order, that start strictly after
// from and before to.
func between(us []inspector.Cursor, from, to token.Pos) []inspector.Cursor {
	i := sort.Search(len(us), func(i int) bool { return us[i].Node().Pos() > from })
	j := sort.Search(len(us), func(j int) bool { return us[j].Node().Pos() >= to })
	if i >= j {
		return nil
	}
	return us[i:j]
}
