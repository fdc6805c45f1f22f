package httpmodel

import (
	"go/ast"
	"go/types"
	"sync"
)

// shortLived caches Model.ShortLived.
type shortLived struct {
	once sync.Once
	yes  bool
}

// ShortLived reports whether the package is a program that shows no sign
// of running long: package main with no handler-shaped function, no value
// of a type that serves HTTP (a ServeHTTP method: a mux, a router, a
// framework's engine), no call of a function or method named Serve,
// ServeTLS, ListenAndServe, ListenAndServeTLS or Listen*, no ticker
// (time.NewTicker, time.Tick, time.AfterFunc), no endless for loop that
// sleeps and no empty select. Such a program is a command: it is run at a
// terminal or in a script step, does its work and exits, and whoever runs
// it sees a stalled request and interrupts it. What its own code cannot
// show (a server started by a library it calls) is not seen: the answer is
// about the package main's code alone.
func (m *Model) ShortLived() bool {
	m.program.once.Do(func() {
		m.program.yes = m.r.pass.Pkg.Name() == "main" && len(m.handlers) == 0 && !m.runsLong()
	})
	return m.program.yes
}

// runsLong reports whether the package's code shows a sign of a
// long-running program (see ShortLived).
func (m *Model) runsLong() bool {
	servesType := make(map[types.Type]bool)
	serves := func(t types.Type) bool {
		if t == nil {
			return false
		}
		if v, ok := servesType[t]; ok {
			return v
		}
		v := hasServeHTTP(t)
		servesType[t] = v
		return v
	}
	for id, obj := range m.info.Defs {
		if v, ok := obj.(*types.Var); ok && id.Name != "_" && serves(v.Type()) {
			return true
		}
	}
	for _, obj := range m.info.Uses {
		switch obj := obj.(type) {
		case *types.Func:
			switch name := obj.Name(); {
			case name == "Serve" || name == "ServeTLS" || name == "ListenAndServe" || name == "ListenAndServeTLS":
				return true
			case len(name) >= 6 && name[:6] == "Listen":
				return true
			case obj.Pkg() != nil && obj.Pkg().Path() == "time" && (name == "NewTicker" || name == "Tick" || name == "AfterFunc"):
				return true
			}
		case *types.Var:
			if serves(obj.Type()) {
				return true
			}
		}
	}
	for cur := range m.insp.Root().Preorder((*ast.ForStmt)(nil), (*ast.SelectStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.SelectStmt:
			if len(n.Body.List) == 0 {
				return true // select {}: waits forever
			}
		case *ast.ForStmt:
			if n.Cond == nil && m.sleepsIn(n.Body) {
				return true
			}
		}
	}
	return false
}

// sleepsIn reports whether body calls time.Sleep outside function literals.
func (m *Model) sleepsIn(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if IsFunc(m.Callee(n), "time", "", "Sleep") {
				found = true
			}
		}
		return !found
	})
	return found
}

// hasServeHTTP reports whether t, or a pointer to it, has a method
// ServeHTTP: a value of it can be handed to a server as its handler.
func hasServeHTTP(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Pointer); !ok {
		if _, isNamed := t.(*types.Named); isNamed {
			t = types.NewPointer(t)
		}
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "ServeHTTP")
	_, ok := obj.(*types.Func)
	return ok
}
