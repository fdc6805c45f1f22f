package retry

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
)

// github.com/avast/retry-go.

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
			if fn := c.model.Callee(call); fn != nil && (fn.Name() == "Unrecoverable" || fn.Name() == "Permanent") {
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
