package clientreuse

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/facttable"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// Where fresh Transports come from: the roots (constructions and calls of
// factories), the package's factory functions, and the setup functions that
// run once per process.

// computeSetup finds the functions that run once per process: main, init,
// test functions, and unexported functions called only from them, outside
// loops and handlers.
func (c *checker) computeSetup() {
	for _, d := range c.decls {
		fn, ok := c.info.Defs[d.Name].(*types.Func)
		if !ok || d.Recv != nil {
			continue
		}
		name := d.Name.Name
		file := c.pass.Fset.File(d.Pos())
		inTest := file != nil && httpmodel.IsTestFile(file.Name())
		switch {
		case name == "init", name == "main" && c.pass.Pkg.Name() == "main":
			c.setup[fn] = true
		case inTest && (name == "TestMain" || strings.HasPrefix(name, "Test") || strings.HasPrefix(name, "Example") || strings.HasPrefix(name, "Fuzz")):
			c.setup[fn] = true
		}
	}
	facttable.Settle(0, func() bool {
		changed := false
		for _, d := range c.decls {
			fn, ok := c.info.Defs[d.Name].(*types.Func)
			if !ok || c.setup[fn] || (fn.Exported() && c.pass.Pkg.Name() != "main") {
				continue
			}
			refs := c.refs[fn]
			if len(refs) == 0 {
				continue
			}
			all := true
			for _, ref := range refs {
				if !c.calledFromSetup(ref) {
					all = false
					break
				}
			}
			if all {
				c.setup[fn] = true
				changed = true
			}
		}
		return changed
	})
}

// calledFromSetup reports whether the function reference ref is a call
// made once by a set-up function: not in a loop, not in a handler.
func (c *checker) calledFromSetup(ref inspector.Cursor) bool {
	cur := ref
	if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
		cur = cur.Parent()
	}
	if cur.ParentEdgeKind() != edge.CallExpr_Fun {
		return false // a function value: called who knows when
	}
	child := cur
	for p := cur.Parent(); p.Node() != nil; child, p = p, p.Parent() {
		switch n := p.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if k := child.ParentEdgeKind(); k == edge.ForStmt_Body || k == edge.RangeStmt_Body {
				return false
			}
		case *ast.FuncLit:
			if c.model.IsHandler(n) {
				return false
			}
		case *ast.FuncDecl:
			fn, ok := c.info.Defs[n.Name].(*types.Func)
			return ok && c.setup[fn]
		}
	}
	return false
}

// A root is an expression that makes a fresh Transport: a construction, or
// a call of a factory.
type root struct {
	cur    inspector.Cursor
	expr   ast.Expr
	callee *types.Func // the factory; nil for a construction
	result int         // the factory's result holding the Transport
	tuple  bool        // the factory returns several results
}

func (c *checker) roots() []root {
	var rs []root
	for _, cur := range c.constructions {
		e := cur.Node().(ast.Expr)
		if c.keepAlivesDisabled(e) {
			continue // pools no connection: nothing to lose by building it per call
		}
		rs = append(rs, root{cur: cur, expr: e})
	}
	for _, cur := range c.calls {
		call := cur.Node().(*ast.CallExpr)
		fn := c.calleeOf(call)
		if res, ok := c.factoryOf(fn); ok {
			rs = append(rs, root{cur: cur, expr: call, callee: fn, result: res, tuple: fn.Signature().Results().Len() > 1})
		}
	}
	slices.SortFunc(rs, func(a, b root) int { return int(a.expr.Pos() - b.expr.Pos()) })
	return rs
}

// factoryOf reports whether fn is known to build a fresh Transport per call, and in which result.
func (c *checker) factoryOf(fn *types.Func) (int, bool) {
	if fn == nil {
		return 0, false
	}
	if fn.Pkg() == c.pass.Pkg {
		res, ok := c.factories[fn]
		return res, ok
	}
	fact, seen := c.imported[fn]
	if !seen {
		fact = new(FactoryFact)
		if !c.pass.ImportObjectFact(fn, fact) {
			fact = nil
		}
		c.imported[fn] = fact
	}
	if fact == nil {
		return 0, false
	}
	return fact.Result, true
}

// computeFactories finds the package's functions that return a fresh
// Transport (or a value holding one) on every call, and exports their facts.
func (c *checker) computeFactories() {
	for round := 0; round < 10; round++ {
		changed := false
		rs := c.roots()
		for _, d := range c.decls {
			fn, ok := c.info.Defs[d.Name].(*types.Func)
			if !ok || d.Body == nil || fn.Signature().Results().Len() == 0 {
				continue
			}
			if _, done := c.factories[fn]; done {
				continue
			}
			if res, ok := c.factoryResult(d, rs); ok {
				c.factories[fn] = res
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for _, d := range c.decls {
		if fn, ok := c.info.Defs[d.Name].(*types.Func); ok {
			if res, ok := c.factories[fn]; ok {
				c.pass.ExportObjectFact(fn, &FactoryFact{Result: res})
			}
		}
	}
}

// factoryResult reports whether every return of d hands a fresh Transport
// (or a value holding one) to the caller, and in which result.
func (c *checker) factoryResult(d *ast.FuncDecl, rs []root) (int, bool) {
	u := unit{kind: funcUnit, body: d.Body, fn: d}
	fresh := make(map[*ast.ReturnStmt]int)
	for _, r := range rs {
		if !astq.Within(r.expr, d.Body) {
			continue
		}
		f := c.track(r, u)
		if f.escapes {
			continue
		}
		for ret, i := range f.returns {
			fresh[ret] = i
		}
	}
	if len(fresh) == 0 {
		return 0, false
	}
	k := -1
	for _, i := range fresh {
		if k >= 0 && i != k {
			return 0, false
		}
		k = i
	}
	n := 0
	if fn, ok := c.info.Defs[d.Name].(*types.Func); ok {
		n = fn.Signature().Results().Len()
	}
	for _, ret := range c.model.Returns(d) {
		if _, ok := fresh[ret]; ok {
			continue
		}
		if len(ret.Results) != n || k >= n || !astq.IsNil(c.info, ret.Results[k]) {
			return 0, false
		}
	}
	return k, true
}
