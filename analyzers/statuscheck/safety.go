package statuscheck

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// When a fix may add an early return: the zero values it returns must not
// read as success to the callers, a function that decodes an error type
// reads error bodies on purpose, and the anchor must be an error check.

// zeroReturnsUnsafe reports whether a fix that returns zero values with an
// error would change what fn's callers see: a result type's zero value is
// one of its meaningful constants (an enum whose 0 means "ready"), or fn
// returns results alongside errors on its failure paths (its callers read
// them). It is computed once per function.
func (c *checker) zeroReturnsUnsafe(fn ast.Node) bool {
	if u, ok := c.unsafeZero[fn]; ok {
		return u
	}
	u := false
	if sig := fixes.Signature(c.pass.TypesInfo, fn); sig != nil {
		for i := 0; i < sig.Results().Len()-1; i++ {
			if c.meaningfulZero(sig.Results().At(i).Type()) {
				u = true
			}
		}
		if !u {
			u = c.resultsOnFailure(fn, sig)
		}
	}
	c.unsafeZero[fn] = u
	return u
}

// meaningfulZero reports whether t is a named basic type whose package
// declares a constant of type t equal to its zero value.
func (c *checker) meaningfulZero(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	n = n.Origin()
	if z, ok := c.zeroConst[n]; ok {
		return z
	}
	z := false
	if _, ok := n.Underlying().(*types.Basic); ok {
		scope := n.Obj().Pkg().Scope()
		for _, name := range scope.Names() {
			if k, ok := scope.Lookup(name).(*types.Const); ok && types.Identical(k.Type(), n) && isZeroConst(k.Val()) {
				z = true
				break
			}
		}
	}
	c.zeroConst[n] = z
	return z
}

// isZeroConst reports whether v is the zero value of its kind.
func isZeroConst(v constant.Value) bool {
	switch v.Kind() {
	case constant.Bool:
		return !constant.BoolVal(v)
	case constant.String:
		return constant.StringVal(v) == ""
	case constant.Int, constant.Float, constant.Complex:
		return constant.Sign(v) == 0
	}
	return false
}

// resultsOnFailure reports whether fn has a return statement that returns
// an error known to be non-nil together with a result that is not a zero
// value: return partial, fmt.Errorf(...), or return resp, err inside
// if err != nil.
func (c *checker) resultsOnFailure(fn ast.Node, sig *types.Signature) bool {
	n := sig.Results().Len()
	cur, ok := c.model.Cursor(fn)
	if !ok || n < 2 {
		return false
	}
	for rc := range cur.Preorder((*ast.ReturnStmt)(nil)) {
		ret := rc.Node().(*ast.ReturnStmt)
		if len(ret.Results) != n || httpmodel.EnclosingFunc(rc) != fn || !c.failing(rc, ret.Results[n-1]) {
			continue
		}
		for _, r := range ret.Results[:n-1] {
			if !c.isZeroExpr(r, ret.Pos()) {
				return true
			}
		}
	}
	return false
}

// failing reports whether the error expression e of the return statement
// at ret is known to be non-nil: a new error (fmt.Errorf, errors.New, a
// literal of an error type), or a variable the enclosing if statement has
// just compared unequal to nil.
func (c *checker) failing(ret inspector.Cursor, e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		fn := c.model.Callee(e)
		return httpmodel.IsFunc(fn, "fmt", "", "Errorf") || httpmodel.IsFunc(fn, "errors", "", "New")
	case *ast.CompositeLit:
		return true // of a type that implements error: the result type says so
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok {
			return false
		}
		for ifc := range ret.Enclosing((*ast.IfStmt)(nil)) {
			if c.testsNonNil(ifc.Node().(*ast.IfStmt).Cond, v) {
				return true
			}
		}
	}
	return false
}

// testsNonNil reports whether cond is, or has as an && operand, v != nil.
func (c *checker) testsNonNil(cond ast.Expr, v *types.Var) bool {
	be, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	if be.Op == token.LAND {
		return c.testsNonNil(be.X, v) || c.testsNonNil(be.Y, v)
	}
	if be.Op != token.NEQ {
		return false
	}
	is := func(e ast.Expr, obj types.Object) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.pass.TypesInfo.Uses[id] == obj
	}
	nilObj := types.Universe.Lookup("nil")
	return (is(be.X, v) && is(be.Y, nilObj)) || (is(be.X, nilObj) && is(be.Y, v))
}

// isZeroExpr reports whether e, evaluated at pos, is visibly a zero value:
// nil, a zero constant, an empty composite literal, *new(T), or a variable
// declared without a value (var v T) and not used at all before pos.
func (c *checker) isZeroExpr(e ast.Expr, pos token.Pos) bool {
	e = ast.Unparen(e)
	if tv, ok := c.pass.TypesInfo.Types[e]; ok {
		if tv.IsNil() {
			return true
		}
		if tv.Value != nil {
			return isZeroConst(tv.Value)
		}
	}
	switch e := e.(type) {
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok || c.model.DeclaringFunc(v) == nil {
			return false
		}
		as := c.model.AssignmentsOf(v)
		if len(as) == 0 || !as[0].Zero || (len(as) > 1 && as[1].Pos < pos) {
			return false
		}
		return len(between(c.model.UseCursors(v), v.Pos(), pos)) == 0
	case *ast.CompositeLit:
		return len(e.Elts) == 0
	case *ast.StarExpr:
		call, ok := ast.Unparen(e.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		return ok && c.pass.TypesInfo.Uses[id] == types.Universe.Lookup("new")
	}
	return false
}

// decodesErrorType reports whether fn decodes data (json or xml
// Unmarshal, or a Decoder's Decode) into a value of a type that implements
// error: it reads error bodies on purpose, and a status guard would replace
// the API's own error with a generic one. It is computed once per function.
func (c *checker) decodesErrorType(fn ast.Node) bool {
	if d, ok := c.errDecode[fn]; ok {
		return d
	}
	d := false
	errIface := types.Universe.Lookup("error").Type().Underlying().(*types.Interface)
	if cur, ok := c.model.Cursor(fn); ok {
		for cc := range cur.Preorder((*ast.CallExpr)(nil)) {
			call := cc.Node().(*ast.CallExpr)
			f := c.model.Callee(call)
			var target ast.Expr
			switch {
			case (httpmodel.IsFunc(f, "encoding/json", "", "Unmarshal") || httpmodel.IsFunc(f, "encoding/xml", "", "Unmarshal")) && len(call.Args) == 2:
				target = call.Args[1]
			case (httpmodel.IsFunc(f, "encoding/json", "Decoder", "Decode") || httpmodel.IsFunc(f, "encoding/xml", "Decoder", "Decode")) && len(call.Args) == 1:
				target = call.Args[0]
			default:
				continue
			}
			t := c.pass.TypesInfo.TypeOf(target)
			if p, ok := t.Underlying().(*types.Pointer); ok && t != nil {
				if types.Implements(p, errIface) || types.Implements(p.Elem(), errIface) {
					d = true
					break
				}
			}
		}
	}
	c.errDecode[fn] = d
	return d
}

// isErrCheck reports whether n is `if err != nil { ...; return ... }` without else.
func (c *checker) isErrCheck(n ast.Node, errVar *types.Var) bool {
	ifs, ok := n.(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) == 0 {
		return false
	}
	if _, ok := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt); !ok {
		return false
	}
	cond, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || cond.Op != token.NEQ {
		return false
	}
	isErr := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.pass.TypesInfo.Uses[id] == errVar
	}
	isNil := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.pass.TypesInfo.Uses[id] == types.Universe.Lookup("nil")
	}
	return (isErr(cond.X) && isNil(cond.Y)) || (isNil(cond.X) && isErr(cond.Y))
}

// mentions reports whether n refers to v.
func (c *checker) mentions(n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}
