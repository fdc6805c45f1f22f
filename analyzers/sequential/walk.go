package sequential

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// The shared walk: the blocks of each function, the straight-line sequences of
// independent requests in them, and what breaks a sequence (a dependence, a
// call that paces or waits for state, a statement that leaves the path).

// checkFunc looks for sequences in the blocks of one function. Nested
// function literals are functions of their own, checked separately.
func (c *checker) checkFunc(cur inspector.Cursor) {
	var body *ast.BlockStmt
	switch fn := cur.Node().(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		if c.alreadyConcurrent(cur) {
			return
		}
		body = fn.Body
	}
	if body == nil {
		return
	}
	c.fn = cur.Node()
	c.block(body.List, false)
}

// alreadyConcurrent reports whether a function literal runs concurrently
// with its caller: go func() {...}(), g.Go(func() ...), wg.Go(func() {...}),
// or a literal that calls (*sync.WaitGroup).Done.
func (c *checker) alreadyConcurrent(cur inspector.Cursor) bool {
	lit := cur.Node().(*ast.FuncLit)
	p := cur.Parent()
	if call, ok := p.Node().(*ast.CallExpr); ok {
		if call.Fun == lit {
			if _, ok := p.Parent().Node().(*ast.GoStmt); ok {
				return true
			}
		} else if fn := c.model.Callee(call); fn != nil && fn.Signature().Recv() != nil &&
			(fn.Name() == "Go" || fn.Name() == "TryGo") {
			return true
		}
	}
	done := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && httpmodel.IsFunc(c.model.Callee(call), "sync", "WaitGroup", "Done") {
			done = true
		}
		return !done
	})
	return done
}

// block walks a statement list: in a loop body it only descends (and looks
// at range loops with -loops); elsewhere it builds sequences.
func (c *checker) block(stmts []ast.Stmt, inLoop bool) {
	var s *seq
	if !inLoop {
		s = &seq{c: c, stmts: stmts}
	}
	for i, st := range stmts {
		if s != nil {
			s.index = i
			s.stmt(st)
		}
		c.nested(st, inLoop)
	}
	if s != nil {
		s.flush()
	}
}

// nested descends into the blocks a statement contains.
func (c *checker) nested(st ast.Stmt, inLoop bool) {
	switch st := st.(type) {
	case *ast.BlockStmt:
		c.block(st.List, inLoop)
	case *ast.LabeledStmt:
		c.nested(st.Stmt, inLoop)
	case *ast.IfStmt:
		c.block(st.Body.List, inLoop)
		if st.Else != nil {
			c.nested(st.Else, inLoop)
		}
	case *ast.SwitchStmt:
		c.clauses(st.Body, inLoop)
	case *ast.TypeSwitchStmt:
		c.clauses(st.Body, inLoop)
	case *ast.SelectStmt:
		c.clauses(st.Body, inLoop)
	case *ast.ForStmt:
		c.block(st.Body.List, true)
	case *ast.RangeStmt:
		if c.loops {
			c.checkLoop(st)
		}
		c.block(st.Body.List, true)
	}
}

func (c *checker) clauses(body *ast.BlockStmt, inLoop bool) {
	for _, cl := range body.List {
		switch cl := cl.(type) {
		case *ast.CaseClause:
			c.block(cl.Body, inLoop)
		case *ast.CommClause:
			c.block(cl.Body, inLoop)
		}
	}
}

// member is a request of the current sequence.
type member struct {
	req   *httpmodel.Request
	index int // of its statement in the block
	reads map[*types.Var]bool
}

// seq follows one block's straight-line path and the sequence of
// independent safe requests being built along it.
type seq struct {
	c     *checker
	stmts []ast.Stmt
	index int // of the statement being looked at
	run   []*member
	// taint maps a variable to the members of run whose results it may
	// hold, directly or through other variables.
	taint map[*types.Var]map[*member]bool
}

// flush reports the sequence if it has two calls or more, and starts anew.
func (s *seq) flush() {
	if len(s.run) >= 2 {
		s.c.report(s.run, s.stmts)
	}
	s.run, s.taint = nil, nil
}

// stmt moves the sequence along one statement of the block.
func (s *seq) stmt(st ast.Stmt) {
	switch st := st.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.DeclStmt, *ast.ReturnStmt, *ast.IncDecStmt:
		s.straight(st)
	case *ast.IfStmt:
		if st.Else == nil && terminates(s.c.info, st.Body) {
			// An early exit (if err != nil { return ... }) leaves the path
			// as it was; its init and condition are on the path. An exit
			// that decides on an earlier result and does not fail (if
			// found { return v, nil }) makes the later requests depend on
			// that result: they are only sent when it says so.
			if s.readsRun(st.Cond) && !isErrCheck(s.c.info, st.Cond) && !failing(s.c.info, st.Body) {
				s.flush()
			}
			if st.Init != nil {
				s.straight(st.Init)
			}
			s.straight(&ast.ExprStmt{X: st.Cond})
			return
		}
		s.flush()
	case *ast.DeferStmt, *ast.EmptyStmt:
		// Deferred calls run at the end; they do not break the path.
	default:
		s.flush()
	}
}

// straight handles a statement evaluated as a whole: the calls it makes, in
// evaluation order, then the variables it assigns.
func (s *seq) straight(st ast.Stmt) {
	c := s.c
	lhs, rhs := assignParts(st)

	// A write to a variable an earlier call read: the calls are ordered by it.
	for _, e := range lhs {
		if v := rootVar(c.info, e); v != nil && s.readByRun(v) {
			s.flush()
			break
		}
	}

	calls, conditional := evalOrder(rhs)
	var added []*member
	for _, call := range calls {
		req := c.model.Request(call)
		if req != nil && req.Func == c.fn && (req.Lazy || waitsForState(req.Callee)) {
			// A call that waits until a remote state is reached (it polls),
			// or that sends only to initialise state its receiver keeps:
			// what follows depends on it, and it is no read to run aside.
			s.flush()
			added = nil
			continue
		}
		if req == nil || req.Func != c.fn {
			s.otherCall(call)
			continue
		}
		if conditional[call] || !safeMethod(req.Method) || !c.st.evident(req) || c.loopback(req) {
			// A request that may not run, one that may change what a
			// later call reads (a POST, an unknown method, a sender that
			// keeps state or sends only on some paths), or one to this
			// machine, not worth overlapping: the path ends here.
			s.flush()
			added = nil
			continue
		}
		m := &member{req: req, index: s.index, reads: varsIn(c.info, call)}
		if s.dependent(m) || containsRequest(c.model, call) {
			s.flush()
			added = nil
		}
		s.run = append(s.run, m)
		added = append(added, m)
		// Out-parameters and closures it is given receive its results.
		for _, v := range c.outParams(call) {
			s.addTaint(v, map[*member]bool{m: true})
		}
	}

	// The assigned variables hold whatever the right-hand side derives from.
	if len(lhs) > 0 {
		from := make(map[*member]bool)
		for _, e := range rhs {
			for v := range varsIn(c.info, e) {
				for m := range s.taint[v] {
					from[m] = true
				}
			}
		}
		for _, m := range added {
			from[m] = true
		}
		for _, e := range lhs {
			if v := rootVar(c.info, e); v != nil {
				s.addTaint(v, from)
			}
		}
	}
}

// otherCall handles a call that sends no request: one that paces or locks
// ends the path, as does one that may change a variable an earlier call
// read; the variables it may write inherit the taint of its operands.
func (s *seq) otherCall(call *ast.CallExpr) {
	c := s.c
	fn := c.model.Callee(call)
	if paces(fn) {
		s.flush()
		return
	}
	if f := c.st.factOf(fn); f != nil && f.Writes {
		// It changes state (a receiver's fields, package variables) that
		// a later request may read: a login, a settings change.
		s.flush()
		return
	}
	targets := c.mutable(call)
	for _, v := range targets {
		if s.readByRun(v) {
			s.flush()
			return
		}
	}
	from := make(map[*member]bool)
	for v := range varsIn(c.info, call) {
		for m := range s.taint[v] {
			from[m] = true
		}
	}
	if len(from) > 0 {
		for _, v := range targets {
			s.addTaint(v, from)
		}
	}
}

func (s *seq) addTaint(v *types.Var, from map[*member]bool) {
	if len(from) == 0 {
		return
	}
	if s.taint == nil {
		s.taint = make(map[*types.Var]map[*member]bool)
	}
	t := s.taint[v]
	if t == nil {
		t = make(map[*member]bool)
		s.taint[v] = t
	}
	for m := range from {
		t[m] = true
	}
}

// dependent reports whether m reads a variable derived from a result of a
// call of the sequence.
func (s *seq) dependent(m *member) bool {
	for v := range m.reads {
		for prior := range s.taint[v] {
			if slices.Contains(s.run, prior) {
				return true
			}
		}
	}
	return false
}

// readsRun reports whether e reads a variable derived from a result of a
// call of the sequence.
func (s *seq) readsRun(e ast.Expr) bool {
	for v := range varsIn(s.c.info, e) {
		for prior := range s.taint[v] {
			if slices.Contains(s.run, prior) {
				return true
			}
		}
	}
	return false
}

func (s *seq) readByRun(v *types.Var) bool {
	for _, m := range s.run {
		if m.reads[v] {
			return true
		}
	}
	return false
}

// paces reports whether fn deliberately orders or spaces out work:
// time.Sleep, a Wait method (rate limiters, wait groups), locks.
func paces(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if httpmodel.IsFunc(fn, "time", "", "Sleep") || waitsForState(fn) {
		return true
	}
	if fn.Pkg() != nil && fn.Pkg().Path() == "sync" {
		return true
	}
	if fn.Signature().Recv() == nil {
		return false
	}
	switch fn.Name() {
	case "Wait", "WaitN", "Reserve", "ReserveN", "Take", "Lock", "Unlock", "RLock", "RUnlock":
		return true
	}
	return false
}

// waitsForState reports whether fn is named as a function that waits for a
// condition, usually by polling: Wait, WaitFor..., WaitUntil..., Poll...,
// Await... (a word of its own in a camel-case name). Such a call is a
// synchronisation point: the requests after it read the state it waited
// for.
func waitsForState(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	name := fn.Name()
	for _, w := range []string{"wait", "poll", "await"} {
		if len(name) < len(w) || !strings.EqualFold(name[:len(w)], w) {
			continue
		}
		rest := name[len(w):]
		if rest == "" || (rest[0] >= 'A' && rest[0] <= 'Z') || rest[0] == '_' {
			return true
		}
	}
	return false
}

// terminates reports whether a block always leaves the enclosing path:
// it ends in a return, a branch, or a call that does not return.
func terminates(info *types.Info, b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch last := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return last.Tok != token.FALLTHROUGH
	case *ast.ExprStmt:
		call, ok := ast.Unparen(last.X).(*ast.CallExpr)
		return ok && astq.NoReturn(info, call, httpmodel.Callee(info, call))
	}
	return false
}
