package astq_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

const src = `package p

import (
	"log"
	"os"
	"runtime"
	"testing"
)

type logger struct{}

func (logger) Fatalf(string, ...any) {}
func (logger) Skip()                 {}

type parser struct{}

func (parser) Skip() {}

func f(t *testing.T, tb testing.TB, l logger, p parser, fn func()) {
	panic("x")
	os.Exit(1)
	runtime.Goexit()
	log.Fatalf("x")
	log.Panicln("x")
	t.Fatal("x")
	tb.FailNow()
	t.Skipf("x")
	l.Fatalf("x")
	p.Skip()
	l.Skip()
	log.Printf("x")
	fn()
	os.Getenv("X")
}
`

// TestNoReturn checks each call of f in order against whether it returns.
func TestNoReturn(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{file}, info); err != nil {
		t.Fatal(err)
	}
	want := []bool{
		true,  // panic
		true,  // os.Exit
		true,  // runtime.Goexit
		true,  // log.Fatalf
		true,  // log.Panicln
		true,  // t.Fatal
		true,  // tb.FailNow
		true,  // t.Skipf
		true,  // a logger's Fatalf
		false, // a parser's Skip: only testing's Skip ends anything
		false, // a logger's Skip
		false, // log.Printf
		false, // a function value
		false, // os.Getenv
	}
	body := file.Decls[len(file.Decls)-1].(*ast.FuncDecl).Body
	if len(body.List) != len(want) {
		t.Fatalf("f has %d statements, the table %d", len(body.List), len(want))
	}
	for i, st := range body.List {
		call := st.(*ast.ExprStmt).X.(*ast.CallExpr)
		var callee *types.Func
		switch fun := call.Fun.(type) {
		case *ast.SelectorExpr:
			callee, _ = info.Uses[fun.Sel].(*types.Func)
		case *ast.Ident:
			callee, _ = info.Uses[fun].(*types.Func)
		}
		if i == 1 && (callee == nil || astq.FuncName(callee) != "os.Exit") {
			t.Errorf("FuncName of statement 2's callee = %v, want os.Exit", callee)
		}
		if i == 8 && (callee == nil || astq.FuncName(callee) != "p.logger.Fatalf") {
			t.Errorf("FuncName of a value method = %q, want p.logger.Fatalf", astq.FuncName(callee))
		}
		if got := astq.NoReturn(info, call, callee); got != want[i] {
			t.Errorf("statement %d (%s): NoReturn = %v, want %v", i+1, types.ExprString(call), got, want[i])
		}
	}
}

func TestVarOfAndIsNil(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "q.go", "package q\nfunc g() { var x *int; _, y := x, 1; x = nil; _ = y }\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}}
	if _, err := (&types.Config{}).Check("q", fset, []*ast.File{file}, info); err != nil {
		t.Fatal(err)
	}
	body := file.Decls[0].(*ast.FuncDecl).Body
	def := body.List[1].(*ast.AssignStmt)
	if v := astq.VarOf(info, def.Lhs[0]); v != nil {
		t.Errorf("VarOf(_) = %v, want nil", v)
	}
	if v := astq.VarOf(info, def.Lhs[1]); v == nil || v.Name() != "y" {
		t.Errorf("VarOf(y) = %v, want y", v)
	}
	set := body.List[2].(*ast.AssignStmt)
	if v := astq.VarOf(info, set.Lhs[0]); v == nil || v.Name() != "x" {
		t.Errorf("VarOf(x) in x = nil: %v, want x", v)
	}
	if !astq.IsNil(info, set.Rhs[0]) || astq.IsNil(info, def.Rhs[0]) {
		t.Errorf("IsNil: want nil true and x false")
	}
	if !astq.IsBlank(def.Lhs[0]) || astq.IsBlank(def.Lhs[1]) {
		t.Errorf("IsBlank: want _ true and y false")
	}
}
