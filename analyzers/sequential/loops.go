package sequential

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// With -loops: a range loop whose body sends one independent safe request per
// element.

// checkLoop reports, with -loops, a range loop whose body sends one
// independent safe request per element.
func (c *checker) checkLoop(rs *ast.RangeStmt) {
	t := c.info.TypeOf(rs.X)
	if t == nil {
		return
	}
	switch u := t.Underlying().(type) {
	case *types.Slice, *types.Array, *types.Map:
	case *types.Pointer:
		if _, ok := u.Elem().Underlying().(*types.Array); !ok {
			return
		}
	case *types.Basic:
		if u.Info()&(types.IsInteger|types.IsString) == 0 {
			return
		}
	default:
		return // channels and iterators yield as they go
	}
	var reqs []*httpmodel.Request
	bad := false
	ast.Inspect(rs.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			bad = true // already concurrent
		case *ast.BranchStmt:
			if n.Tok == token.BREAK || n.Tok == token.GOTO || n.Label != nil {
				bad = true // stops early: the order matters
			}
		case *ast.CallExpr:
			if req := c.model.Request(n); req != nil {
				reqs = append(reqs, req)
			} else if fn := c.model.Callee(n); paces(fn) || (fn != nil && fn.Name() == "Go" && fn.Signature().Recv() != nil) {
				bad = true
			}
		}
		return !bad
	})
	if bad || len(reqs) != 1 || !safeMethod(reqs[0].Method) || reqs[0].Func != c.fn || returnsEarly(c.info, rs.Body) ||
		!c.st.evident(reqs[0]) || c.loopback(reqs[0]) {
		return
	}
	call := reqs[0].Call
	if !c.topLevel(call, rs.Body) {
		return
	}
	// Loop-carried dependencies: the call reads a variable declared outside
	// the loop and written inside it, or fills one in.
	inside := func(v *types.Var) bool { return rs.Pos() <= v.Pos() && v.Pos() < rs.End() }
	written := make(map[*types.Var]bool)
	ast.Inspect(rs.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if v := rootVar(c.info, l); v != nil {
					written[v] = true
				}
			}
		case *ast.IncDecStmt:
			if v := rootVar(c.info, n.X); v != nil {
				written[v] = true
			}
		case *ast.CallExpr:
			if n != call {
				for _, v := range c.mutable(n) {
					written[v] = true
				}
			}
		}
		return true
	})
	for v := range varsIn(c.info, call) {
		if written[v] && !inside(v) {
			return
		}
	}
	for _, v := range c.outParams(call) {
		if !inside(v) {
			return
		}
	}
	c.rep.Report(analysis.Diagnostic{
		Pos:      call.Pos(),
		End:      call.End(),
		Category: Category,
		Message: fmt.Sprintf("one %s request per element is sent one after another: run them concurrently, with a limit, to wait for the slowest instead of the sum",
			reqs[0].Method),
		Related: []analysis.RelatedInformation{{Pos: rs.Pos(), End: rs.Body.Lbrace, Message: "the loop"}},
	})
}

// returnsEarly reports whether a loop body returns other than on an error
// (if err != nil { return ... }): finding something and stopping depends on
// the order.
func returnsEarly(info *types.Info, body *ast.BlockStmt) bool {
	early := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if isErrCheck(info, n.Cond) {
				if n.Else != nil {
					ast.Inspect(n.Else, func(m ast.Node) bool {
						if _, ok := m.(*ast.ReturnStmt); ok {
							early = true
						}
						return !early
					})
				}
				return false
			}
		case *ast.ReturnStmt:
			early = true
		}
		return !early
	})
	return early
}
