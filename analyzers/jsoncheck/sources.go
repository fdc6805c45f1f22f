package jsoncheck

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// The origins of an expression: bytes, readers and decoders of a response body
// (src), decoded data (val) and pointers to it (ptr), and the decoding calls.

// decode is a direct call of json.Unmarshal or (*json.Decoder).Decode.
type decode struct {
	call *ast.CallExpr
	src  mask     // origins of the data decoded
	from ast.Expr // the bytes or decoder decoded
	dst  ast.Expr
}

func (c *checker) decodeOf(call *ast.CallExpr) *decode {
	fn := c.model.Callee(call)
	var d *decode
	switch {
	case httpmodel.IsFunc(fn, "encoding/json", "", "Unmarshal") && len(call.Args) == 2:
		d = &decode{call: call, src: c.srcOf(call.Args[0]), from: call.Args[0], dst: call.Args[1]}
	case httpmodel.IsFunc(fn, "encoding/json", "Decoder", "Decode") && len(call.Args) == 1:
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		d = &decode{call: call, src: c.srcOf(sel.X), from: sel.X, dst: call.Args[0]}
	default:
		return nil
	}
	d.src &^= unbounded
	if c.allDecodes {
		d.src |= fromResponse
	}
	return d
}

// markDest records that data of origins m was decoded into dst.
func (c *checker) markDest(dst ast.Expr, m mask) {
	if m == 0 {
		return
	}
	dst = ast.Unparen(dst)
	if u, ok := dst.(*ast.UnaryExpr); ok && u.Op == token.AND {
		if v := c.localVar(u.X); v != nil {
			c.gain(c.val, v, m)
		}
		return
	}
	v := c.localVar(dst)
	if v == nil {
		return
	}
	switch types.Unalias(v.Type()).Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.TypeParam:
		c.gain(c.ptr, v, m)
		if base := c.aliases[v]; base != nil {
			c.gain(c.ptr, base, m)
		}
	}
}

// flowOrigin returns the origins of a fact's source in a call.
func (c *checker) flowOrigin(call *ast.CallExpr, fn *types.Func, from int) mask {
	if from < 0 {
		return fromResponse
	}
	if arg := c.argOf(call, fn, from); arg != nil {
		return c.srcOf(arg) &^ unbounded
	}
	return 0
}

// argOf returns the argument of call for parameter i of fn, or nil.
func (c *checker) argOf(call *ast.CallExpr, fn *types.Func, i int) ast.Expr {
	sig := fn.Signature()
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sig.Recv() != nil {
		if s := c.info.Selections[sel]; s != nil && s.Kind() == types.MethodExpr {
			i++ // T.M(recv, args...)
		}
	}
	if i < 0 || i >= len(call.Args) || call.Ellipsis.IsValid() {
		return nil
	}
	if sig.Variadic() && i >= sig.Params().Len()-1 {
		return nil
	}
	return call.Args[i]
}

// srcOf returns the origins of the bytes, reader or decoder e.
func (c *checker) srcOf(e ast.Expr) mask {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := c.info.Uses[e].(*types.Var); ok {
			return c.srcVar(v)
		}
	case *ast.SelectorExpr:
		if isBodyField(c.info, e) {
			return fromResponse | unbounded
		}
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return c.srcOf(e.X)
		}
	case *ast.CallExpr:
		if _, tuple := c.info.TypeOf(e).(*types.Tuple); !tuple {
			return c.callSrc(e, 0)
		}
	}
	return 0
}

// isBodyField reports whether sel selects the Body field of an http.Response.
func isBodyField(info *types.Info, sel *ast.SelectorExpr) bool {
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return false
	}
	f := s.Obj()
	if f.Name() != "Body" || f.Pkg() == nil || f.Pkg().Path() != "net/http" {
		return false
	}
	// The field's struct is http.Response (not http.Request).
	t := s.Recv()
	for {
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
			continue
		}
		break
	}
	if httpmodel.IsNamed(t, "net/http", "Response") {
		return true
	}
	// An SDK response embedding *http.Response: the path goes through it.
	idx := s.Index()
	st, ok := t.Underlying().(*types.Struct)
	if !ok || len(idx) < 2 || idx[0] >= st.NumFields() {
		return false
	}
	ft := st.Field(idx[0]).Type()
	return httpmodel.IsPointerTo(ft, "net/http", "Response") || httpmodel.IsNamed(ft, "net/http", "Response")
}

// callSrc returns the origins of result idx of call as bytes or a reader.
func (c *checker) callSrc(call *ast.CallExpr, idx int) mask {
	if tv, ok := c.info.Types[call.Fun]; ok && tv.IsType() {
		if len(call.Args) == 1 && idx == 0 {
			return c.srcOf(call.Args[0]) // []byte(s), string(b)
		}
		return 0
	}
	fn := c.model.Callee(call)
	if fn == nil {
		return 0
	}
	arg := func(i int) mask {
		if i < len(call.Args) {
			return c.srcOf(call.Args[i])
		}
		return 0
	}
	if idx == 0 {
		switch {
		case httpmodel.IsFunc(fn, "io", "", "LimitReader"):
			return arg(0) &^ unbounded
		case httpmodel.IsFunc(fn, "net/http", "", "MaxBytesReader"):
			return arg(1) &^ unbounded
		case httpmodel.IsFunc(fn, "bufio", "", "NewReader"), httpmodel.IsFunc(fn, "bufio", "", "NewReaderSize"),
			httpmodel.IsFunc(fn, "io", "", "TeeReader"), httpmodel.IsFunc(fn, "io", "", "NopCloser"),
			httpmodel.IsFunc(fn, "compress/gzip", "", "NewReader"), httpmodel.IsFunc(fn, "compress/zlib", "", "NewReader"),
			httpmodel.IsFunc(fn, "compress/flate", "", "NewReader"),
			httpmodel.IsFunc(fn, "bytes", "", "NewReader"), httpmodel.IsFunc(fn, "bytes", "", "NewBuffer"),
			httpmodel.IsFunc(fn, "strings", "", "NewReader"),
			httpmodel.IsFunc(fn, "io", "", "ReadAll"), httpmodel.IsFunc(fn, "io/ioutil", "", "ReadAll"),
			httpmodel.IsFunc(fn, "encoding/json", "", "NewDecoder"):
			return arg(0)
		case httpmodel.IsFunc(fn, "bytes", "Buffer", "Bytes"), httpmodel.IsFunc(fn, "bytes", "Buffer", "String"),
			httpmodel.IsFunc(fn, "strings", "Builder", "String"):
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				return c.srcOf(stripAddr(sel.X)) &^ unbounded
			}
			return 0
		}
	}
	var m mask
	if f := c.factOf(fn); f != nil {
		for _, fl := range f.Raw {
			if fl.To == idx {
				m |= c.flowOrigin(call, fn, fl.From)
			}
		}
	}
	return m
}

// callData returns the origins of result idx of call as decoded data (val)
// or as a pointer to it (ptr).
func (c *checker) callData(call *ast.CallExpr, idx int) (val, ptr mask) {
	fn := c.model.Callee(call)
	if fn == nil {
		return 0, 0
	}
	f := c.factOf(fn)
	if f == nil {
		return 0, 0
	}
	for _, fl := range f.Returns {
		if fl.To != idx {
			continue
		}
		m := c.dataOrigin(call, fn, fl)
		if fl.Ptr {
			ptr |= m
		} else {
			val |= m
		}
	}
	return val, ptr
}

// dataOf returns the origins of e as decoded data (val), or as a pointer to
// decoded data (ptr).
func (c *checker) dataOf(e ast.Expr) (val, ptr mask) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := c.info.Uses[e].(*types.Var); ok {
			return c.dataVar(v)
		}
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			v, _ := c.dataOf(e.X)
			return 0, v
		}
	case *ast.StarExpr:
		v, p := c.dataOf(e.X)
		return v | p, 0
	case *ast.SelectorExpr:
		s := c.info.Selections[e]
		if s == nil || s.Kind() != types.FieldVal {
			return 0, 0
		}
		v, p := c.dataOf(e.X)
		if _, isPtr := types.Unalias(c.info.TypeOf(e.X)).Underlying().(*types.Pointer); isPtr {
			return v | p, 0
		}
		return v, 0
	case *ast.IndexExpr:
		switch types.Unalias(c.info.TypeOf(e.X)).Underlying().(type) {
		case *types.Map, *types.Slice, *types.Array:
			v, _ := c.dataOf(e.X)
			return v, 0
		case *types.Pointer:
			v, p := c.dataOf(e.X)
			return v | p, 0
		}
	case *ast.SliceExpr:
		v, _ := c.dataOf(e.X)
		return v, 0
	case *ast.TypeAssertExpr:
		v, _ := c.dataOf(e.X)
		return v, 0
	case *ast.CallExpr:
		if _, tuple := c.info.TypeOf(e).(*types.Tuple); !tuple {
			return c.callData(e, 0)
		}
	}
	return 0, 0
}
