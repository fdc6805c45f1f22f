package clientreuse

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/report"
)

// The units of work around a construction (a loop iteration, a handler call,
// a function call) and the report of the Transports each throws away.

// unitKind names a unit of work, whose every repetition pays for what is built in it.
type unitKind int

const (
	loopUnit    unitKind = iota // one iteration of a loop
	handlerUnit                 // one call of an inbound handler
	funcUnit                    // one call of an ordinary function
)

type unit struct {
	kind unitKind
	body *ast.BlockStmt // variables declared here live for one unit
	fn   ast.Node       // for funcUnit, the function whose returns reach callers
	name string         // the function's name, if it has one
}

// units returns the units of work around cur, innermost first.
func (c *checker) units(cur inspector.Cursor) []unit {
	var us []unit
	var outerLit *ast.FuncLit
	litName := ""
	child := cur
	for p := cur.Parent(); p.Node() != nil; child, p = p, p.Parent() {
		switch n := p.Node().(type) {
		case *ast.ForStmt:
			if child.ParentEdgeKind() == edge.ForStmt_Body {
				us = append(us, unit{kind: loopUnit, body: n.Body})
			}
		case *ast.RangeStmt:
			if child.ParentEdgeKind() == edge.RangeStmt_Body {
				us = append(us, unit{kind: loopUnit, body: n.Body})
			}
		case *ast.FuncLit:
			if c.model.IsHandler(n) {
				return append(us, unit{kind: handlerUnit, body: n.Body, fn: n})
			}
			outerLit = n
		case *ast.ValueSpec:
			if len(n.Names) > 0 {
				litName = n.Names[0].Name
			}
		case *ast.FuncDecl:
			fn, ok := c.info.Defs[n.Name].(*types.Func)
			switch {
			case n.Body == nil || !ok:
				return us
			case c.model.IsHandler(n):
				return append(us, unit{kind: handlerUnit, body: n.Body, fn: n, name: n.Name.Name})
			case c.setup[fn]:
				return us
			default:
				return append(us, unit{kind: funcUnit, body: n.Body, fn: n, name: n.Name.Name})
			}
		case *ast.File:
			if outerLit != nil {
				// A function literal held by a package-level variable.
				us = append(us, unit{kind: funcUnit, body: outerLit.Body, fn: outerLit, name: litName})
			}
			return us
		}
	}
	return us
}

// report reports the roots that are thrown away per unit of work.
func (c *checker) report(rep *report.Reporter) {
	for _, r := range c.roots() {
		if r.callee == nil && c.dialsLocally(r.expr) {
			continue
		}
		if c.model.InTestHookBranch(r.cur) {
			continue // built only while a test has set a hook
		}
		for _, u := range c.units(r.cur) {
			if r.callee != nil && u.kind == funcUnit {
				continue // factories are reported in handlers and loops only
			}
			f := c.track(r, u)
			if f.escapes {
				continue // kept outside this unit: perhaps thrown away by an outer one
			}
			if u.kind == funcUnit && c.sendsInLoop(f, r, u) {
				break // one call sends many requests through it: it is reused
			}
			if len(f.returns) == 0 && f.sends && !c.closesEvery(f) {
				c.diagnose(rep, r, u, f)
			}
			break
		}
	}
}

// sendsInLoop reports whether one of the sends through the Transport is
// in a loop of the function unit u that walks data or fans out work, with
// the Transport built before that loop: a range over a slice, map or
// channel (a crawl), or a loop that starts goroutines or closures that send
// (a load run's workers). The Transport is then built once per call and
// reused for many requests within it, which is what pooling asks for.
// Counting loops that only repeat the same request (a retry helper's for i
// := 0; i < 3; i++) and ranges over an integer do not count: a retry
// helper is a per-request one.
func (c *checker) sendsInLoop(f *flow, r root, u unit) bool {
	for _, call := range f.sendsVia {
		cur, ok := c.model.Cursor(call)
		if !ok {
			continue
		}
		inGoroutine := false
		for enc := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil)) {
			loop := enc.Node()
			if !astq.Within(loop, u.body) || astq.Within(r.expr, loop) {
				break
			}
			switch loop := loop.(type) {
			case *ast.FuncLit:
				inGoroutine = true
				continue
			case *ast.RangeStmt:
				if t := c.info.TypeOf(loop.X); t != nil {
					if b, ok := t.Underlying().(*types.Basic); !ok || b.Info()&types.IsInteger == 0 {
						return true
					}
				}
			case *ast.ForStmt:
				if inGoroutine {
					return true
				}
			}
			break
		}
	}
	return false
}

// dialsLocally reports whether a Transport literal dials through a function
// literal that depends on local state and opens no connection of its own,
// as httputil.DumpRequestOut does to write a request into a buffer: such a
// Transport opens no network connections, and cannot be shared. A literal
// that calls a dial function of net or crypto/tls (a unix socket whose path
// is a local, say) opens real connections, and is judged like any other.
func (c *checker) dialsLocally(e ast.Expr) bool {
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = u.X
	}
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok || !strings.HasPrefix(key.Name, "Dial") {
			continue
		}
		if fl, ok := ast.Unparen(kv.Value).(*ast.FuncLit); ok && !c.onlyPackageLevel(fl) && !c.callsNetDial(fl) {
			return true
		}
	}
	return false
}

// netDials lists the functions that open a network or unix-socket
// connection: package, receiver type, name.
var netDials = [][3]string{
	{"net", "", "Dial"}, {"net", "", "DialTimeout"}, {"net", "", "DialTCP"}, {"net", "", "DialUnix"},
	{"net", "Dialer", "Dial"}, {"net", "Dialer", "DialContext"},
	{"crypto/tls", "", "Dial"}, {"crypto/tls", "", "DialWithDialer"},
	{"crypto/tls", "Dialer", "Dial"}, {"crypto/tls", "Dialer", "DialContext"},
}

// callsNetDial reports whether the function literal calls a dial function
// of net or crypto/tls.
func (c *checker) callsNetDial(fl *ast.FuncLit) bool {
	found := false
	ast.Inspect(fl.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if found || !ok {
			return !found
		}
		fn := c.model.Callee(call)
		for _, d := range netDials {
			if httpmodel.IsFunc(fn, d[0], d[1], d[2]) {
				found = true
			}
		}
		return !found
	})
	return found
}

func (c *checker) diagnose(rep *report.Reporter, r root, u unit, f *flow) {
	var where, each string
	switch u.kind {
	case loopUnit:
		where, each = "in every iteration of a loop", "iteration"
	case handlerUnit:
		where, each = "for every request served by this handler", "request"
		if u.name != "" {
			where = "for every request served by handler " + u.name
		}
	default:
		where, each = "on every call of "+u.name, "call"
	}
	d := analysis.Diagnostic{Pos: r.expr.Pos(), End: r.expr.End(), Category: Category}
	if r.callee != nil {
		d.Message = fmt.Sprintf("%s builds a new http.Transport on every call; called %s and then discarded, it makes each %s pay new TCP and TLS handshakes (call it once at start-up and pass the result in)",
			c.funcName(r.callee), where, each)
		rep.Report(d)
		return
	}
	d.Message = fmt.Sprintf("http.Transport built %s and then discarded: its connection pool goes with it, so each %s pays new TCP and TLS handshakes", where, each)
	if fix, ok := c.hoist(r, f); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	} else {
		d.Message += " (build it once at start-up and pass it in)"
	}
	rep.Report(d)
}

func (c *checker) funcName(fn *types.Func) string {
	name := fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			name = n.Obj().Name() + "." + name
		}
	}
	if fn.Pkg() != nil && fn.Pkg() != c.pass.Pkg {
		name = fn.Pkg().Name() + "." + name
	}
	return name
}
