package retry

import (
	"go/ast"
	"go/token"
	"go/types"
	"time"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// The walk of a loop body under one outcome of the attempt.

type tri int

const (
	unknown tri = iota
	yes
	no
)

func (t tri) not() tri {
	switch t {
	case yes:
		return no
	case no:
		return yes
	}
	return unknown
}

// pathState is what a walk knows along one path through the body.
type pathState struct {
	sent        bool       // the attempt has been sent
	builderErr  *types.Var // an error variable last set by a request builder
	errStale    bool       // the error variable was reassigned after the send
	handled     bool       // the response body was closed or handed on
	unknown     bool       // the path took a branch the walk could not decide
	unknownResp bool       // ... on a condition about the response or error
	wait        time.Duration
	waitUnknown bool
	env         map[*types.Var]int64 // budget: known integer variables
}

func (s pathState) withEnv() pathState {
	env := make(map[*types.Var]int64, len(s.env))
	for k, v := range s.env {
		env[k] = v
	}
	s.env = env
	return s
}

// end is where a path leaves the body: an exit from the loop, or a round
// (continue, or the end of the body).
type end struct {
	node ast.Node // the return, break or continue; nil at the end of the body
	st   pathState
}

type walk struct {
	c        *checker
	li       *loopInfo
	out      outcome
	exits    []end
	rounds   []end
	breaks   [][]pathState // states leaving the innermost switch or select by break
	steps    int
	aborted  bool
	budget   bool // simulate constants for the budget check
	fnMode   bool // walking a function body: returns are its ends
	initial  pathState
	innerLbl map[*types.Label]bool
}

const maxSteps = 4000

func (c *checker) newWalk(li *loopInfo, o outcome) *walk {
	return &walk{c: c, li: li, out: o, innerLbl: make(map[*types.Label]bool)}
}

func (w *walk) run() {
	rest := w.list(w.li.body.List, []pathState{w.initial})
	for _, st := range rest {
		w.rounds = append(w.rounds, end{st: st})
	}
}

func (w *walk) list(stmts []ast.Stmt, in []pathState) []pathState {
	for _, s := range stmts {
		var next []pathState
		for _, st := range in {
			next = append(next, w.stmt(s, st)...)
			if w.aborted {
				return nil
			}
		}
		in = next
		if len(in) == 0 {
			break
		}
	}
	return in
}

func (w *walk) exit(n ast.Node, st pathState) {
	w.exits = append(w.exits, end{node: n, st: st})
}

func (w *walk) round(n ast.Node, st pathState) {
	w.rounds = append(w.rounds, end{node: n, st: st})
}

func (w *walk) stmt(s ast.Stmt, st pathState) []pathState {
	if w.steps++; w.steps > maxSteps {
		w.aborted = true
		return nil
	}
	switch s := s.(type) {
	case *ast.ReturnStmt:
		w.exit(s, st)
		return nil
	case *ast.BranchStmt:
		var lbl *types.Label
		if s.Label != nil {
			lbl, _ = w.c.pass.TypesInfo.Uses[s.Label].(*types.Label)
		}
		switch s.Tok {
		case token.CONTINUE:
			if w.fnMode && s.Label == nil {
				w.aborted = true
				return nil
			}
			if s.Label == nil || (lbl != nil && lbl == w.li.label) {
				w.round(s, st)
			} else if w.innerLbl[lbl] {
				w.aborted = true
			} else {
				w.exit(s, st) // continues an outer loop
			}
			return nil
		case token.BREAK:
			switch {
			case s.Label == nil && len(w.breaks) > 0:
				w.breaks[len(w.breaks)-1] = append(w.breaks[len(w.breaks)-1], st)
			case s.Label == nil && w.fnMode:
				w.aborted = true
			case s.Label != nil && w.innerLbl[lbl]:
				w.aborted = true
			default:
				w.exit(s, st)
			}
			return nil
		}
		w.aborted = true // goto, fallthrough
		return nil
	case *ast.BlockStmt:
		return w.list(s.List, []pathState{st})
	case *ast.LabeledStmt:
		if l, ok := w.c.pass.TypesInfo.Defs[s.Label].(*types.Label); ok {
			w.innerLbl[l] = true
		}
		return w.stmt(s.Stmt, st)
	case *ast.IfStmt:
		if s.Init != nil {
			st = w.simple(s.Init, st)
		}
		switch w.cond(s.Cond, &st) {
		case yes:
			return w.stmt(s.Body, st)
		case no:
			if s.Else != nil {
				return w.stmt(s.Else, st)
			}
			return []pathState{st}
		}
		st = w.undecided(st, s.Cond)
		out := w.stmt(s.Body, st)
		if s.Else != nil {
			return append(out, w.stmt(s.Else, st)...)
		}
		return append(out, st)
	case *ast.SwitchStmt:
		return w.switchStmt(s, st)
	case *ast.TypeSwitchStmt:
		if s.Init != nil {
			st = w.simple(s.Init, st)
		}
		st = w.undecided(st, s.Assign)
		var clauses []ast.Stmt
		hasDefault := false
		for _, cl := range s.Body.List {
			clauses = append(clauses, cl)
			hasDefault = hasDefault || cl.(*ast.CaseClause).List == nil
		}
		return w.alternatives(clauses, st, !hasDefault)
	case *ast.SelectStmt:
		st.waitUnknown = true
		var clauses []ast.Stmt
		for _, cl := range s.Body.List {
			cc := cl.(*ast.CommClause)
			if w.neverFires(cc) {
				continue
			}
			if d, ok := w.timerClause(cc, st); ok && w.budget {
				st2 := st
				st2.wait += d
				st2.waitUnknown = false
				return w.alternatives([]ast.Stmt{cc}, st2, false)
			}
			clauses = append(clauses, cc)
		}
		if len(clauses) > 1 || w.budget {
			st = w.undecided(st, nil)
		}
		return w.alternatives(clauses, st, false)
	case *ast.ForStmt, *ast.RangeStmt:
		// A nested loop: its exits may leave ours.
		st = w.simple(s, st)
		st = w.undecided(st, nil)
		if w.containsExit(s) {
			w.exit(s, st)
		}
		return []pathState{st}
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok && w.c.isNoReturn(call) {
			w.exit(s, st)
			return nil
		}
	}
	return []pathState{w.simple(s, st)}
}

// alternatives walks clauses as undecided alternatives, each with its own
// break target. fallsThrough adds the path where none runs.
func (w *walk) alternatives(clauses []ast.Stmt, st pathState, fallsThrough bool) []pathState {
	var out []pathState
	for _, cl := range clauses {
		var body []ast.Stmt
		switch cl := cl.(type) {
		case *ast.CaseClause:
			body = cl.Body
		case *ast.CommClause:
			body = cl.Body
			if cl.Comm != nil {
				st = w.simple(cl.Comm, st)
			}
		}
		w.breaks = append(w.breaks, nil)
		out = append(out, w.list(body, []pathState{st})...)
		out = append(out, w.breaks[len(w.breaks)-1]...)
		w.breaks = w.breaks[:len(w.breaks)-1]
	}
	if fallsThrough {
		out = append(out, st)
	}
	return out
}

func (w *walk) switchStmt(s *ast.SwitchStmt, st pathState) []pathState {
	if s.Init != nil {
		st = w.simple(s.Init, st)
	}
	var tagVal int64
	tagKnown := false
	if s.Tag != nil {
		tagVal, tagKnown = w.intVal(s.Tag, &st)
	}
	var taken []ast.Stmt
	var def ast.Stmt
	undecided := false
	for _, cl := range s.Body.List {
		cc := cl.(*ast.CaseClause)
		if cc.List == nil {
			def = cc
			continue
		}
		t := no
		for _, e := range cc.List {
			var r tri
			if s.Tag != nil {
				if v, ok := w.intVal(e, &st); ok && tagKnown {
					if v == tagVal {
						r = yes
					} else {
						r = no
					}
				}
			} else {
				r = w.cond(e, &st)
			}
			if r == yes {
				t = yes
				break
			}
			if r == unknown {
				t = unknown
			}
		}
		if t == yes && !undecided {
			return w.alternatives([]ast.Stmt{cc}, st, false)
		}
		if t != no {
			taken = append(taken, cc)
			undecided = true
		}
		if t == yes {
			break
		}
	}
	if undecided {
		var tag ast.Node = s.Tag
		if tag == nil {
			tag = s
		}
		st = w.undecided(st, tag)
	}
	if def != nil {
		taken = append(taken, def)
		return w.alternatives(taken, st, false)
	}
	return w.alternatives(taken, st, true)
}

// undecided marks st as having taken a branch the walk could not decide on n.
func (w *walk) undecided(st pathState, n ast.Node) pathState {
	st.unknown = true
	if n == nil || w.mentionsOutcome(n) {
		st.unknownResp = true
	}
	return st
}

func (w *walk) mentionsOutcome(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			v, _ := w.c.pass.TypesInfo.Uses[id].(*types.Var)
			if v != nil && (v == w.li.at.resp || v == w.li.at.err || w.li.statusVars[v]) {
				found = true
			}
		}
		return !found
	})
	return found
}

// neverFires reports a select case <-ctx.Done() of a context that never ends.
func (w *walk) neverFires(cc *ast.CommClause) bool {
	if cc.Comm == nil {
		return false
	}
	var x ast.Expr
	switch s := cc.Comm.(type) {
	case *ast.ExprStmt:
		x = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			x = s.Rhs[0]
		}
	}
	u, ok := ast.Unparen(x).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	call, ok := ast.Unparen(u.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Done" || !w.c.isContext(sel.X) {
		return false
	}
	return w.budget || w.li.ctxFree(sel.X)
}

// timerClause returns d for a select case <-time.After(d).
func (w *walk) timerClause(cc *ast.CommClause, st pathState) (time.Duration, bool) {
	es, ok := cc.Comm.(*ast.ExprStmt)
	if !ok {
		return 0, false
	}
	u, ok := ast.Unparen(es.X).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return 0, false
	}
	call, ok := ast.Unparen(u.X).(*ast.CallExpr)
	if !ok || !httpmodel.IsFunc(w.c.model.Callee(call), "time", "", "After") || len(call.Args) != 1 {
		return 0, false
	}
	v, ok := w.intVal(call.Args[0], &st)
	return time.Duration(v), ok
}

// simple applies a statement without control flow to st.
func (w *walk) simple(s ast.Node, st pathState) pathState {
	at := w.li.at
	if at.stmt != nil && astq.Within(at.stmt, s) {
		st.sent = true
		if st.builderErr == at.err {
			st.builderErr = nil
		}
	} else if v := w.c.builderErr(s); v != nil {
		// req, err := http.NewRequest(...): its error does not change
		// between attempts, so a test of it neither bounds nor retries.
		st.builderErr = v
	}
	if at.resp != nil && s != at.stmt && w.c.handlesResp(s, at.resp) {
		st.handled = true
	}
	if st.sent && at.err != nil && s != at.stmt && w.c.assigns(s, at.err) {
		st.errStale = true
	}
	if w.budget {
		st = w.simulate(s, st)
	}
	return st
}

// simulate tracks integer variables and sleeps for the budget check.
func (w *walk) simulate(s ast.Node, st pathState) pathState {
	switch s := s.(type) {
	case *ast.IncDecStmt:
		if v := w.c.identVar(s.X); v != nil {
			st = st.withEnv()
			if x, ok := st.env[v]; ok {
				if s.Tok == token.INC {
					st.env[v] = x + 1
				} else {
					st.env[v] = x - 1
				}
			}
		}
	case *ast.AssignStmt:
		if len(s.Lhs) != len(s.Rhs) {
			for _, l := range s.Lhs {
				if v := w.c.identVar(l); v != nil {
					st = st.withEnv()
					delete(st.env, v)
				}
			}
			break
		}
		for i, l := range s.Lhs {
			v := w.c.identVar(l)
			if v == nil {
				continue
			}
			x, ok := w.intVal(s.Rhs[i], &st)
			if ok && s.Tok != token.DEFINE && s.Tok != token.ASSIGN {
				old, known := st.env[v]
				x, ok = arith(opOfAssign(s.Tok), old, x, known)
			}
			st = st.withEnv()
			if ok {
				st.env[v] = x
			} else {
				delete(st.env, v)
			}
		}
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok {
			if httpmodel.IsFunc(w.c.model.Callee(call), "time", "", "Sleep") && len(call.Args) == 1 {
				if d, ok := w.intVal(call.Args[0], &st); ok {
					st.wait += time.Duration(d)
					return st
				}
				st.waitUnknown = true
				return st
			}
		}
	}
	if w.c.containsWait(s) {
		st.waitUnknown = true
	}
	return st
}
