package retry

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// Hand-written retry loops: finding them, binding the attempt, and judging
// what the walk of the body found.

// outcome is what an attempt ends with, as the walk of a loop body assumes it.
type outcome int

const (
	outOK    outcome = iota // no error, status 200
	outErr                  // a transport error, no response
	outPerm                 // no error, status 404: a permanent failure
	outTrans                // no error, status 503: a transient failure
)

var statusOf = [...]int64{outOK: 200, outPerm: 404, outTrans: 503}

// attempt is the request-sending statement of a loop and what it binds.
type attempt struct {
	req  *httpmodel.Request
	stmt ast.Node   // the statement holding the call
	resp *types.Var // the *http.Response result, or nil
	err  *types.Var // the error result, or nil
}

// loopInfo is what the walks of one loop share.
type loopInfo struct {
	loop       ast.Stmt // *ast.ForStmt or *ast.RangeStmt; nil for a function body
	label      *types.Label
	fn         ast.Node // enclosing function
	body       *ast.BlockStmt
	at         attempt
	statusVars map[*types.Var]bool // variables holding resp.StatusCode
	ctxFree    func(ast.Expr) bool // reports a context that can never end
}

func (c *checker) checkLoops() {
	seen := make(map[ast.Node]bool)
	for _, req := range c.model.Requests {
		if req.Func == nil {
			continue
		}
		cur, ok := c.model.Cursor(req.Call)
		if !ok {
			continue
		}
		var loopCur inspector.Cursor
		for e := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
			switch e.Node().(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				loopCur = e
			}
			break
		}
		if !loopCur.Valid() || seen[loopCur.Node()] {
			continue
		}
		seen[loopCur.Node()] = true
		c.checkLoop(loopCur, req, cur)
	}
}

// bindAttempt finds the statement that receives the results of a send.
func (c *checker) bindAttempt(req *httpmodel.Request, callCur inspector.Cursor) (attempt, bool) {
	at := attempt{req: req}
	parent := callCur.Parent()
	var lhs []ast.Expr
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 || p.Rhs[0] != req.Call {
			return at, false
		}
		at.stmt, lhs = p, p.Lhs
	case *ast.ValueSpec:
		if len(p.Values) != 1 {
			return at, false
		}
		at.stmt = parent.Parent().Parent().Node()
		for _, n := range p.Names {
			lhs = append(lhs, n)
		}
	default:
		return at, false
	}
	for i, e := range lhs {
		id, ok := e.(*ast.Ident)
		if !ok {
			continue
		}
		v := astq.VarOf(c.pass.TypesInfo, id)
		if v == nil {
			continue
		}
		switch {
		case httpmodel.IsResponse(v.Type()):
			at.resp = v
		case i == len(lhs)-1 && fixes.IsError(v.Type()):
			at.err = v
		}
	}
	return at, at.err != nil || at.resp != nil
}

func (c *checker) checkLoop(loopCur inspector.Cursor, req *httpmodel.Request, callCur inspector.Cursor) {
	at, ok := c.bindAttempt(req, callCur)
	if !ok {
		return
	}
	li := &loopInfo{loop: loopCur.Node().(ast.Stmt), fn: req.Func, at: at}
	switch l := li.loop.(type) {
	case *ast.ForStmt:
		li.body = l.Body
	case *ast.RangeStmt:
		// A range over hosts, items or a channel is failover, fan-out or
		// a work queue; only a range over an integer counts attempts.
		t := c.pass.TypesInfo.TypeOf(l.X)
		if b, ok := types.Unalias(t).Underlying().(*types.Basic); t == nil || !ok || b.Info()&types.IsInteger == 0 {
			return
		}
		li.body = l.Body
	}
	if c.targetVaries(li.loop, req) {
		// Walking parent domains, paging, failing over across hosts: each
		// round asks something else, whatever the exit conditions say.
		return
	}
	if ls, ok := loopCur.Parent().Node().(*ast.LabeledStmt); ok {
		li.label, _ = c.pass.TypesInfo.Defs[ls.Label].(*types.Label)
	}
	li.statusVars = c.statusVars(li.body, at.resp)
	li.ctxFree = func(e ast.Expr) bool { return c.model.ContextOf(e, li.fn).Unbounded() }

	var res [4]*walk
	for o := outOK; o <= outTrans; o++ {
		w := c.newWalk(li, o)
		w.run()
		if w.aborted {
			return
		}
		res[o] = w
	}
	ok200 := res[outOK]
	if len(ok200.rounds) > 0 || len(ok200.exits) == 0 {
		return // goes round on success: pagination, polling, or not a loop we understand
	}
	// An outcome is retried when some path goes round after it without
	// deciding on a condition about the response the walk cannot read
	// (shouldRetry(resp, err) may well say no).
	var retried []outcome
	for _, o := range []outcome{outErr, outPerm, outTrans} {
		for _, e := range res[o].rounds {
			if !e.st.unknownResp {
				retried = append(retried, o)
				break
			}
		}
	}
	if len(retried) == 0 {
		return
	}
	loopPos := li.loop.Pos()
	loopEnd := loopPos + token.Pos(len("for"))

	// unbounded
	if c.condUnbounded(li) {
		var forever []outcome
		for _, o := range retried {
			if len(res[o].exits) == 0 && len(res[o].rounds) > 0 {
				forever = append(forever, o)
			}
		}
		errExits := len(res[outErr].exits) > 0
		if len(forever) > 0 && (req.Context.Unbounded() || !errExits) {
			on := "a failing status"
			switch {
			case len(forever) == 1 && forever[0] == outErr:
				on = "an error"
			case forever[0] == outErr:
				on = "an error or a failing status"
			}
			msg := fmt.Sprintf("retry loop never gives up on %s: no attempt limit, elapsed-time limit or check of a context that can end, so a lasting failure keeps it sending requests forever", on)
			if !req.Context.Unbounded() && !errExits {
				msg += " (once its context ends, every attempt fails at once and the loop never leaves)"
			}
			c.report(analysis.Diagnostic{Pos: loopPos, End: loopEnd, Category: CategoryUnbounded, Message: msg})
		}
	}

	// no-backoff
	if !c.loopWaits(li) {
		c.report(analysis.Diagnostic{Pos: loopPos, End: loopEnd, Category: CategoryNoBackoff,
			Message: "retry loop sends the next attempt at once: with no sleep, timer or backoff between attempts every client hammers the failing server together"})
	}

	// blanket: a loop that tells statuses apart has a policy; a probe
	// waiting for success retries every other answer by design.
	if at.resp != nil && !c.selective(li.body, at.resp, li.statusVars) && !c.pollsForSuccess(li) {
		for _, e := range res[outPerm].rounds {
			if !e.st.unknownResp {
				c.report(analysis.Diagnostic{Pos: loopPos, End: loopEnd, Category: CategoryBlanket,
					Message: "retry loop retries every failing status, 4xx included: a 401 or 404 cannot succeed on retry and only multiplies the load; retry only 408, 429 and 5xx"})
				break
			}
		}
	}

	// leaked-body
	if at.resp != nil {
		c.checkLeak(li, res)
	}

	// body-reuse
	c.checkBodyReuse(li)

	// budget
	if c.model.IsHandler(li.fn) {
		c.checkBudget(li)
	}
}

// condUnbounded reports whether the loop statement itself sets no bound: a
// for loop without condition (or with one that is always true).
func (c *checker) condUnbounded(li *loopInfo) bool {
	f, ok := li.loop.(*ast.ForStmt)
	if !ok {
		return false // range loops end
	}
	if f.Cond == nil {
		return true
	}
	w := c.newWalk(li, outOK)
	st := pathState{}
	return w.cond(f.Cond, &st) == yes
}

// statusVars returns the variables assigned resp.StatusCode in body.
func (c *checker) statusVars(body ast.Node, resp *types.Var) map[*types.Var]bool {
	vars := make(map[*types.Var]bool)
	if resp == nil {
		return vars
	}
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return true
		}
		if c.isStatus(as.Rhs[0], resp, nil) {
			if id, ok := as.Lhs[0].(*ast.Ident); ok {
				if v := astq.VarOf(c.pass.TypesInfo, id); v != nil {
					vars[v] = true
				}
			}
		}
		return true
	})
	return vars
}

// isStatus reports whether e is resp.StatusCode or a variable holding it.
func (c *checker) isStatus(e ast.Expr, resp *types.Var, vars map[*types.Var]bool) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		if e.Sel.Name != "StatusCode" {
			return false
		}
		id, ok := ast.Unparen(e.X).(*ast.Ident)
		return ok && resp != nil && c.pass.TypesInfo.Uses[id] == resp
	case *ast.Ident:
		v, _ := c.pass.TypesInfo.Uses[e].(*types.Var)
		return v != nil && vars[v]
	}
	return false
}

// selective reports whether n tells statuses apart beyond success and
// failure: a comparison with a status other than 2xx (429, 5xx, a single
// 4xx), a boundary above 400, a switch case outside 2xx, or a Retry-After
// header. Code that does so has a retry policy; blanket stays silent.
func (c *checker) selective(n ast.Node, resp *types.Var, vars map[*types.Var]bool) bool {
	found := false
	isStat := func(e ast.Expr) (bool, int64) {
		if c.isStatus(e, resp, vars) {
			return true, 1
		}
		// status/100
		if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.QUO && c.isStatus(b.X, resp, vars) {
			if v, ok := c.constInt(b.Y); ok && v == 100 {
				return true, 100
			}
		}
		return false, 0
	}
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.BasicLit:
			if n.Kind == token.STRING && strings.Contains(strings.ToLower(n.Value), "retry-after") {
				found = true
			}
		case *ast.BinaryExpr:
			var scale, v int64
			op := n.Op
			if ok, s := isStat(n.X); ok {
				if k, ok := c.constInt(n.Y); ok {
					scale, v = s, k
				}
			} else if ok, s := isStat(n.Y); ok {
				if k, ok := c.constInt(n.X); ok {
					scale, v = s, k
					op = flip(op)
				}
			}
			if scale == 0 {
				return true
			}
			if scale == 100 {
				found = !(v == 2 && (op == token.EQL || op == token.NEQ)) && !(v == 2 && (op == token.GTR || op == token.LEQ)) && !(v == 3 && (op == token.LSS || op == token.GEQ))
				return true
			}
			switch op {
			case token.EQL, token.NEQ:
				found = v < 200 || v > 299
			case token.LSS, token.GEQ: // first failing status is v
				found = v > 400
			case token.LEQ, token.GTR: // first failing status is v+1
				found = v+1 > 400
			}
		case *ast.SwitchStmt:
			if n.Tag == nil {
				return true
			}
			ok, s := isStat(n.Tag)
			if !ok {
				return true
			}
			for _, cl := range n.Body.List {
				for _, e := range cl.(*ast.CaseClause).List {
					if v, ok := c.constInt(e); ok {
						if (s == 1 && (v < 200 || v > 299)) || (s == 100 && v != 2) {
							found = true
						}
					}
				}
			}
		}
		return true
	})
	return found
}

func flip(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.GTR:
		return token.LSS
	case token.LEQ:
		return token.GEQ
	case token.GEQ:
		return token.LEQ
	}
	return op
}
