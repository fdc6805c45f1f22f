package statuscheck

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/facttable"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// The fact of a function that takes or returns a response: whether it checks
// the status or hands the response on, derived for the package's functions.

// statusFact is exported for a function that examines the status of an
// *http.Response: of one of its parameters (a CheckResponse(resp) helper),
// or of the response it obtains from a request and returns. Facts are
// gob-encoded by go vet: fields stay exported and basic.
type statusFact struct {
	// Params has bit i set when the function examines the status of its
	// response parameter i (receiver excluded), or hands it on to code that
	// may (unknown means checked).
	Params uint64
	// Returns reports that the function sends a request, examines the status
	// of the response, and returns a response.
	Returns bool
	// NilSafe has bit i set when the function compares its response
	// parameter i with nil: given the response of a failed request, it
	// handles the failure (Docker's ensureReaderClosed).
	NilSafe uint64
}

// AFact marks statusFact as an analysis fact.
func (*statusFact) AFact() {}

func (f *statusFact) String() string {
	var parts []string
	for i := 0; i < 64; i++ {
		if f.Params&(1<<i) != 0 {
			parts = append(parts, fmt.Sprintf("checks param%d", i))
		}
	}
	if f.Returns {
		parts = append(parts, "checks result")
	}
	for i := 0; i < 64; i++ {
		if f.NilSafe&(1<<i) != 0 {
			parts = append(parts, fmt.Sprintf("nil-safe param%d", i))
		}
	}
	return strings.Join(parts, " ")
}

// computeFacts derives the facts of the package's functions that take or
// return a response, to a fixed point since they depend on each other.
func (c *checker) computeFacts(decls []*ast.FuncDecl) {
	var fns []*types.Func
	var fds []*ast.FuncDecl
	for _, d := range decls {
		if fn, ok := c.pass.TypesInfo.Defs[d.Name].(*types.Func); ok {
			fns, fds = append(fns, fn), append(fds, d)
		}
	}
	worth := func(f *statusFact) bool { return f.Params != 0 || f.Returns || f.NilSafe != 0 }
	facttable.Settle(8, func() bool {
		changed := false
		for i, fn := range fns {
			f := c.deriveFact(fds[i], fn)
			if old := c.facts.Local(fn); (old == nil && worth(&f)) || (old != nil && *old != f) {
				c.facts.Set(fn, &f)
				changed = true
			}
		}
		return changed
	})
	c.facts.Export(fns, worth)
}

func (c *checker) deriveFact(d *ast.FuncDecl, fn *types.Func) statusFact {
	var f statusFact
	sig := fn.Signature()
	for i := 0; i < sig.Params().Len() && i < 64; i++ {
		p := sig.Params().At(i)
		if !httpmodel.IsResponse(p.Type()) {
			continue
		}
		for _, u := range c.model.UseCursors(p) {
			if k, _ := c.classify(u); k == useStatus || k == useEscape {
				f.Params |= 1 << i
				break
			}
		}
		for _, u := range c.model.UseCursors(p) {
			if c.comparedWithNil(u) {
				f.NilSafe |= 1 << i
				break
			}
		}
	}
	returnsResponse := false
	for i := 0; i < sig.Results().Len(); i++ {
		if httpmodel.IsResponse(sig.Results().At(i).Type()) {
			returnsResponse = true
		}
	}
	if !returnsResponse {
		return f
	}
	for _, req := range c.requests[d] {
		if rf := c.factOf(req.Callee); req.Via == httpmodel.ViaFact && rf != nil && rf.Returns {
			f.Returns = true
			break
		}
		b := c.model.Binding(req)
		if b == nil {
			continue
		}
		for _, u := range c.after(b.Resp, b) {
			if k, _ := c.classify(u); k == useStatus {
				f.Returns = true
			}
		}
	}
	return f
}

// comparedWithNil reports whether the use u of a variable is a comparison
// of it with nil.
func (c *checker) comparedWithNil(u inspector.Cursor) bool {
	be, ok := u.Parent().Node().(*ast.BinaryExpr)
	if !ok || (be.Op != token.EQL && be.Op != token.NEQ) {
		return false
	}
	other := be.X
	if other == u.Node() {
		other = be.Y
	}
	id, ok := ast.Unparen(other).(*ast.Ident)
	return ok && c.pass.TypesInfo.Uses[id] == types.Universe.Lookup("nil")
}

// nilSafeArg reports whether the use u of a response is an argument of a
// call of a function that compares that parameter with nil.
func (c *checker) nilSafeArg(u inspector.Cursor) bool {
	call, ok := u.Parent().Node().(*ast.CallExpr)
	if !ok || u.ParentEdgeKind() != edge.CallExpr_Args {
		return false
	}
	i := u.ParentEdgeIndex()
	f := c.factOf(c.model.Callee(call))
	return f != nil && i < 64 && f.NilSafe&(1<<i) != 0
}

// factOf returns the fact of fn, from this package or imported.
func (c *checker) factOf(fn *types.Func) *statusFact { return c.facts.Of(fn) }
