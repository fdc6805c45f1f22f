package clientreuse

import (
	"go/ast"
	"go/types"

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

// indexRefs indexes the references to the package's functions, for the
// packages that make Transports.
func (c *checker) indexRefs(insp *inspector.Inspector) {
	for cur := range insp.Root().Preorder((*ast.Ident)(nil)) {
		if obj, ok := c.info.Uses[cur.Node().(*ast.Ident)].(*types.Func); ok && obj.Pkg() == c.pass.Pkg {
			c.refs[obj.Origin()] = append(c.refs[obj.Origin()], cur)
		}
	}
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
