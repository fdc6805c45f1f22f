package retry

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
)

// no-backoff in loops: whether anything between attempts waits.

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
	fn := c.model.Callee(call)
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
