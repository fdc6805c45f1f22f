package jsoncheck

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
)

// nil-deref: a pointer field of decoded data dereferenced without a nil check.

// fieldKey names a field path within a declaration.
type fieldKey struct {
	decl *ast.FuncDecl
	path string
}

func (c *checker) checkDerefs() {
	reported := make(map[ast.Expr]bool)
	seenField := make(map[fieldKey]bool)
	for _, n := range c.derefs {
		var field *ast.SelectorExpr // the pointer field dereferenced
		var at ast.Expr
		switch e := n.cur.Node().(type) {
		case *ast.StarExpr:
			if _, ok := c.info.Types[e]; !ok || c.info.Types[e].IsType() {
				continue
			}
			sel, ok := ast.Unparen(e.X).(*ast.SelectorExpr)
			if !ok {
				continue
			}
			field, at = sel, e
		case *ast.SelectorExpr:
			sel, ok := ast.Unparen(e.X).(*ast.SelectorExpr)
			if !ok || !c.derefsThrough(e) {
				continue
			}
			field, at = sel, e
		}
		fv, base := c.pointerField(field)
		if fv == nil || reported[at] {
			continue
		}
		v, p := c.dataOf(base)
		if (v|p)&fromResponse == 0 {
			continue
		}
		if c.customDecoded(base) || c.checked(field, c.guardsOf(n.decl)) {
			continue
		}
		why, ok := c.nilEvidence(fv, v|p)
		if !ok {
			continue
		}
		// One finding per field and function: the first dereference.
		key := fieldKey{n.decl, types.ExprString(field)}
		if seenField[key] {
			continue
		}
		seenField[key] = true
		reported[at] = true
		c.rep.Report(analysis.Diagnostic{
			Pos:      at.Pos(),
			End:      at.End(),
			Category: CategoryNilDeref,
			Message: fmt.Sprintf("%s dereferences pointer field %s of JSON from an HTTP response without a nil check: it is nil when the field is null or absent, and this panics%s",
				shorten(c.source(at)), shorten(c.source(field)), why),
		})
	}
}

// nilEvidence returns why the field f of data of origins m may be nil, as
// a clause for the message, and false when nothing shows it (unless
// -strict-nil-deref asks for every dereference).
func (c *checker) nilEvidence(f *types.Var, m mask) (string, bool) {
	if m&errBody != 0 {
		return " (the body decoded may be an error response: its status is not checked for every error)", true
	}
	ev := c.fieldEvidenceOf(f)
	switch {
	case ev&evNullable != 0:
		return " (the field's comment says it may be null or absent)", true
	case ev&evChecked != 0:
		return " (other code compares this field with nil)", true
	case c.strictNil:
		return "", true
	}
	return "", false
}

// derefsThrough reports whether the selector e dereferences its operand
// (a pointer): it selects a field, or a method with a value receiver.
func (c *checker) derefsThrough(e *ast.SelectorExpr) bool {
	s := c.info.Selections[e]
	if s == nil {
		return false
	}
	if _, ok := types.Unalias(c.info.TypeOf(e.X)).Underlying().(*types.Pointer); !ok {
		return false
	}
	if len(s.Index()) != 1 {
		return false // promoted through embedded fields: not followed
	}
	switch s.Kind() {
	case types.FieldVal:
		return true
	case types.MethodVal:
		fn, ok := s.Obj().(*types.Func)
		if !ok {
			return false
		}
		_, ptrRecv := types.Unalias(fn.Signature().Recv().Type()).(*types.Pointer)
		return !ptrRecv
	}
	return false
}

// pointerField returns the field that sel selects when it is a field of
// pointer type, and the expression it is selected from.
func (c *checker) pointerField(sel *ast.SelectorExpr) (*types.Var, ast.Expr) {
	s := c.info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return nil, nil
	}
	f, ok := s.Obj().(*types.Var)
	if !ok {
		return nil, nil
	}
	if _, ok := types.Unalias(f.Type()).Underlying().(*types.Pointer); !ok {
		return nil, nil
	}
	if _, ok := types.Unalias(f.Type()).(*types.TypeParam); ok {
		return nil, nil
	}
	return f, sel.X
}

// customDecoded reports whether the struct holding the field decodes itself
// (an UnmarshalJSON method may fill or validate its fields).
func (c *checker) customDecoded(base ast.Expr) bool {
	t := c.info.TypeOf(base)
	if t == nil {
		return false
	}
	if p, ok := types.Unalias(t).Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if _, ok := types.Unalias(t).(*types.Named); !ok {
		return false
	}
	ms := types.NewMethodSet(types.NewPointer(t))
	for i := 0; i < ms.Len(); i++ {
		if ms.At(i).Obj().Name() == "UnmarshalJSON" {
			return true
		}
	}
	return false
}

// checked reports whether the function shows the field, or a value it is
// reached from, examined: compared with nil, assigned, read through a GetX
// accessor, or handed to a validating function or method.
func (c *checker) checked(field *ast.SelectorExpr, g *guards) bool {
	for _, e := range g.nilCmps {
		if c.sameExpr(e, field) {
			return true
		}
		if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && c.isGetterOf(call, field) {
			return true
		}
	}
	for _, e := range g.assigned {
		if c.sameExpr(e, field) {
			return true
		}
	}
	for _, call := range g.getters {
		if c.isGetterOf(call, field) {
			return true
		}
	}
	// A validator: a call, not of the standard library, returning an error
	// or a bool, that receives the field's value or what it is reached from.
	for _, call := range g.calls {
		if !c.validates(call) {
			continue
		}
		var operands []ast.Expr
		operands = append(operands, call.Args...)
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s := c.info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
				operands = append(operands, sel.X)
			}
		}
		for _, op := range operands {
			for x := ast.Expr(field); x != nil; x = parentPath(x) {
				if c.sameExpr(stripAddr(op), x) {
					return true
				}
			}
		}
	}
	return false
}

// isGetterOf reports whether call is x.GetF() for field x.F.
func (c *checker) isGetterOf(call *ast.CallExpr, field *ast.SelectorExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Get"+field.Sel.Name && c.sameExpr(sel.X, field.X)
}

// validates reports whether call may validate its operands: a function or
// method outside the standard library with an error or bool result, that
// is not itself a decoder or a GetX accessor.
func (c *checker) validates(call *ast.CallExpr) bool {
	fn := c.model.Callee(call)
	if fn == nil || fn.Pkg() == nil || strings.HasPrefix(fn.Name(), "Get") {
		return false
	}
	if fn.Pkg() != c.pass.Pkg && isStd(fn.Pkg().Path()) {
		return false
	}
	if f := c.factOf(fn); f != nil && len(f.Into) > 0 {
		return false // a decoding helper, not a check
	}
	res := fn.Signature().Results()
	for i := 0; i < res.Len(); i++ {
		t := res.At(i).Type()
		if fixes.IsError(t) {
			return true
		}
		if b, ok := t.Underlying().(*types.Basic); ok && b.Kind() == types.Bool {
			return true
		}
	}
	return false
}

// isStd reports whether path looks like a standard library package.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// parentPath returns the operand of a selector, index or dereference path.
func parentPath(e ast.Expr) ast.Expr {
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		return e.X
	case *ast.IndexExpr:
		return e.X
	case *ast.StarExpr:
		return e.X
	}
	return nil
}

// sameExpr reports whether a and b denote the same variable path.
func (c *checker) sameExpr(a, b ast.Expr) bool {
	a, b = ast.Unparen(a), ast.Unparen(b)
	switch a := a.(type) {
	case *ast.Ident:
		b, ok := b.(*ast.Ident)
		if !ok {
			return false
		}
		oa, ob := c.info.ObjectOf(a), c.info.ObjectOf(b)
		return oa != nil && oa == ob
	case *ast.SelectorExpr:
		b, ok := b.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		oa, ob := c.info.ObjectOf(a.Sel), c.info.ObjectOf(b.Sel)
		if oa == nil || oa != ob {
			return false
		}
		if _, isVar := oa.(*types.Var); !isVar {
			return false
		}
		return c.sameExpr(a.X, b.X)
	case *ast.IndexExpr:
		b, ok := b.(*ast.IndexExpr)
		if !ok || !c.sameExpr(a.X, b.X) {
			return false
		}
		ta, tb := c.info.Types[a.Index], c.info.Types[b.Index]
		if ta.Value != nil && tb.Value != nil {
			return ta.Value.ExactString() == tb.Value.ExactString()
		}
		return c.sameExpr(a.Index, b.Index)
	case *ast.StarExpr:
		b, ok := b.(*ast.StarExpr)
		return ok && c.sameExpr(a.X, b.X)
	case *ast.TypeAssertExpr:
		b, ok := b.(*ast.TypeAssertExpr)
		return ok && a.Type != nil && b.Type != nil && c.sameExpr(a.X, b.X) &&
			types.Identical(c.info.TypeOf(a.Type), c.info.TypeOf(b.Type))
	}
	return false
}
