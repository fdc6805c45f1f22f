package httpmodel

import (
	"go/ast"
	"go/types"
	"strings"
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
// (time.NewTicker, time.Tick, time.AfterFunc), no loop without init and
// post statements (for { ... }, for cond { ... }) that waits between rounds
// (time.Sleep, time.After, a timer, directly or in a function of the
// package it calls), and no empty select. Such a program is a command: it is run at a
// terminal or in a script step, does its work and exits, and whoever runs
// it sees a stalled request and interrupts it. What its own code cannot
// show (a server started by a library it calls) is not seen: the answer is
// about the package main's code alone.
func (m *Model) ShortLived() bool {
	m.program.once.Do(func() {
		m.program.yes = m.HTTP && m.r.pass.Pkg.Name() == "main" && len(m.handlers) == 0 && !m.runsLong()
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
			case strings.HasPrefix(name, "Listen"):
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
			// for { ... } or for cond { ... }: a loop that is not counting
			// and that waits between rounds is a poll.
			if n.Init == nil && n.Post == nil && m.waitsIn(n.Body, 1) {
				return true
			}
		}
	}
	return false
}

// waitsIn reports whether body waits for time to pass, outside function
// literals: time.Sleep, a receive from time.After or a timer, directly or
// in a function of the package it calls (down to depth more levels).
func (m *Model) waitsIn(body *ast.BlockStmt, depth int) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			fn := m.Callee(n)
			switch {
			case IsFunc(fn, "time", "", "Sleep"), IsFunc(fn, "time", "", "After"), IsFunc(fn, "time", "", "NewTimer"):
				found = true
			case depth > 0:
				if d := m.r.declOf(fn); d != nil && d.Body != nil {
					found = m.waitsIn(d.Body, depth-1)
				}
			}
		}
		return !found
	})
	return found
}

// hasServeHTTP reports whether t, or a pointer to it, has a method
// ServeHTTP: a value of it can be handed to a server as its handler.
func hasServeHTTP(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface:
	default:
		if _, isNamed := t.(*types.Named); isNamed {
			t = types.NewPointer(t)
		}
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "ServeHTTP")
	_, ok := obj.(*types.Func)
	return ok
}
