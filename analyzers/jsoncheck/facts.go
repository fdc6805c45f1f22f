package jsoncheck

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// The fact of a function: how it moves response JSON from its parameters or a
// response body to its parameters and results, derived once its origins are known.

// Flow is one path of data through a function, in terms of its parameters
// (receiver excluded) and results; From is -1 for an HTTP response body.
type Flow struct {
	From, To int
	// Ptr reports that the value points to the data rather than being it.
	Ptr bool
	// ErrBody reports that the response decoded may be an error response:
	// its status is not checked, or not fully (see errorBodyAt).
	ErrBody bool
}

// decodeFact describes how a function moves response JSON, so that callers
// in other packages see through request helpers and SDK methods. Facts are
// gob-encoded by go vet: fields stay exported and basic.
type decodeFact struct {
	// Into: the function decodes source From into what parameter To points to.
	Into []Flow
	// Returns: result To holds data decoded from From.
	Returns []Flow
	// Raw: result To holds the undecoded bytes (or a reader) of From.
	Raw []Flow
}

// AFact marks decodeFact as an analysis fact.
func (*decodeFact) AFact() {}

func (f *decodeFact) String() string {
	var parts []string
	show := func(kind string, fl []Flow) {
		for _, x := range fl {
			from := "resp"
			if x.From >= 0 {
				from = fmt.Sprintf("param%d", x.From)
			}
			star := ""
			if x.Ptr {
				star = "*"
			}
			if x.ErrBody {
				from += "!"
			}
			parts = append(parts, fmt.Sprintf("%s(%s->%s%d)", kind, from, star, x.To))
		}
	}
	show("into", f.Into)
	show("returns", f.Returns)
	show("raw", f.Raw)
	return strings.Join(parts, " ")
}

func (f *decodeFact) empty() bool {
	return len(f.Into) == 0 && len(f.Returns) == 0 && len(f.Raw) == 0
}

func (f *decodeFact) equal(g *decodeFact) bool {
	eq := func(a, b []Flow) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	return eq(f.Into, g.Into) && eq(f.Returns, g.Returns) && eq(f.Raw, g.Raw)
}

// mask is a set of origins: a response body, a parameter of the enclosing
// declaration (bit i), whether an unbounded body is read, and whether the
// data may have been decoded from an error response.
type mask uint64

const (
	fromResponse mask = 1 << 63
	unbounded    mask = 1 << 62
	errBody      mask = 1 << 61
	maxParams         = 61
)

// deriveDecl computes the fact of a declaration from the origins known so
// far, and queues the items that read it when it changed.
func (c *checker) deriveDecl(d *ast.FuncDecl) {
	fn, ok := c.info.Defs[d.Name].(*types.Func)
	if !ok || d.Body == nil {
		return
	}
	f := c.deriveFact(d, fn)
	old := c.facts.Local(fn)
	if old == nil {
		old = new(decodeFact)
	}
	if !old.equal(f) {
		c.facts.Set(fn, f)
		c.requeue(c.factReaders[fn])
	}
}

func (c *checker) deriveFact(d *ast.FuncDecl, fn *types.Func) *decodeFact {
	f := new(decodeFact)
	sig := fn.Signature()
	// flows turns origins into flows to position to.
	flows := func(m mask, to int, ptr bool) []Flow {
		var out []Flow
		if m&fromResponse != 0 {
			out = append(out, Flow{From: -1, To: to, Ptr: ptr, ErrBody: m&errBody != 0})
		}
		for i := 0; i < maxParams && i < sig.Params().Len(); i++ {
			if m&(1<<i) != 0 {
				out = append(out, Flow{From: i, To: to, Ptr: ptr})
			}
		}
		return out
	}
	for i := 0; i < sig.Params().Len() && i < maxParams; i++ {
		p := sig.Params().At(i)
		_, pp := c.dataVar(p)
		f.Into = append(f.Into, flows(pp&^(1<<i), i, false)...)
	}
	results := sig.Results()
	var val, ptr, raw [maxParams]mask
	for _, ret := range c.model.Returns(d) {
		exprs := ret.Results
		if len(exprs) == 0 {
			for i := 0; i < results.Len() && i < maxParams; i++ {
				v, p := c.dataVar(results.At(i))
				val[i] |= v
				ptr[i] |= p
				raw[i] |= c.srcVar(results.At(i))
			}
			continue
		}
		if len(exprs) == 1 && results.Len() > 1 {
			call, ok := ast.Unparen(exprs[0]).(*ast.CallExpr)
			if !ok {
				continue
			}
			for i := 0; i < results.Len() && i < maxParams; i++ {
				v, p := c.callData(call, i)
				val[i] |= v
				ptr[i] |= p
				raw[i] |= c.callSrc(call, i)
			}
			continue
		}
		for i, e := range exprs {
			if i >= maxParams {
				break
			}
			v, p := c.dataOf(e)
			val[i] |= v
			ptr[i] |= p
			raw[i] |= c.srcOf(e)
		}
	}
	for i := 0; i < results.Len() && i < maxParams; i++ {
		if canHoldChecked(results.At(i).Type(), 0) {
			f.Returns = append(f.Returns, flows(val[i], i, false)...)
			f.Returns = append(f.Returns, flows(ptr[i], i, true)...)
		}
		if isRawType(results.At(i).Type()) {
			f.Raw = append(f.Raw, flows(raw[i]&^unbounded, i, false)...)
		}
	}
	return f
}

// canHoldChecked reports whether a value of type t can hold what the
// analyzer checks: untyped JSON or structs (which may have pointer fields).
// Strings and numbers taken out of the data need no fact.
func canHoldChecked(t types.Type, depth int) bool {
	if depth > 4 {
		return false
	}
	switch u := types.Unalias(t).(type) {
	case *types.TypeParam:
		return true
	case *types.Named:
		if _, ok := u.Underlying().(*types.Struct); ok {
			return true
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Interface:
		return u.Empty()
	case *types.Struct:
		return true
	case *types.Pointer:
		return canHoldChecked(u.Elem(), depth+1)
	case *types.Slice:
		return canHoldChecked(u.Elem(), depth+1)
	case *types.Array:
		return canHoldChecked(u.Elem(), depth+1)
	case *types.Map:
		return canHoldChecked(u.Elem(), depth+1)
	}
	return false
}

// isRawType reports whether t can carry undecoded bytes: []byte, string, a
// reader, a decoder.
func isRawType(t types.Type) bool {
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Slice:
		b, ok := types.Unalias(u.Elem()).(*types.Basic)
		return ok && b.Kind() == types.Byte
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Interface:
		return !u.Empty()
	case *types.Pointer:
		return httpmodel.IsNamed(u.Elem(), "encoding/json", "Decoder") || httpmodel.IsNamed(u.Elem(), "bytes", "Buffer") ||
			httpmodel.IsNamed(u.Elem(), "bytes", "Reader") || httpmodel.IsNamed(u.Elem(), "bufio", "Reader")
	}
	return false
}

// factOf returns the fact of fn, from this package or imported; reading
// a local fact records the dependency of the item being evaluated.
func (c *checker) factOf(fn *types.Func) *decodeFact { return c.facts.Of(fn) }
