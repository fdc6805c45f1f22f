package bodyclose

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net/http"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// What a path knows of the response.
const (
	respMaybe = iota // the request may have failed: resp may be nil
	respLive         // the request succeeded: resp is non-nil, its body open
	respNil          // the request failed: resp is nil
)

// state is what a path knows at a point of the function.
type state struct {
	resp int
	// errFresh reports that the error variable still holds the request's
	// error: a later assignment (data, err := io.ReadAll(...)) makes its
	// tests say nothing about the response.
	errFresh bool
	// pending is the variable holding the error of a call that closes the
	// body only when it returns a non-nil error: once it is tested, the
	// body is closed on the non-nil branch and still open on the other.
	pending *types.Var
}

// leak is a return reached with the body open.
type leak struct {
	ret      *ast.ReturnStmt
	implicit bool // the end of the function body
}

// cfgOf returns the control-flow graph of fn's body.
func (c *checker) cfgOf(fn ast.Node, body *ast.BlockStmt) *cfg.CFG {
	if g, ok := c.cfgs[fn]; ok {
		return g
	}
	g := cfg.New(body, c.mayReturn)
	c.cfgs[fn] = g
	ast.Inspect(body, func(n ast.Node) bool {
		if sw, ok := n.(*ast.SwitchStmt); ok && sw.Tag != nil {
			for _, cl := range sw.Body.List {
				for _, e := range cl.(*ast.CaseClause).List {
					c.caseTag[e] = sw.Tag
				}
			}
		}
		return true
	})
	return g
}

// mayReturn reports whether a call can return: panic, os.Exit, log.Fatal
// and runtime.Goexit end the path (a process that exits leaks nothing).
func (c *checker) mayReturn(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
			return false
		}
	}
	fn := c.model.Callee(call)
	switch {
	case httpmodel.IsFunc(fn, "os", "", "Exit"), httpmodel.IsFunc(fn, "runtime", "", "Goexit"):
		return false
	case fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "log":
		switch fn.Name() {
		case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
			return false
		}
	}
	return true
}

// checkPaths follows the response of b from its call along every path,
// assuming the request succeeded, and reports the paths that leave the
// function with the body open.
func (c *checker) checkPaths(b *binding) {
	// Closes, and hand-offs after the request (returned, stored, sent,
	// captured, given away): on a path, either ends the function's duty.
	var closes []use
	for _, u := range b.uses {
		switch u.kind {
		case useClose, useDeferClose, useHandoff, useReturn, usePass:
			closes = append(closes, u)
		}
	}
	g := c.cfgOf(b.fn, b.body)
	var start *cfg.Block
	startIdx := -1
	for _, blk := range g.Blocks {
		if !blk.Live {
			continue
		}
		for i, n := range blk.Nodes {
			if n.Pos() <= b.call.Pos() && b.call.End() <= n.End() {
				start, startIdx = blk, i
			}
		}
	}
	if start == nil {
		return
	}
	closesAt := func(n ast.Node) bool {
		return slices.ContainsFunc(closes, func(u use) bool { return n.Pos() <= u.node.Pos() && u.node.End() <= n.End() })
	}
	var onError []ast.Node // calls that close the body when they return an error
	for _, u := range b.uses {
		if u.kind == useCloseOnError {
			onError = append(onError, u.node)
		}
	}
	closesOnErrorAt := func(n ast.Node) ast.Node {
		for _, call := range onError {
			if n.Pos() <= call.Pos() && call.End() <= n.End() {
				return call
			}
		}
		return nil
	}

	type item struct {
		blk  *cfg.Block
		from int
		st   state
	}
	type key struct {
		blk int32
		st  state
	}
	seen := make(map[key]bool)
	var leaks []leak
	reached := make(map[*ast.ReturnStmt]map[int]bool) // return -> the resp states reaching it
	work := []item{{start, startIdx + 1, state{resp: respMaybe, errFresh: b.errVar != nil}}}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		st := it.st
		blk := it.blk
		stop := false
		for i := it.from; i < len(blk.Nodes) && !stop; i++ {
			n := blk.Nodes[i]
			switch {
			case it.from == 0 && n.Pos() <= b.call.Pos() && b.call.End() <= n.End():
				// Round again to the request: a retry or a loop over
				// requests; the retry analyzer's leaked-body covers it.
				stop = true
				continue
			case closesAt(n):
				stop = true
				continue
			}
			if call := closesOnErrorAt(n); call != nil {
				// err := check(resp): closed if err is non-nil. Any other
				// form (the error returned, or not kept) counts as a close.
				e := c.errorOf(n, call)
				if e == nil || st.pending != nil {
					stop = true
					continue
				}
				st.pending = e
			} else if st.pending != nil && c.assigns(n, st.pending, nil) {
				stop = true // the error is overwritten before it is tested
				continue
			}
			if _, ok := n.(*ast.ReturnStmt); ok && st.pending != nil {
				stop = true // returns the helper's error: the caller tests it
				continue
			}
			if ret, ok := n.(*ast.ReturnStmt); ok {
				if reached[ret] == nil {
					reached[ret] = make(map[int]bool)
				}
				reached[ret][st.resp] = true
				if st.resp == respLive || st.resp == respMaybe && b.errVar == nil {
					leaks = append(leaks, leak{ret: ret, implicit: ret.Results == nil && ret.Return == b.body.Rbrace})
				}
				stop = true
				continue
			}
			if b.errVar != nil && c.assigns(n, b.errVar, b.stmt) {
				st.errFresh = false
			}
			if i == len(blk.Nodes)-1 && len(blk.Succs) == 2 {
				cond, _ := n.(ast.Expr)
				for j, want := range []bool{true, false} {
					if len(closes) > 0 && c.roundEdge(blk.Succs[j], b.call) {
						continue
					}
					for _, s := range c.refine(cond, want, st, b) {
						if k := (key{blk.Succs[j].Index, s}); !seen[k] {
							seen[k] = true
							work = append(work, item{blk.Succs[j], 0, s})
						}
					}
				}
				stop = true
			}
		}
		if stop {
			continue
		}
		for _, succ := range blk.Succs {
			if len(closes) > 0 && c.roundEdge(succ, b.call) {
				// Going round a loop that sends the request: a retry's
				// failed attempt (the retry analyzer's leaked-body), or the
				// next item of a loop. Only a response never closed at all
				// is reported for it.
				continue
			}
			if k := (key{succ.Index, st}); !seen[k] {
				seen[k] = true
				work = append(work, item{succ, 0, st})
			}
		}
	}
	if len(leaks) == 0 {
		return
	}
	slices.SortFunc(leaks, func(a, b leak) int { return int(a.ret.Pos() - b.ret.Pos()) })
	leaks = slices.CompactFunc(leaks, func(a, b leak) bool { return a.ret == b.ret })
	from := astq.FuncName(b.callee)
	name := b.resp.Name()
	d := analysis.Diagnostic{Pos: b.call.Pos(), End: b.call.End(), Category: categoryUnclosed}
	// One message whether the body is closed nowhere or on some paths
	// only, and no line in it: the finding stays the same finding when a
	// fix (this analyzer's or another's) adds a close on one path or
	// moves the code. The returns are related positions.
	d.Message = fmt.Sprintf("%s.Body (the response from %s) is not closed on every path out of the function: its connection stays busy and cannot be reused", name, from)
	for _, l := range leaks {
		msg := "returns with " + name + ".Body open"
		if l.implicit {
			msg = "reaches the end of the function with " + name + ".Body open"
		}
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: l.ret.Pos(), Message: msg})
	}
	if len(closes) == 0 {
		if fix, ok := c.deferFix(b); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	} else {
		if fix, ok := c.returnFix(b, leaks, reached); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	c.rep.Report(d)
}

// roundEdge reports whether entering blk goes round a loop that contains
// call: blk is the loop's head or post statement.
func (c *checker) roundEdge(blk *cfg.Block, call *ast.CallExpr) bool {
	switch blk.Kind {
	case cfg.KindForLoop, cfg.KindForPost, cfg.KindRangeLoop:
		return blk.Stmt != nil && within(call, blk.Stmt)
	}
	return false
}

// errorOf returns the variable that node n assigns the error result of
// call to (err := check(resp), if err := check(resp); ...), or nil.
func (c *checker) errorOf(n ast.Node, call ast.Node) *types.Var {
	as, ok := n.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != call || len(as.Lhs) == 0 {
		return nil
	}
	id, ok := ast.Unparen(as.Lhs[len(as.Lhs)-1]).(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	v, _ := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if v == nil || !isError(v.Type()) {
		return nil
	}
	return v
}

// assigns reports whether node n (other than the binding statement)
// assigns v.
func (c *checker) assigns(n ast.Node, v *types.Var, self ast.Node) bool {
	if n == self {
		return false
	}
	var lhs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		lhs = n.Lhs
	case *ast.ValueSpec:
		for _, id := range n.Names {
			lhs = append(lhs, id)
		}
	default:
		return false
	}
	for _, e := range lhs {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok && c.pass.TypesInfo.ObjectOf(id) == v {
			return true
		}
	}
	return false
}

// refine returns the states in which cond evaluates to want, starting
// from s: none when that cannot happen, or when cond tests the request's
// error in a way the analyzer cannot read (the path is not followed).
func (c *checker) refine(cond ast.Expr, want bool, s state, b *binding) []state {
	if cond == nil {
		return []state{s}
	}
	if tag := c.caseTag[cond]; tag != nil {
		// A case of switch resp.StatusCode: the case is taken when the
		// tag equals the expression.
		cond = &ast.BinaryExpr{X: tag, Op: token.EQL, Y: cond}
	}
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return c.refine(e.X, !want, s, b)
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND, token.LOR:
			// For &&, true needs both; for ||, false needs both.
			both := (e.Op == token.LAND) == want
			var out []state
			for _, s1 := range c.refine(e.X, want, s, b) {
				if both {
					out = append(out, c.refine(e.Y, want, s1, b)...)
				} else {
					out = append(out, s1)
				}
			}
			if !both {
				for _, s1 := range c.refine(e.X, !want, s, b) {
					out = append(out, c.refine(e.Y, want, s1, b)...)
				}
			}
			slices.SortFunc(out, func(a, b state) int {
				if a.resp != b.resp {
					return a.resp - b.resp
				}
				if a.errFresh == b.errFresh {
					return 0
				}
				if a.errFresh {
					return 1
				}
				return -1
			})
			return slices.Compact(out)
		case token.EQL, token.NEQ:
			if c.bodylessStatus(e, b) {
				if want == (e.Op == token.EQL) {
					return nil // 204, 205 or 304: the transport gave an empty body
				}
				return []state{s}
			}
			var x ast.Expr
			switch {
			case c.isNil(e.Y):
				x = e.X
			case c.isNil(e.X):
				x = e.Y
			}
			isNil := want == (e.Op == token.EQL) // the branch where x == nil
			if sel, ok := ast.Unparen(x).(*ast.SelectorExpr); ok && sel.Sel.Name == "Body" && c.refersTo(sel.X, b.resp) {
				// A client's response always has a body: the branch where
				// it is nil is not taken (and would have nothing to close).
				if isNil {
					return nil
				}
				return []state{s}
			}
			id, ok := ast.Unparen(x).(*ast.Ident)
			if !ok {
				break
			}
			if v := c.pass.TypesInfo.Uses[id]; v != nil && v == types.Object(s.pending) {
				if !isNil {
					return nil // the helper has closed the body
				}
				s.pending = nil
				return []state{s}
			}
			switch c.pass.TypesInfo.Uses[id] {
			case b.resp:
				return narrow(s, isNil)
			case b.errVar:
				if !s.errFresh {
					return []state{s}
				}
				// A nil error comes with a response; a non-nil error
				// with none (net/http's CheckRedirect case aside).
				return narrow(s, !isNil)
			}
		}
	}
	if s.pending != nil && c.mentions(cond, s.pending) {
		return nil
	}
	if b.errVar != nil && s.errFresh && c.mentions(cond, b.errVar) {
		return nil // errors.Is(err, ...), check(err): not followed
	}
	return []state{s}
}

// bodylessStatus reports whether e compares b's resp.StatusCode with a
// status whose response has no content: 204 No Content, 205 Reset Content
// and 304 Not Modified (a server must not send any). The transport gives
// such a response an empty body and reuses the connection at once.
func (c *checker) bodylessStatus(e *ast.BinaryExpr, b *binding) bool {
	for _, pair := range [][2]ast.Expr{{e.X, e.Y}, {e.Y, e.X}} {
		sel, ok := ast.Unparen(pair[0]).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "StatusCode" {
			continue
		}
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); !ok || c.pass.TypesInfo.Uses[id] != b.resp {
			continue
		}
		tv, ok := c.pass.TypesInfo.Types[pair[1]]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
			continue
		}
		switch n, _ := constant.Int64Val(tv.Value); n {
		case http.StatusNoContent, http.StatusResetContent, http.StatusNotModified:
			return true
		}
	}
	return false
}

// narrow returns s in the branch where the response is nil (respIsNil) or not.
func narrow(s state, respIsNil bool) []state {
	switch {
	case s.resp == respMaybe && respIsNil, s.resp == respNil && respIsNil:
		s.resp = respNil
	case s.resp == respMaybe, s.resp == respLive && !respIsNil:
		s.resp = respLive
	default:
		return nil // contradiction: the branch is not taken
	}
	return []state{s}
}

// mentions reports whether e refers to v.
func (c *checker) mentions(e ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}
