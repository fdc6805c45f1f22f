// Package astq answers the small questions about syntax trees and their
// types that several analyzers ask: is this nil, is that _, which variable
// does an identifier name, does a call return. Each is answered once here,
// so that the analyzers agree.
package astq

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// Within reports whether n lies inside outer (or is outer).
func Within(n, outer ast.Node) bool {
	return outer.Pos() <= n.Pos() && n.End() <= outer.End()
}

// IsNil reports whether e is the predeclared nil.
func IsNil(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

// IsBlank reports whether e is the blank identifier _.
func IsBlank(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "_"
}

// VarOf returns the variable an identifier defines or refers to (the left
// side of an assignment, say); nil for _ and for other expressions.
func VarOf(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	if v, ok := info.Defs[id].(*types.Var); ok {
		return v
	}
	v, _ := info.Uses[id].(*types.Var)
	return v
}

// InStmtList reports whether cur is a statement of a block or of a case or
// select clause's body: one that statements can be inserted before or after.
func InStmtList(cur inspector.Cursor) bool {
	switch cur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
		return true
	}
	return false
}

// FuncBody returns the body of a function declaration or literal; nil for
// other nodes and for declarations without a body.
func FuncBody(fn ast.Node) *ast.BlockStmt {
	switch f := fn.(type) {
	case *ast.FuncDecl:
		return f.Body
	case *ast.FuncLit:
		return f.Body
	}
	return nil
}

// NoReturn reports whether call never returns to its caller: panic,
// os.Exit, runtime.Goexit, log.Fatal* and log.Panic*, the methods of
// testing that end a test (t.Fatal, t.FailNow, t.Skip*), and any logger's
// Fatal* and Panic* methods, which exit or panic by convention. callee is
// the call's callee, or nil (a builtin, a function value).
func NoReturn(info *types.Info, call *ast.CallExpr, callee *types.Func) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
			return true
		}
	}
	if callee == nil || callee.Pkg() == nil {
		return false
	}
	name := callee.Name()
	if callee.Signature().Recv() == nil {
		switch callee.Pkg().Path() {
		case "os":
			return name == "Exit"
		case "runtime":
			return name == "Goexit"
		case "log":
			return strings.HasPrefix(name, "Fatal") || strings.HasPrefix(name, "Panic")
		}
		return false
	}
	switch name {
	case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
		return true // a test's Fatal, or a logger's, which exits or panics
	case "FailNow", "Skip", "Skipf", "SkipNow":
		return callee.Pkg().Path() == "testing" // a test's; elsewhere these names mean other things
	}
	return false
}

// FuncName names fn the way Go code calls it, for messages: http.Get,
// (*http.Client).Do, json.Unmarshal.
func FuncName(fn *types.Func) string {
	qual := func(p *types.Package) string { return p.Name() }
	recv := fn.Signature().Recv()
	if recv == nil {
		if fn.Pkg() == nil {
			return fn.Name()
		}
		return fn.Pkg().Name() + "." + fn.Name()
	}
	t := recv.Type()
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return "(*" + types.TypeString(p.Elem(), qual) + ")." + fn.Name()
	}
	return types.TypeString(t, qual) + "." + fn.Name()
}
