package retry

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// github.com/cenkalti/backoff, v1 to v5, and the operations that mark
// failures permanent.

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
		fn := c.model.Callee(x)
		if fn != nil && fn.Pkg() != nil && (fn.Pkg().Path() == "fmt" || fn.Pkg().Path() == "errors") {
			return no
		}
		return unknown
	}
	return unknown
}

// isPermanentCall reports a call of the backoff library's Permanent.
func (c *checker) isPermanentCall(call *ast.CallExpr, permanent string) bool {
	fn := c.model.Callee(call)
	return fn != nil && fn.Name() == permanent && fn.Pkg() != nil && isBackoffV4(fn.Pkg().Path())
}
