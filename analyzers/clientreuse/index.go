package clientreuse

import (
	"go/ast"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ast/inspector"
)

// The package's indexes: the uses of local variables, the references to its
// functions, and the function a call calls.

// callsImportedFactory reports whether the package calls a function of
// another package known to build a fresh Transport per call.
func (c *checker) callsImportedFactory() bool {
	for _, cur := range c.calls {
		if fn := c.calleeOf(cur.Node().(*ast.CallExpr)); fn != nil && fn.Pkg() != c.pass.Pkg {
			if _, ok := c.factoryOf(fn); ok {
				return true
			}
		}
	}
	return false
}

// declaring returns the function declaration a local variable belongs to, or nil.
func (c *checker) declaring(v *types.Var) *ast.FuncDecl {
	if v.IsField() || v.Pkg() != c.pass.Pkg || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	for _, file := range c.pass.Files {
		if file.FileStart <= v.Pos() && v.Pos() <= file.FileEnd {
			i := sort.Search(len(file.Decls), func(i int) bool { return file.Decls[i].End() > v.Pos() })
			if i < len(file.Decls) {
				if d, ok := file.Decls[i].(*ast.FuncDecl); ok && d.Pos() <= v.Pos() {
					return d
				}
			}
			return nil
		}
	}
	return nil
}

// indexRefs indexes the references to the package's functions, for the
// packages that make Transports.
func (c *checker) indexRefs(insp *inspector.Inspector) {
	for cur := range insp.Root().Preorder((*ast.Ident)(nil)) {
		if obj, ok := c.info.Uses[cur.Node().(*ast.Ident)].(*types.Func); ok && obj.Pkg() == c.pass.Pkg {
			c.refs[obj.Origin()] = append(c.refs[obj.Origin()], cur)
		}
	}
}

// usesOf returns the cursors of the uses of the local variable v, in
// source order. The uses of a variable of a function declaration are all
// in it: each declaration is indexed once, when first needed; those of
// others come from the model's index.
func (c *checker) usesOf(v *types.Var) []inspector.Cursor {
	if us, ok := c.uses[v]; ok {
		return us
	}
	if decl := c.declaring(v); decl != nil {
		if cur, ok := c.model.Cursor(decl); ok {
			if !c.indexed[decl] {
				c.indexed[decl] = true
				for id := range cur.Preorder((*ast.Ident)(nil)) {
					u, ok := c.info.Uses[id.Node().(*ast.Ident)].(*types.Var)
					if ok && !u.IsField() && decl.Pos() <= u.Pos() && u.Pos() < decl.End() {
						c.uses[u] = append(c.uses[u], id)
					}
				}
			}
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

// calleeOf returns the function a call calls: statically, or through a
// local variable whose only assignment is a function or method value.
func (c *checker) calleeOf(call *ast.CallExpr) *types.Func {
	if fn := c.model.Callee(call); fn != nil {
		return fn
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	as := c.model.AssignmentsOf(v)
	if len(as) != 1 || as[0].Value == nil || as[0].Index != 0 {
		return nil
	}
	var name *ast.Ident
	switch x := ast.Unparen(as[0].Value).(type) {
	case *ast.Ident:
		name = x
	case *ast.SelectorExpr:
		name = x.Sel
	default:
		return nil
	}
	if fn, ok := c.info.Uses[name].(*types.Func); ok {
		return fn.Origin()
	}
	return nil
}
