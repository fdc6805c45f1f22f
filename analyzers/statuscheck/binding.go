package statuscheck

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ast/inspector"

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

// after returns the uses of v in b's region: after its statement, before
// the response variable is assigned again or the function ends.
func (c *checker) after(v *types.Var, b *httpmodel.Binding) []inspector.Cursor {
	return between(c.usesOf(v), b.Stmt.End(), b.End)
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
