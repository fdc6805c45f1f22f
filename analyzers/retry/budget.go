package retry

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// budget: the worst case of a counted retry loop in an inbound handler.

// checkBudget computes the worst case of a counted retry loop in a handler.
func (c *checker) checkBudget(li *loopInfo) {
	counter, start, ok := c.counter(li.loop)
	if !ok {
		return
	}
	per, ok := c.perAttempt(li)
	if !ok {
		return
	}
	var worst time.Duration
	var attempts int
	var waits time.Duration
	for _, o := range []outcome{outErr, outTrans} {
		n, w, ok := c.simulateLoop(li, o, counter, start)
		if !ok {
			return
		}
		total := time.Duration(n)*per + w
		if total > worst {
			worst, attempts, waits = total, n, w
		}
	}
	if worst <= c.budget || attempts < 2 {
		return
	}
	pos := li.loop.Pos()
	c.report(analysis.Diagnostic{Pos: pos, End: pos + token.Pos(len("for")), Category: CategoryBudget,
		Message: fmt.Sprintf("worst case %s: %d attempts × %s timeout + %s backoff, over the %s budget of an inbound request: the caller has given up long before the last attempt",
			fmtDur(worst), attempts, fmtDur(per), fmtDur(waits), fmtDur(c.budget))})
}

func fmtDur(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return d.String()
}

// counter returns the counter of a loop: for i := k; cond; i++ or for i := range n.
func (c *checker) counter(loop ast.Stmt) (*types.Var, int64, bool) {
	switch l := loop.(type) {
	case *ast.ForStmt:
		as, ok := l.Init.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || l.Cond == nil || l.Post == nil {
			return nil, 0, false
		}
		v := c.identVar(as.Lhs[0])
		k, ok := c.constInt(as.Rhs[0])
		if v == nil || !ok {
			return nil, 0, false
		}
		return v, k, true
	case *ast.RangeStmt:
		if _, ok := c.constInt(l.X); !ok {
			return nil, 0, false
		}
		if l.Key == nil {
			return nil, 0, true
		}
		v := c.identVar(l.Key)
		return v, 0, v != nil
	}
	return nil, 0, false
}

// simulateLoop runs a counted loop under outcome o; it returns the number
// of attempts and the total wait, or false when a branch cannot be decided.
func (c *checker) simulateLoop(li *loopInfo, o outcome, counter *types.Var, start int64) (int, time.Duration, bool) {
	env := map[*types.Var]int64{}
	if counter != nil {
		env[counter] = start
	}
	c.outerVars(li, env)
	var rangeN int64 = -1
	var forStmt *ast.ForStmt
	switch l := li.loop.(type) {
	case *ast.ForStmt:
		forStmt = l
	case *ast.RangeStmt:
		rangeN, _ = c.constInt(l.X)
	}
	var total time.Duration
	for i := 0; i < 100; i++ {
		w := c.newWalk(li, o)
		w.budget = true
		st := pathState{env: env}
		if forStmt != nil {
			switch w.cond(forStmt.Cond, &st) {
			case no:
				return i, total, true
			case unknown:
				return 0, 0, false
			}
		} else if int64(i) >= rangeN {
			return i, total, true
		} else if counter != nil {
			st = st.withEnv()
			st.env[counter] = int64(i)
		}
		w.initial = st
		w.run()
		ends := append(append([]end(nil), w.exits...), w.rounds...)
		if w.aborted || len(ends) != 1 || ends[0].st.unknown || ends[0].st.waitUnknown {
			return 0, 0, false
		}
		e := ends[0]
		if len(w.exits) == 1 {
			return i + 1, total, true
		}
		total += e.st.wait
		env = e.st.env
		if forStmt != nil {
			w2 := c.newWalk(li, o)
			w2.budget = true
			st2 := w2.simulate(forStmt.Post, pathState{env: env})
			env = st2.env
		}
	}
	return 0, 0, false
}

// outerVars seeds env with integer variables the loop uses that have one
// constant assignment before it.
func (c *checker) outerVars(li *loopInfo, env map[*types.Var]int64) {
	ast.Inspect(li.body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok || v.Pos() >= li.loop.Pos() {
			return true
		}
		if _, known := env[v]; known {
			return true
		}
		var before []httpmodel.Assignment
		for _, a := range c.model.AssignmentsOf(v) {
			if a.Pos < li.loop.Pos() {
				before = append(before, a)
			} else if a.Pos > li.loop.End() {
				continue
			}
		}
		if len(before) == 1 && before[0].Value != nil && before[0].Index == 0 {
			if x, ok := c.constInt(before[0].Value); ok {
				env[v] = x
			}
		}
		return true
	})
}

// perAttempt returns the timeout of one attempt: the client's constant
// Timeout, or a WithTimeout context made inside the loop.
func (c *checker) perAttempt(li *loopInfo) (time.Duration, bool) {
	req := li.at.req
	var per time.Duration
	known := false
	if cl := req.Client; cl.Kind == httpmodel.ClientLiteral || cl.Kind == httpmodel.ClientPackageVar {
		if d, ok := c.literalTimeout(cl.Construction); ok {
			per, known = d, true
		}
	}
	switch req.Context.Kind {
	case httpmodel.CtxDeadline:
		d, inside, ok := c.deadlineOf(req.Context.Expr, li)
		if !ok || !inside {
			return 0, false // a deadline over the whole loop bounds it
		}
		if !known || d < per {
			per, known = d, true
		}
	case httpmodel.CtxUnknown:
		return 0, false
	}
	return per, known && per > 0
}

func (c *checker) literalTimeout(cons ast.Expr) (time.Duration, bool) {
	if u, ok := ast.Unparen(cons).(*ast.UnaryExpr); ok {
		cons = u.X
	}
	lit, ok := ast.Unparen(cons).(*ast.CompositeLit)
	if !ok {
		return 0, false
	}
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Timeout" {
				v, ok := c.constInt(kv.Value)
				return time.Duration(v), ok
			}
		}
	}
	return 0, false
}

// deadlineOf finds the context.WithTimeout call behind a context expression.
func (c *checker) deadlineOf(e ast.Expr, li *loopInfo) (d time.Duration, inside, ok bool) {
	for depth := 0; depth < 4 && e != nil; depth++ {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := c.pass.TypesInfo.Uses[x].(*types.Var)
			if v == nil {
				return 0, false, false
			}
			as := c.model.AssignmentsOf(v)
			if len(as) != 1 || as[0].Value == nil {
				return 0, false, false
			}
			e = as[0].Value
		case *ast.CallExpr:
			fn := c.model.Callee(x)
			if !httpmodel.IsFunc(fn, "context", "", "WithTimeout") || len(x.Args) != 2 {
				return 0, false, false
			}
			v, ok := c.constInt(x.Args[1])
			return time.Duration(v), astq.Within(x, li.body), ok
		default:
			return 0, false, false
		}
	}
	return 0, false, false
}
