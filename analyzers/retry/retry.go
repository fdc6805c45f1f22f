package retry

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/report"
)

// Analyzer reports unbounded, unpaced, blanket and harmful HTTP retries.
var Analyzer = &analysis.Analyzer{
	Name:     "retry",
	Doc:      analyzerdoc.Doc(doc, "retry"),
	URL:      analyzerdoc.URL("retry"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, httpmodel.Analyzer},
	Run:      run,
}

// Categories of the analyzer's diagnostics.
const (
	CategoryUnbounded  = "unbounded"
	CategoryNoBackoff  = "no-backoff"
	CategoryBlanket    = "blanket"
	CategoryBodyReuse  = "body-reuse"
	CategoryLeakedBody = "leaked-body"
	CategoryBudget     = "budget"
)

// Flags, read in run.
var (
	maxAttempts = 5
	budget      = 30 * time.Second
)

func init() {
	Analyzer.Flags.IntVar(&maxAttempts, "max-attempts", maxAttempts,
		"the attempt limit that the unbounded fixes insert")
	Analyzer.Flags.DurationVar(&budget, "budget", budget,
		"the time an inbound handler's retries may take in the worst case")
}

// Import paths of the retry libraries the analyzer knows.
const (
	pkgSethvargo    = "github.com/sethvargo/go-retry"
	pkgBackoffV5    = "github.com/cenkalti/backoff/v5"
	pkgRetryable    = "github.com/hashicorp/go-retryablehttp"
	pkgRetryGo      = "github.com/avast/retry-go"
	pkgBackoffV4Pfx = "github.com/cenkalti/backoff"
)

func isBackoffV4(path string) bool {
	switch path {
	case pkgBackoffV4Pfx, pkgBackoffV4Pfx + "/v2", pkgBackoffV4Pfx + "/v3", pkgBackoffV4Pfx + "/v4":
		return true
	}
	return false
}

func isRetryGo(path string) bool {
	switch path {
	case pkgRetryGo, pkgRetryGo + "/v2", pkgRetryGo + "/v3", pkgRetryGo + "/v4":
		return true
	}
	return false
}

func isRetryLib(path string) bool {
	return path == pkgSethvargo || path == pkgBackoffV5 || path == pkgRetryable || isBackoffV4(path) || isRetryGo(path)
}

func run(pass *analysis.Pass) (any, error) {
	model := pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model)
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	// Fast path: nothing here sends a request or uses a retry library.
	usesLib := false
	for _, imp := range pass.Pkg.Imports() {
		if isRetryLib(imp.Path()) {
			usesLib = true
		}
	}
	if !model.HTTP || (len(model.Requests) == 0 && !usesLib) {
		return nil, nil
	}
	c := &checker{
		pass:      pass,
		model:     model,
		rep:       report.New(pass, model),
		root:      insp.Root(),
		n:         maxAttempts,
		budget:    budget,
		decls:     make(map[*types.Func]*ast.FuncDecl),
		reported:  make(map[reportKey]bool),
		waitFuncs: make(map[*types.Func]bool),
	}
	if c.n < 1 {
		c.n = 5
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					c.decls[fn] = fd
				}
			}
		}
	}
	if len(model.Requests) > 0 {
		c.checkLoops()
	}
	if usesLib {
		c.checkLibraries()
	}
	return nil, nil
}

type checker struct {
	pass      *analysis.Pass
	model     *httpmodel.Model
	rep       *report.Reporter
	root      inspector.Cursor
	n         int           // attempts the fixes insert
	budget    time.Duration // worst case allowed in a handler
	decls     map[*types.Func]*ast.FuncDecl
	reported  map[reportKey]bool
	waitFuncs map[*types.Func]bool // memo: this package's functions that wait
}

type reportKey struct {
	pos      token.Pos
	category string
}

// report reports d once per position and category.
func (c *checker) report(d analysis.Diagnostic) {
	k := reportKey{d.Pos, d.Category}
	if c.reported[k] {
		return
	}
	c.reported[k] = true
	c.rep.Report(d)
}

// ---------------------------------------------------------------------------
// Hand-written retry loops

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
		v := c.varOf(id)
		if v == nil {
			continue
		}
		switch {
		case isResponse(v.Type()):
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

	// blanket
	if at.resp != nil && !c.selective(li.body, at.resp, li.statusVars) {
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
				if v := c.varOf(id); v != nil {
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

// ---------------------------------------------------------------------------
// The walk of a loop body under one outcome

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
	if !ok || !httpmodel.IsFunc(httpmodel.Callee(w.c.pass.TypesInfo, call), "time", "", "After") || len(call.Args) != 1 {
		return 0, false
	}
	v, ok := w.intVal(call.Args[0], &st)
	return time.Duration(v), ok
}

// simple applies a statement without control flow to st.
func (w *walk) simple(s ast.Node, st pathState) pathState {
	at := w.li.at
	if at.stmt != nil && within(at.stmt, s) {
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
			if httpmodel.IsFunc(httpmodel.Callee(w.c.pass.TypesInfo, call), "time", "", "Sleep") && len(call.Args) == 1 {
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

func opOfAssign(tok token.Token) token.Token {
	switch tok {
	case token.ADD_ASSIGN:
		return token.ADD
	case token.SUB_ASSIGN:
		return token.SUB
	case token.MUL_ASSIGN:
		return token.MUL
	case token.QUO_ASSIGN:
		return token.QUO
	case token.SHL_ASSIGN:
		return token.SHL
	}
	return token.ILLEGAL
}

func arith(op token.Token, x, y int64, ok bool) (int64, bool) {
	if !ok {
		return 0, false
	}
	switch op {
	case token.ADD:
		return x + y, true
	case token.SUB:
		return x - y, true
	case token.MUL:
		return x * y, true
	case token.QUO:
		if y != 0 {
			return x / y, true
		}
	case token.REM:
		if y != 0 {
			return x % y, true
		}
	case token.SHL:
		if y >= 0 && y < 62 {
			return x << y, true
		}
	case token.SHR:
		if y >= 0 && y < 63 {
			return x >> y, true
		}
	}
	return 0, false
}

// cond evaluates a boolean condition under the walk's outcome.
func (w *walk) cond(e ast.Expr, st *pathState) tri {
	info := w.c.pass.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.Bool {
		if constant.BoolVal(tv.Value) {
			return yes
		}
		return no
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return w.cond(e.X, st).not()
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND:
			l := w.cond(e.X, st)
			if l == no {
				return no
			}
			r := w.cond(e.Y, st)
			if r == no {
				return no
			}
			if l == yes && r == yes {
				return yes
			}
			return unknown
		case token.LOR:
			l := w.cond(e.X, st)
			if l == yes {
				return yes
			}
			r := w.cond(e.Y, st)
			if r == yes {
				return yes
			}
			if l == no && r == no {
				return no
			}
			return unknown
		case token.EQL, token.NEQ:
			if t := w.nilCompare(e, st); t != unknown {
				if e.Op == token.NEQ {
					return t.not()
				}
				return t
			}
		}
		switch e.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			x, okx := w.intVal(e.X, st)
			y, oky := w.intVal(e.Y, st)
			if okx && oky {
				var r bool
				switch e.Op {
				case token.EQL:
					r = x == y
				case token.NEQ:
					r = x != y
				case token.LSS:
					r = x < y
				case token.LEQ:
					r = x <= y
				case token.GTR:
					r = x > y
				case token.GEQ:
					r = x >= y
				}
				if r {
					return yes
				}
				return no
			}
		}
	}
	return unknown
}

// nilCompare evaluates x == nil for the attempt's error and response, and
// for ctx.Err() of a context that never ends; unknown otherwise.
func (w *walk) nilCompare(e *ast.BinaryExpr, st *pathState) tri {
	info := w.c.pass.TypesInfo
	x := e.X
	if tv, ok := info.Types[x]; ok && tv.IsNil() {
		x = e.Y
	} else if tv, ok := info.Types[e.Y]; !ok || !tv.IsNil() {
		return unknown
	}
	x = ast.Unparen(x)
	if id, ok := x.(*ast.Ident); ok && st.builderErr != nil && info.Uses[id] == st.builderErr {
		return yes
	}
	if id, ok := x.(*ast.Ident); ok && st.sent {
		v := info.Uses[id]
		switch {
		case v == nil:
		case v == w.li.at.err && !st.errStale:
			if w.out == outErr {
				return no
			}
			return yes
		case v == w.li.at.resp:
			if w.out == outErr {
				return yes
			}
			return no
		}
	}
	// ctx.Err() == nil
	if call, ok := x.(*ast.CallExpr); ok && len(call.Args) == 0 {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Err" && w.c.isContext(sel.X) {
			if w.budget || w.li.ctxFree(sel.X) {
				return yes
			}
		}
	}
	return unknown
}

// intVal evaluates an integer expression: constants, the status of the
// attempt, and (for the budget) simulated variables.
func (w *walk) intVal(e ast.Expr, st *pathState) (int64, bool) {
	if v, ok := w.c.constInt(e); ok {
		return v, true
	}
	info := w.c.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr, *ast.Ident:
		if w.c.isStatus(e, w.li.at.resp, w.li.statusVars) {
			if st.sent && w.out != outErr {
				return statusOf[w.out], true
			}
			return 0, false
		}
		if id, ok := e.(*ast.Ident); ok && w.budget {
			if v, ok := info.Uses[id].(*types.Var); ok {
				x, ok := st.env[v]
				return x, ok
			}
		}
	case *ast.BinaryExpr:
		x, okx := w.intVal(e.X, st)
		y, oky := w.intVal(e.Y, st)
		if okx && oky {
			return arith(e.Op, x, y, true)
		}
	case *ast.CallExpr:
		if tv, ok := info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			if b, ok := tv.Type.Underlying().(*types.Basic); ok && b.Info()&types.IsInteger != 0 {
				return w.intVal(e.Args[0], st)
			}
			return 0, false
		}
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok && len(e.Args) > 0 {
			if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "min" || b.Name() == "max") {
				best, first := int64(0), true
				for _, a := range e.Args {
					v, ok := w.intVal(a, st)
					if !ok {
						return 0, false
					}
					if first || (b.Name() == "min" && v < best) || (b.Name() == "max" && v > best) {
						best, first = v, false
					}
				}
				return best, true
			}
		}
	}
	return 0, false
}

// containsExit reports whether a nested statement can leave the loop:
// a return, a labelled branch, or a call that does not return.
func (w *walk) containsExit(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			found = true
		case *ast.BranchStmt:
			if n.Label != nil {
				found = true
			}
		case *ast.CallExpr:
			if w.c.isNoReturn(n) {
				found = true
			}
		}
		return !found
	})
	return found
}

// ---------------------------------------------------------------------------
// Per-category helpers for loops

var waitName = regexp.MustCompile(`(?i)sleep|wait|backoff|back_off|delay|pause|throttle|jitter`)

// loopWaits reports whether anything in the loop can wait between attempts.
func (c *checker) loopWaits(li *loopInfo) bool {
	if f, ok := li.loop.(*ast.ForStmt); ok {
		if (f.Cond != nil && c.containsWait(f.Cond)) || (f.Post != nil && c.containsWait(f.Post)) {
			return true
		}
	}
	return c.containsWait(li.body)
}

// containsWait reports whether n waits: a sleep, a timer, a channel
// receive or select, a backoff or rate-limit library, or a function whose
// name or body says it waits.
func (c *checker) containsWait(n ast.Node) bool {
	return c.containsWaitDepth(n, 0)
}

func (c *checker) containsWaitDepth(n ast.Node, depth int) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectStmt:
			found = true
		case *ast.UnaryExpr:
			found = n.Op == token.ARROW
		case *ast.RangeStmt:
			if t, ok := c.pass.TypesInfo.TypeOf(n.X).Underlying().(*types.Chan); ok && t != nil {
				found = true
			}
		case *ast.CallExpr:
			found = c.callWaits(n, depth)
		}
		return !found
	})
	return found
}

func (c *checker) callWaits(call *ast.CallExpr, depth int) bool {
	fn := httpmodel.Callee(c.pass.TypesInfo, call)
	name := ""
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		name = f.Name
	case *ast.SelectorExpr:
		name = f.Sel.Name
	case *ast.IndexExpr:
		if s, ok := f.X.(*ast.SelectorExpr); ok {
			name = s.Sel.Name
		} else if id, ok := f.X.(*ast.Ident); ok {
			name = id.Name
		}
	}
	if waitName.MatchString(name) {
		return true
	}
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	path := fn.Pkg().Path()
	switch {
	case path == "time":
		switch fn.Name() {
		case "Sleep", "After", "AfterFunc", "NewTimer", "NewTicker", "Tick", "Reset":
			return true
		}
	case path == "golang.org/x/time/rate", isRetryLib(path) && path != pkgRetryable:
		return true
	}
	if fn.Pkg() == c.pass.Pkg && depth < 2 {
		if memo, ok := c.waitFuncs[fn]; ok {
			return memo
		}
		c.waitFuncs[fn] = false // guards recursion
		if d := c.decls[fn]; d != nil && c.containsWaitDepth(d.Body, depth+1) {
			c.waitFuncs[fn] = true
			return true
		}
	}
	return false
}

// handlesResp reports whether n closes the response body or hands the
// response (or its body) to code that may: resp.Body.Close(), a call taking
// resp, an assignment of resp elsewhere.
func (c *checker) handlesResp(n ast.Node, resp *types.Var) bool {
	info := c.pass.TypesInfo
	isResp := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == resp
	}
	isBody := func(e ast.Expr) bool {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Body" && isResp(sel.X)
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Close" && isBody(sel.X) {
				found = true
			}
			fn := httpmodel.Callee(info, n)
			for _, a := range n.Args {
				if isResp(a) {
					found = true
				}
				if isBody(a) && !readsOnly(fn) {
					found = true
				}
			}
		case *ast.AssignStmt:
			for _, r := range n.Rhs {
				if isResp(r) {
					found = true
				}
			}
		case *ast.CompositeLit:
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					e = kv.Value
				}
				if isResp(e) {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// readsOnly reports functions that read a body without closing it.
func readsOnly(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() + "." + fn.Name() {
	case "io.ReadAll", "io/ioutil.ReadAll", "encoding/json.NewDecoder", "io.Copy", "io.CopyN", "io.LimitReader", "bufio.NewReader", "bufio.NewScanner":
		return true
	}
	return false
}

// checkLeak reports a retry after a failing status that leaves the
// response body open, with a fix when every such retry is a continue that
// only non-nil responses reach.
func (c *checker) checkLeak(li *loopInfo, res [4]*walk) {
	var leaks []end
	for _, o := range []outcome{outPerm, outTrans} {
		for _, e := range res[o].rounds {
			if e.st.sent && !e.st.handled {
				leaks = append(leaks, e)
			}
		}
	}
	if len(leaks) == 0 {
		return
	}
	call := li.at.req.Call
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: CategoryLeakedBody,
		Message: "response body of a failed attempt is not closed before the next attempt: each retry leaks a connection"}
	if fix, ok := c.leakFix(li, res, leaks); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.report(d)
}

func (c *checker) leakFix(li *loopInfo, res [4]*walk, leaks []end) (analysis.SuggestedFix, bool) {
	targets := make(map[ast.Node]bool)
	for _, e := range leaks {
		if e.node == nil {
			return analysis.SuggestedFix{}, false
		}
		targets[e.node] = true
	}
	// No path that reaches a target may have a nil response or a closed body.
	for o := outOK; o <= outTrans; o++ {
		for _, e := range res[o].rounds {
			if targets[e.node] && (o == outErr || o == outOK || e.st.handled || !e.st.sent) {
				return analysis.SuggestedFix{}, false
			}
		}
	}
	resp := li.at.resp
	var edits []analysis.TextEdit
	for _, e := range leaks {
		n := e.node
		if !targets[n] {
			continue
		}
		delete(targets, n)
		if s := c.pass.Pkg.Scope().Innermost(n.Pos()); s == nil {
			return analysis.SuggestedFix{}, false
		} else if _, obj := s.LookupParent(resp.Name(), n.Pos()); obj != resp {
			return analysis.SuggestedFix{}, false
		}
		indent := fixes.Indent(c.pass, n.Pos())
		edits = append(edits, analysis.TextEdit{Pos: n.Pos(), End: n.Pos(),
			NewText: []byte(resp.Name() + ".Body.Close()\n" + indent)})
	}
	return analysis.SuggestedFix{Message: "Close the response body before retrying", TextEdits: edits}, true
}

// checkBodyReuse reports a request with a body built before the loop and
// sent again by every attempt.
func (c *checker) checkBodyReuse(li *loopInfo) {
	req := li.at.req
	if req.Via != httpmodel.ViaNetHTTP || req.BuiltBy == nil || req.BuiltBy.Pos() >= li.loop.Pos() {
		return
	}
	fn := httpmodel.Callee(c.pass.TypesInfo, req.BuiltBy)
	bodyIdx := 2
	if fn != nil && fn.Name() == "NewRequestWithContext" {
		bodyIdx = 3
	}
	if len(req.BuiltBy.Args) <= bodyIdx || !c.visibleBody(req.BuiltBy.Args[bodyIdx]) {
		return
	}
	// The loop resets the body, or rebuilds the request.
	reset := false
	ast.Inspect(li.body, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Body" || sel.Sel.Name == "GetBody") {
			if t := c.pass.TypesInfo.TypeOf(sel.X); t != nil && httpmodel.IsPointerTo(t, "net/http", "Request") {
				reset = true
			}
		}
		if call, ok := n.(*ast.CallExpr); ok {
			if f := httpmodel.Callee(c.pass.TypesInfo, call); f != nil && (httpmodel.IsFunc(f, "net/http", "Request", "Clone")) {
				reset = true
			}
		}
		return !reset
	})
	if reset {
		return
	}
	call := req.Call
	c.report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: CategoryBodyReuse,
		Message: "request body is read by the first attempt and the same request is sent again: retries send an empty body or fail with a ContentLength mismatch; build the request inside the loop or reset its Body from GetBody"})
}

// visibleBody reports a body argument that is visibly not nil.
func (c *checker) visibleBody(e ast.Expr) bool {
	info := c.pass.TypesInfo
	if tv, ok := info.Types[e]; !ok || tv.IsNil() {
		return false
	}
	if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok && sel.Sel.Name == "NoBody" {
		return false
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		return true
	case *ast.UnaryExpr:
		return x.Op == token.AND
	}
	t := info.TypeOf(e)
	if t == nil || types.IsInterface(t) {
		return false
	}
	_, isPtr := t.Underlying().(*types.Pointer)
	return isPtr
}

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
			fn := httpmodel.Callee(c.pass.TypesInfo, x)
			if !httpmodel.IsFunc(fn, "context", "", "WithTimeout") || len(x.Args) != 2 {
				return 0, false, false
			}
			v, ok := c.constInt(x.Args[1])
			return time.Duration(v), within(x, li.body), ok
		default:
			return 0, false, false
		}
	}
	return 0, false, false
}

// ---------------------------------------------------------------------------
// Retry libraries

func (c *checker) checkLibraries() {
	for cur := range c.root.Preorder((*ast.CallExpr)(nil), (*ast.AssignStmt)(nil), (*ast.KeyValueExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			fn := httpmodel.Callee(c.pass.TypesInfo, n)
			if fn == nil || fn.Pkg() == nil {
				continue
			}
			encl := httpmodel.EnclosingFunc(cur)
			switch path := fn.Pkg().Path(); {
			case path == pkgSethvargo:
				c.checkSethvargo(n, fn, encl)
			case isBackoffV4(path):
				c.checkBackoffV4(n, fn, encl)
			case path == pkgBackoffV5:
				c.checkBackoffV5(n, fn, encl)
			case isRetryGo(path):
				c.checkRetryGo(n, fn, encl)
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok && c.isCheckRetryField(sel.Sel) {
						c.checkCheckRetry(n.Rhs[i])
					}
				}
			}
		case *ast.KeyValueExpr:
			if k, ok := n.Key.(*ast.Ident); ok && c.isCheckRetryField(k) {
				c.checkCheckRetry(n.Value)
			}
		}
	}
}

// ctxCanEnd reports whether a context given to a library can end it.
func (c *checker) ctxCanEnd(e ast.Expr, fn ast.Node) bool {
	if fn == nil {
		return !c.model.ContextOf(e, nil).Unbounded()
	}
	return !c.model.ContextOf(e, fn).Unbounded()
}

// sends reports whether calling op (a function literal or a named
// function) sends an HTTP request.
func (c *checker) sends(op ast.Expr) bool {
	switch x := ast.Unparen(op).(type) {
	case *ast.FuncLit:
		found := false
		ast.Inspect(x.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && c.model.Request(call) != nil {
				found = true
			}
			return !found
		})
		return found
	case *ast.Ident, *ast.SelectorExpr:
		id := funcIdent(x)
		if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok {
			// op := func() error { ... }
			if as := c.model.AssignmentsOf(v); len(as) == 1 && as[0].Value != nil && as[0].Index == 0 {
				if lit, ok := ast.Unparen(as[0].Value).(*ast.FuncLit); ok {
					return c.sends(lit)
				}
			}
			return false
		}
		fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func)
		if !ok {
			return false
		}
		if f := c.model.FactOf(fn.Origin()); f != nil && f.Sends {
			return true
		}
	}
	return false
}

// qualifier returns the "pkg." that a call's function is written with.
func (c *checker) qualifier(call *ast.CallExpr) string {
	fun := ast.Unparen(call.Fun)
	if ix, ok := fun.(*ast.IndexExpr); ok {
		fun = ix.X
	}
	if ix, ok := fun.(*ast.IndexListExpr); ok {
		fun = ix.X
	}
	if sel, ok := fun.(*ast.SelectorExpr); ok {
		if id, ok := sel.X.(*ast.Ident); ok {
			if _, ok := c.pass.TypesInfo.Uses[id].(*types.PkgName); ok {
				return id.Name + "."
			}
		}
	}
	return ""
}

func (c *checker) libCall(e ast.Expr, isPkg func(string) bool, names ...string) (*ast.CallExpr, string) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil, ""
	}
	fn := httpmodel.Callee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil || !isPkg(fn.Pkg().Path()) || fn.Signature().Recv() != nil {
		return nil, ""
	}
	for _, n := range names {
		if fn.Name() == n {
			return call, n
		}
	}
	return nil, ""
}

// checkSethvargo checks retry.Do, retry.DoValue and the helpers.
func (c *checker) checkSethvargo(call *ast.CallExpr, fn *types.Func, encl ast.Node) {
	switch fn.Name() {
	case "Do", "DoValue":
		if len(call.Args) != 3 || c.ctxCanEnd(call.Args[0], encl) || !c.sends(call.Args[2]) {
			return
		}
		cons, ok := c.sethvargoBase(call.Args[1], 0)
		if !ok {
			return
		}
		name := c.qualifier(cons) + calleeName(c.pass.TypesInfo, cons)
		q := c.qualifier(cons)
		d := analysis.Diagnostic{Pos: cons.Pos(), End: cons.End(), Category: CategoryUnbounded,
			Message: fmt.Sprintf("%s never stops and the context given to %s%s cannot end: the retry runs until it succeeds, however long that takes; wrap it in %sWithMaxRetries or %sWithMaxDuration",
				name, c.qualifier(call), fn.Name(), q, q)}
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message: fmt.Sprintf("Wrap the backoff in %sWithMaxRetries(%d, ...)", q, c.n),
			TextEdits: []analysis.TextEdit{
				{Pos: cons.Pos(), End: cons.Pos(), NewText: []byte(fmt.Sprintf("%sWithMaxRetries(%d, ", q, c.n))},
				{Pos: cons.End(), End: cons.End(), NewText: []byte(")")},
			},
		}}
		c.report(d)
	case "Constant", "Exponential", "Fibonacci":
		if len(call.Args) != 3 || c.ctxCanEnd(call.Args[0], encl) || !c.sends(call.Args[2]) {
			return
		}
		q := c.qualifier(call)
		c.report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: CategoryUnbounded,
			Message: fmt.Sprintf("%s%s retries until its context ends and this context never does: the retry can run forever; use %sDo with a backoff wrapped in %sWithMaxRetries",
				q, fn.Name(), q, q)})
	}
}

// sethvargoBase follows a go-retry backoff expression to an unbounded
// constructor, through the wrappers that do not bound it.
func (c *checker) sethvargoBase(e ast.Expr, depth int) (*ast.CallExpr, bool) {
	if depth > 4 {
		return nil, false
	}
	isPkg := func(p string) bool { return p == pkgSethvargo }
	if call, name := c.libCall(e, isPkg, "NewExponential", "NewConstant", "NewFibonacci", "WithCappedDuration", "WithJitter", "WithJitterPercent"); call != nil {
		switch name {
		case "NewExponential", "NewConstant", "NewFibonacci":
			return call, true
		default:
			if len(call.Args) == 2 {
				return c.sethvargoBase(call.Args[1], depth+1)
			}
			return nil, false
		}
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr: // retry.BackoffFunc(f)
		if tv, ok := c.pass.TypesInfo.Types[x.Fun]; ok && tv.IsType() && httpmodel.IsNamed(tv.Type, pkgSethvargo, "BackoffFunc") {
			return x, true
		}
	case *ast.Ident:
		if v, ok := c.pass.TypesInfo.Uses[x].(*types.Var); ok {
			if as := c.model.AssignmentsOf(v); len(as) == 1 && as[0].Value != nil && as[0].Index == 0 {
				return c.sethvargoBase(as[0].Value, depth+1)
			}
		}
	}
	return nil, false
}

// checkBackoffV4 checks backoff.Retry and its variants.
func (c *checker) checkBackoffV4(call *ast.CallExpr, fn *types.Func, encl ast.Node) {
	switch fn.Name() {
	case "Retry", "RetryNotify", "RetryWithData", "RetryNotifyWithData", "RetryNotifyWithTimer", "RetryNotifyWithTimerAndData":
	default:
		return
	}
	if len(call.Args) < 2 || !c.sends(call.Args[0]) {
		return
	}
	q := c.qualifier(call)
	if lit, ok := ast.Unparen(call.Args[0]).(*ast.FuncLit); ok && c.opBlanket(lit, "Permanent") {
		c.report(analysis.Diagnostic{Pos: lit.Pos(), End: lit.Type.End(), Category: CategoryBlanket,
			Message: fmt.Sprintf("backoff operation returns a retryable error for every failing status: a 401 or 404 cannot succeed on retry and only multiplies the load; wrap permanent failures in %sPermanent", q)})
	}
	b := c.backoffV4(call.Args[1], encl, 0)
	if b.zero != nil {
		c.report(analysis.Diagnostic{Pos: b.zero.Pos(), End: b.zero.End(), Category: CategoryNoBackoff,
			Message: "backoff.ZeroBackOff retries at once: with no wait between attempts every client hammers the failing server together"})
	}
	if b.cause == nil {
		return
	}
	d := analysis.Diagnostic{Pos: b.cause.Pos(), End: b.cause.End(), Category: CategoryUnbounded,
		Message: fmt.Sprintf("%s and %s%s is given no context that can end: the retry runs until it succeeds, however long that takes; wrap the backoff in %sWithMaxRetries",
			b.why, q, fn.Name(), q)}
	arg := call.Args[1]
	d.SuggestedFixes = []analysis.SuggestedFix{{
		Message: fmt.Sprintf("Wrap the backoff in %sWithMaxRetries(..., %d)", q, c.n),
		TextEdits: []analysis.TextEdit{
			{Pos: arg.Pos(), End: arg.Pos(), NewText: []byte(q + "WithMaxRetries(")},
			{Pos: arg.End(), End: arg.End(), NewText: []byte(fmt.Sprintf(", %d)", c.n))},
		},
	}}
	c.report(d)
}

type backoffInfo struct {
	cause ast.Node // what makes it unbounded, nil when bounded or unknown
	why   string
	zero  ast.Node // a ZeroBackOff construction
}

// backoffV4 follows a cenkalti BackOff expression.
func (c *checker) backoffV4(e ast.Expr, encl ast.Node, depth int) backoffInfo {
	var bi backoffInfo
	if depth > 4 {
		return bi
	}
	info := c.pass.TypesInfo
	if call, name := c.libCall(e, isBackoffV4, "WithMaxRetries", "WithContext", "NewExponentialBackOff", "NewConstantBackOff"); call != nil {
		switch name {
		case "WithMaxRetries":
			if len(call.Args) == 2 {
				bi.zero = c.backoffV4(call.Args[0], encl, depth+1).zero
			}
		case "WithContext":
			if len(call.Args) == 2 {
				inner := c.backoffV4(call.Args[0], encl, depth+1)
				if c.ctxCanEnd(call.Args[1], encl) {
					inner.cause = nil
				}
				return inner
			}
		case "NewExponentialBackOff":
			for _, o := range call.Args {
				if oc, _ := c.libCall(o, isBackoffV4, "WithMaxElapsedTime"); oc != nil && len(oc.Args) == 1 {
					if v, ok := c.constInt(oc.Args[0]); ok && v == 0 {
						bi.cause, bi.why = oc, "WithMaxElapsedTime(0) makes the exponential backoff retry forever"
					}
				}
			}
		case "NewConstantBackOff":
			bi.cause, bi.why = call, "backoff.ConstantBackOff never stops"
		}
		return bi
	}
	x := ast.Unparen(e)
	if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
		x = ast.Unparen(u.X)
	}
	switch x := x.(type) {
	case *ast.CompositeLit:
		t := info.TypeOf(x)
		switch {
		case isBackoffType(t, "ExponentialBackOff"):
			bi.cause, bi.why = e, "backoff.ExponentialBackOff without MaxElapsedTime never stops"
			for _, el := range x.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "MaxElapsedTime" {
						if v, ok := c.constInt(kv.Value); ok && v == 0 {
							bi.cause, bi.why = kv, "MaxElapsedTime 0 makes the exponential backoff retry forever"
						} else {
							bi.cause = nil
						}
					}
				}
			}
		case isBackoffType(t, "ConstantBackOff"):
			bi.cause, bi.why = e, "backoff.ConstantBackOff never stops"
		case isBackoffType(t, "ZeroBackOff"):
			bi.cause, bi.why, bi.zero = e, "backoff.ZeroBackOff never stops", e
		}
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok {
			return bi
		}
		if as := c.model.AssignmentsOf(v); len(as) == 1 && as[0].Value != nil && as[0].Index == 0 {
			bi = c.backoffV4(as[0].Value, encl, depth+1)
		}
		for _, s := range c.model.FieldSets(v) {
			if s.Field.Name() != "MaxElapsedTime" {
				continue
			}
			if val, ok := c.constInt(s.Value); ok && val == 0 {
				bi.cause, bi.why = s.Value, "MaxElapsedTime = 0 makes the exponential backoff retry forever"
			} else {
				bi.cause = nil
			}
		}
	}
	return bi
}

func isBackoffType(t types.Type, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == name && n.Obj().Pkg() != nil && isBackoffV4(n.Obj().Pkg().Path())
}

// checkBackoffV5 checks backoff/v5's Retry options.
func (c *checker) checkBackoffV5(call *ast.CallExpr, fn *types.Func, encl ast.Node) {
	if fn.Name() != "Retry" || len(call.Args) < 2 || call.Ellipsis.IsValid() || !c.sends(call.Args[1]) {
		return
	}
	isPkg := func(p string) bool { return p == pkgBackoffV5 }
	var zeroElapsed ast.Node
	maxTries := false
	for _, o := range call.Args[2:] {
		oc, name := c.libCall(o, isPkg, "WithMaxElapsedTime", "WithMaxTries", "WithBackOff")
		switch name {
		case "WithMaxElapsedTime":
			if v, ok := c.constInt(oc.Args[0]); ok && v == 0 {
				zeroElapsed = oc
			}
		case "WithMaxTries":
			maxTries = true
		case "WithBackOff":
			b := ast.Unparen(oc.Args[0])
			if u, ok := b.(*ast.UnaryExpr); ok && u.Op == token.AND {
				b = u.X
			}
			if t := c.pass.TypesInfo.TypeOf(b); t != nil && httpmodel.IsNamed(t, pkgBackoffV5, "ZeroBackOff") {
				c.report(analysis.Diagnostic{Pos: oc.Args[0].Pos(), End: oc.Args[0].End(), Category: CategoryNoBackoff,
					Message: "backoff.ZeroBackOff retries at once: with no wait between attempts every client hammers the failing server together"})
			}
		}
	}
	if zeroElapsed != nil && !maxTries && !c.ctxCanEnd(call.Args[0], encl) {
		q := c.qualifier(call)
		c.report(analysis.Diagnostic{Pos: zeroElapsed.Pos(), End: zeroElapsed.End(), Category: CategoryUnbounded,
			Message: fmt.Sprintf("%sWithMaxElapsedTime(0) without %sWithMaxTries lets %sRetry run forever, and its context cannot end it", q, q, q)})
	}
}

// checkRetryGo checks retry-go's Do and DoWithData options.
func (c *checker) checkRetryGo(call *ast.CallExpr, fn *types.Func, encl ast.Node) {
	if (fn.Name() != "Do" && fn.Name() != "DoWithData") || len(call.Args) < 1 || call.Ellipsis.IsValid() || !c.sends(call.Args[0]) {
		return
	}
	var forever *ast.CallExpr
	var delay0, retryIf *ast.CallExpr
	fixed, ctxEnds := false, false
	for _, o := range call.Args[1:] {
		oc, name := c.libCall(o, isRetryGo, "Attempts", "UntilSucceeded", "Context", "Delay", "DelayType", "RetryIf")
		switch name {
		case "Attempts":
			if v, ok := c.constInt(oc.Args[0]); ok && v == 0 {
				forever = oc
			}
		case "UntilSucceeded":
			forever = oc
		case "Context":
			ctxEnds = c.ctxCanEnd(oc.Args[0], encl)
		case "Delay":
			if v, ok := c.constInt(oc.Args[0]); ok && v == 0 {
				delay0 = oc
			}
		case "DelayType":
			if id := funcIdent(oc.Args[0]); id != nil {
				if f, ok := c.pass.TypesInfo.Uses[id].(*types.Func); ok && f.Name() == "FixedDelay" && f.Pkg() != nil && isRetryGo(f.Pkg().Path()) {
					fixed = true
				}
			}
		case "RetryIf":
			retryIf = oc
		}
	}
	q := c.qualifier(call)
	if forever != nil && !ctxEnds {
		d := analysis.Diagnostic{Pos: forever.Pos(), End: forever.End(), Category: CategoryUnbounded,
			Message: fmt.Sprintf("%s retries until success and no context that can end is given with %sContext: a lasting failure keeps it sending requests forever", fixes.Source(c.pass, forever), q)}
		oq := c.qualifier(forever)
		if len(forever.Args) == 1 {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   fmt.Sprintf("Limit the retry to %d attempts", c.n),
				TextEdits: []analysis.TextEdit{{Pos: forever.Args[0].Pos(), End: forever.Args[0].End(), NewText: []byte(fmt.Sprint(c.n))}},
			}}
		} else {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   fmt.Sprintf("Limit the retry to %d attempts", c.n),
				TextEdits: []analysis.TextEdit{{Pos: forever.Pos(), End: forever.End(), NewText: []byte(fmt.Sprintf("%sAttempts(%d)", oq, c.n))}},
			}}
		}
		c.report(d)
	}
	if delay0 != nil && fixed {
		c.report(analysis.Diagnostic{Pos: delay0.Pos(), End: delay0.End(), Category: CategoryNoBackoff,
			Message: fmt.Sprintf("%sDelay(0) with %sFixedDelay retries at once: with no wait between attempts every client hammers the failing server together", q, q)})
	}
	if retryIf != nil && len(retryIf.Args) == 1 {
		if lit, ok := ast.Unparen(retryIf.Args[0]).(*ast.FuncLit); ok && c.alwaysTrue(lit) && !c.telling(call.Args[0]) {
			c.report(analysis.Diagnostic{Pos: lit.Pos(), End: lit.Type.End(), Category: CategoryBlanket,
				Message: fmt.Sprintf("%sRetryIf function retries every error, permanent failures included: a 401 or 404 cannot succeed on retry and only multiplies the load; return false for them", q)})
		}
	}
}

func funcIdent(e ast.Expr) *ast.Ident {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x
	case *ast.SelectorExpr:
		return x.Sel
	}
	return nil
}

// alwaysTrue reports a function literal whose every return is the constant true.
func (c *checker) alwaysTrue(lit *ast.FuncLit) bool {
	n := 0
	ok := true
	ast.Inspect(lit.Body, func(x ast.Node) bool {
		if _, isLit := x.(*ast.FuncLit); isLit {
			return false
		}
		if r, isRet := x.(*ast.ReturnStmt); isRet {
			n++
			if len(r.Results) != 1 || !c.isTrue(r.Results[0]) {
				ok = false
			}
		}
		return true
	})
	return ok && n > 0
}

func (c *checker) isTrue(e ast.Expr) bool {
	tv, ok := c.pass.TypesInfo.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value)
}

// telling reports an operation that tells failures apart itself: it marks
// some errors unrecoverable or permanent, or tests statuses selectively.
func (c *checker) telling(op ast.Expr) bool {
	lit, ok := ast.Unparen(op).(*ast.FuncLit)
	if !ok {
		return true // cannot see it
	}
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if fn := httpmodel.Callee(c.pass.TypesInfo, call); fn != nil && (fn.Name() == "Unrecoverable" || fn.Name() == "Permanent") {
				found = true
			}
		}
		return !found
	})
	if found {
		return true
	}
	at, ok := c.opAttempt(lit)
	return !ok || at.resp == nil || c.selective(lit.Body, at.resp, c.statusVars(lit.Body, at.resp))
}

// opAttempt finds the request an operation literal sends, outside loops.
func (c *checker) opAttempt(lit *ast.FuncLit) (attempt, bool) {
	for _, req := range c.model.Requests {
		if req.Func != lit {
			continue
		}
		cur, ok := c.model.Cursor(req.Call)
		if !ok {
			continue
		}
		return c.bindAttempt(req, cur)
	}
	return attempt{}, false
}

// opBlanket reports an operation literal that sends a request and returns
// a non-nil error for a 404 as for a 503, with no permanent marking on the
// 404's path. A backoff.Permanent elsewhere in the operation (for a request
// that cannot be built, a body that does not decode) leaves every failing
// status retryable, so it is judged where the 404 returns, not anywhere.
func (c *checker) opBlanket(lit *ast.FuncLit, permanent string) bool {
	at, ok := c.opAttempt(lit)
	if !ok || at.resp == nil || c.selective(lit.Body, at.resp, c.statusVars(lit.Body, at.resp)) {
		return false
	}
	marks := c.permanentVars(lit, permanent)
	li := &loopInfo{fn: lit, body: lit.Body, at: at}
	li.statusVars = c.statusVars(lit.Body, at.resp)
	li.ctxFree = func(e ast.Expr) bool { return c.model.ContextOf(e, lit).Unbounded() }
	marked := false // a 404 path returns a permanent error
	results := func(o outcome) (fails, succeeds bool, ok bool) {
		w := c.newWalk(li, o)
		w.fnMode = true
		w.run()
		if w.aborted {
			return false, false, false
		}
		for _, e := range w.exits {
			r, isRet := e.node.(*ast.ReturnStmt)
			if !isRet || len(r.Results) == 0 {
				continue
			}
			last := r.Results[len(r.Results)-1]
			if tv, ok := c.pass.TypesInfo.Types[last]; ok && tv.IsNil() {
				succeeds = true
			} else if !e.st.unknownResp {
				switch c.permanentErr(last, permanent, marks) {
				case no:
					fails = true
				case yes:
					// Stops the retry: on a 404 that is the policy; on a
					// 200 (a body that does not decode) it is no retry.
					if o == outPerm {
						marked = true
					}
				default:
					return false, false, false // cannot tell
				}
			}
		}
		return fails, succeeds, true
	}
	permFails, _, ok1 := results(outPerm)
	okFails, okSucceeds, ok2 := results(outOK)
	return ok1 && ok2 && permFails && !marked && okSucceeds && !okFails
}

// permanentVars returns what the operation marks permanent: whether it
// calls backoff's Permanent at all, and the variables it assigns a value
// containing such a call, or the result of a call it cannot see into
// (a helper may wrap the error).
func (c *checker) permanentVars(lit *ast.FuncLit, permanent string) permMarks {
	pm := permMarks{vars: make(map[*types.Var]tri)}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && c.isPermanentCall(call, permanent) {
			pm.any = true
		}
		return true
	})
	if !pm.any {
		return pm
	}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			v := c.identVar(l)
			if v == nil || !fixes.IsError(v.Type()) {
				continue
			}
			if t := c.permanentErr(as.Rhs[i], permanent, pm); t != no && pm.vars[v] != yes {
				pm.vars[v] = t
			}
		}
		return true
	})
	return pm
}

// permMarks is what permanentVars found.
type permMarks struct {
	any  bool
	vars map[*types.Var]tri // yes: holds a permanent error; unknown: may
}

// permanentErr reports whether a returned error is marked permanent: yes
// for backoff.Permanent(...) or a variable holding one, no for an error
// built plainly, unknown for a call that may wrap it (when the operation
// marks anything permanent at all).
func (c *checker) permanentErr(e ast.Expr, permanent string, pm permMarks) tri {
	if !pm.any {
		return no
	}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && c.isPermanentCall(call, permanent) {
			found = true
		}
		return !found
	})
	if found {
		return yes
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v := c.identVar(x); v != nil {
			if t, ok := pm.vars[v]; ok {
				return t
			}
		}
		return no
	case *ast.CallExpr:
		fn := httpmodel.Callee(c.pass.TypesInfo, x)
		if fn != nil && fn.Pkg() != nil && (fn.Pkg().Path() == "fmt" || fn.Pkg().Path() == "errors") {
			return no
		}
		return unknown
	}
	return unknown
}

// isPermanentCall reports a call of the backoff library's Permanent.
func (c *checker) isPermanentCall(call *ast.CallExpr, permanent string) bool {
	fn := httpmodel.Callee(c.pass.TypesInfo, call)
	return fn != nil && fn.Name() == permanent && fn.Pkg() != nil && isBackoffV4(fn.Pkg().Path())
}

func (c *checker) isCheckRetryField(id *ast.Ident) bool {
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	return ok && v.IsField() && v.Name() == "CheckRetry" && v.Pkg() != nil && v.Pkg().Path() == pkgRetryable
}

// checkCheckRetry reports a retryablehttp CheckRetry that retries a 404.
func (c *checker) checkCheckRetry(val ast.Expr) {
	var ftype *ast.FuncType
	var body *ast.BlockStmt
	var fnNode ast.Node
	switch x := ast.Unparen(val).(type) {
	case *ast.FuncLit:
		ftype, body, fnNode = x.Type, x.Body, x
	case *ast.Ident, *ast.SelectorExpr:
		fn, ok := c.pass.TypesInfo.Uses[funcIdent(x)].(*types.Func)
		if !ok {
			return
		}
		d := c.decls[fn]
		if d == nil {
			return
		}
		ftype, body, fnNode = d.Type, d.Body, d
	default:
		return
	}
	var params []*types.Var
	for _, f := range ftype.Params.List {
		for _, n := range f.Names {
			v, _ := c.pass.TypesInfo.Defs[n].(*types.Var)
			params = append(params, v)
		}
	}
	if len(params) != 3 {
		return
	}
	at := attempt{resp: params[1], err: params[2]}
	if at.resp == nil || at.err == nil {
		return
	}
	li := &loopInfo{fn: fnNode, body: body, at: at}
	li.statusVars = c.statusVars(body, at.resp)
	if c.selective(body, at.resp, li.statusVars) {
		return
	}
	li.ctxFree = func(e ast.Expr) bool { return c.model.ContextOf(e, fnNode).Unbounded() }
	w := c.newWalk(li, outPerm)
	w.fnMode = true
	w.initial = pathState{sent: true}
	w.run()
	if w.aborted {
		return
	}
	for _, e := range w.exits {
		r, ok := e.node.(*ast.ReturnStmt)
		if !ok || len(r.Results) != 2 || e.st.unknownResp {
			continue
		}
		// The answer may be constant (return true, nil) or computed in the
		// return itself (return resp.StatusCode != http.StatusOK, nil):
		// evaluated for a 404, both say retry.
		st := e.st
		if c.isTrue(r.Results[0]) || w.cond(r.Results[0], &st) == yes {
			c.report(analysis.Diagnostic{Pos: val.Pos(), End: val.End(), Category: CategoryBlanket,
				Message: "CheckRetry retries every failing status, 4xx included: a 401 or 404 cannot succeed on retry and only multiplies the load; retry only 429 and 5xx, as retryablehttp.DefaultRetryPolicy does"})
			return
		}
	}
}

// ---------------------------------------------------------------------------
// Small helpers

func (c *checker) varOf(id *ast.Ident) *types.Var {
	if v, ok := c.pass.TypesInfo.Defs[id].(*types.Var); ok {
		return v
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	return v
}

func (c *checker) identVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	return c.varOf(id)
}

// builderErr returns the error variable of an assignment from a request
// builder: http.NewRequest, http.NewRequestWithContext, or a function known
// to build a request.
func (c *checker) builderErr(n ast.Node) *types.Var {
	as, ok := n.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) < 2 {
		return nil
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok {
		return nil
	}
	fn := httpmodel.Callee(c.pass.TypesInfo, call)
	if fn == nil {
		return nil
	}
	if !httpmodel.IsFunc(fn, "net/http", "", "NewRequest") && !httpmodel.IsFunc(fn, "net/http", "", "NewRequestWithContext") {
		if f := c.model.FactOf(fn); f == nil || !f.Builds || f.Sends {
			return nil
		}
	}
	v := c.identVar(as.Lhs[len(as.Lhs)-1])
	if v == nil || !fixes.IsError(v.Type()) {
		return nil
	}
	return v
}

// assigns reports whether n assigns v.
func (c *checker) assigns(n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if c.identVar(l) == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func (c *checker) constInt(e ast.Expr) (int64, bool) {
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil {
		return 0, false
	}
	v := constant.ToInt(tv.Value)
	if v.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(v)
}

func (c *checker) isContext(e ast.Expr) bool {
	t := c.pass.TypesInfo.TypeOf(e)
	return t != nil && httpmodel.IsNamed(t, "context", "Context")
}

// isNoReturn reports calls that do not return: panic, os.Exit, log.Fatal...
func (c *checker) isNoReturn(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
			return true
		}
	}
	fn := httpmodel.Callee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "os":
		return fn.Name() == "Exit"
	case "log":
		return strings.HasPrefix(fn.Name(), "Fatal") || strings.HasPrefix(fn.Name(), "Panic")
	case "runtime":
		return fn.Name() == "Goexit"
	case "testing":
		return strings.HasPrefix(fn.Name(), "Fatal") || fn.Name() == "FailNow" || strings.HasPrefix(fn.Name(), "Skip")
	}
	return false
}

func calleeName(info *types.Info, call *ast.CallExpr) string {
	if fn := httpmodel.Callee(info, call); fn != nil {
		return fn.Name()
	}
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		if n, ok := types.Unalias(tv.Type).(*types.Named); ok {
			return n.Obj().Name()
		}
	}
	return "backoff"
}

func isResponse(t types.Type) bool { return httpmodel.IsPointerTo(t, "net/http", "Response") }

func within(inner, outer ast.Node) bool {
	return outer.Pos() <= inner.Pos() && inner.End() <= outer.End()
}

// targetVaries reports whether the request of a loop goes somewhere else
// each round: its URL (or, for a wrapper, an argument other than a
// context, or its receiver) reads a variable the loop changes from one
// iteration to the next (a counter, a range variable, a domain cut down to
// its parent, a page number, the next host), directly or through variables
// computed from it in the body; or the loop rewrites the URL of a request
// built before it.
func (c *checker) targetVaries(loop ast.Stmt, req *httpmodel.Request) bool {
	info := c.pass.TypesInfo
	var body *ast.BlockStmt
	varying := make(map[*types.Var]bool)
	switch l := loop.(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
		for _, e := range []ast.Expr{l.Key, l.Value} {
			if v := c.identVar(e); v != nil {
				varying[v] = true
			}
		}
	}
	// Variables declared outside the body and assigned in the loop carry a
	// value from one round to the next.
	urlWrite := false
	ast.Inspect(loop, func(n ast.Node) bool {
		var lhs []ast.Expr
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE && !within(n, body) {
				return true // the init statement of a for loop
			}
			lhs = n.Lhs
		case *ast.IncDecStmt:
			lhs = []ast.Expr{n.X}
		}
		for _, l := range lhs {
			if c.writesURL(l) {
				urlWrite = true
			}
			if v := rootOf(info, l); v != nil && !within(varDecl(v), body) {
				varying[v] = true
			}
		}
		return true
	})
	if urlWrite && req.BuiltBy != nil && !within(req.BuiltBy, loop) {
		return true
	}
	targets := c.targetExprs(req, loop)
	if len(targets) == 0 {
		return false
	}
	// Variables of the body computed from varying ones vary too.
	for changed := true; changed; {
		changed = false
		ast.Inspect(body, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok {
				return true
			}
			reads := false
			for _, r := range as.Rhs {
				for v := range varsOf(info, r) {
					if varying[v] {
						reads = true
					}
				}
			}
			if !reads {
				return true
			}
			for _, l := range as.Lhs {
				if v := rootOf(info, l); v != nil && !varying[v] {
					varying[v] = true
					changed = true
				}
			}
			return true
		})
	}
	for _, t := range targets {
		for v := range varsOf(info, t) {
			if varying[v] {
				return true
			}
		}
	}
	return false
}

// targetExprs returns the expressions that say where a request goes: the
// URL argument of the request's builder when the loop builds it, of
// http.Get and its siblings, or a wrapper's receiver and its arguments that
// can name an address.
func (c *checker) targetExprs(req *httpmodel.Request, loop ast.Stmt) []ast.Expr {
	info := c.pass.TypesInfo
	if b := req.BuiltBy; b != nil {
		if !within(b, loop) {
			return nil
		}
		if fn := httpmodel.Callee(info, b); fn != nil && fn.Name() == "NewRequestWithContext" && len(b.Args) == 4 {
			return b.Args[2:3]
		}
		if len(b.Args) == 3 {
			return b.Args[1:2]
		}
		return nil
	}
	call := req.Call
	fn := req.Callee
	if req.Via == httpmodel.ViaNetHTTP {
		switch fn.Name() {
		case "Get", "Head", "Post", "PostForm":
			if len(call.Args) > 0 {
				return call.Args[:1]
			}
		}
		return nil // Do(req) of a request built elsewhere
	}
	var out []ast.Expr
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal {
			out = append(out, sel.X)
		}
	}
	for _, a := range call.Args {
		if isAddress(info.TypeOf(a)) {
			out = append(out, a)
		}
	}
	return out
}

// isAddress reports a type a wrapper's target can be given as: a string
// (a URL, a path, a host), an integer (a page), a *url.URL. Bodies,
// options and out-parameters are not where the request goes.
func isAddress(t types.Type) bool {
	if t == nil {
		return false
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		return b.Info()&(types.IsString|types.IsInteger) != 0
	}
	return httpmodel.IsNamed(t, "net/url", "URL") || httpmodel.IsPointerTo(t, "net/url", "URL")
}

// writesURL reports an assignment target inside a request's URL: req.URL,
// req.URL.Host, req.Host, u.Path of a *url.URL.
func (c *checker) writesURL(l ast.Expr) bool {
	for {
		sel, ok := ast.Unparen(l).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		if f, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Var); ok && f.IsField() && f.Pkg() != nil {
			switch {
			case f.Pkg().Path() == "net/url":
				return true
			case f.Pkg().Path() == "net/http" && (f.Name() == "URL" || f.Name() == "Host"):
				return true
			}
		}
		l = sel.X
	}
}

// rootOf returns the local or package variable at the root of x, x.f, x[i], *x.
func rootOf(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			if v, ok := info.Defs[x].(*types.Var); ok {
				return v
			}
			v, _ := info.Uses[x].(*types.Var)
			return v
		case *ast.SelectorExpr:
			if s, ok := info.Selections[x]; ok && s.Kind() == types.FieldVal {
				e = x.X
				continue
			}
			v, _ := info.Uses[x.Sel].(*types.Var)
			return v
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// varDecl returns a node spanning the declaration of v, for within.
func varDecl(v *types.Var) ast.Node { return posNode(v.Pos()) }

type posNode token.Pos

func (p posNode) Pos() token.Pos { return token.Pos(p) }
func (p posNode) End() token.Pos { return token.Pos(p) + 1 }

// varsOf returns the variables an expression refers to, outside function
// literals.
func varsOf(info *types.Info, n ast.Node) map[*types.Var]bool {
	vars := make(map[*types.Var]bool)
	ast.Inspect(n, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				vars[v] = true
			}
		}
		return true
	})
	return vars
}
