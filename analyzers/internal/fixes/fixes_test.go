package fixes_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
)

// check type-checks src and returns what the helpers need.
func check(t *testing.T, src string) (*token.FileSet, *ast.File, *types.Package, *types.Info) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{},
		Implicits: map[ast.Node]types.Object{}, Scopes: map[ast.Node]*types.Scope{},
		Types: map[ast.Expr]types.TypeAndValue{},
	}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	return fset, f, pkg, info
}

// apply applies edits to src.
func apply(fset *token.FileSet, src string, edits []analysis.TextEdit) string {
	out := src
	// Apply from the end so that offsets stay valid.
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		start, end := fset.Position(e.Pos).Offset, fset.Position(e.End).Offset
		out = out[:start] + string(e.NewText) + out[end:]
	}
	return out
}

// markerPos returns the position of the comment /*here*/ in f.
func markerPos(f *ast.File) token.Pos {
	for _, g := range f.Comments {
		for _, c := range g.List {
			if c.Text == "/*here*/" {
				return c.Pos()
			}
		}
	}
	return token.NoPos
}

func TestAddImport(t *testing.T) {
	tests := []struct {
		name, src, wantQual, wantContains string
	}{
		{"already imported", "package p\n\nimport \"time\"\n\nvar _ = time.Now\n\nfunc f() { /*here*/ }\n", "time.", ""},
		{"renamed import", "package p\n\nimport t0 \"time\"\n\nvar _ = t0.Now\n\nfunc f() { /*here*/ }\n", "t0.", ""},
		{"dot import", "package p\n\nimport . \"time\"\n\nvar _ = Now\n\nfunc f() { /*here*/ }\n", "", ""},
		{"missing, grouped", "package p\n\nimport (\n\t\"fmt\"\n)\n\nvar _ = fmt.Sprint\n\nfunc f() { /*here*/ }\n", "time.", "import (\n\t\"fmt\"\n\t\"time\"\n)"},
		{"missing, single", "package p\n\nimport \"fmt\"\n\nvar _ = fmt.Sprint\n\nfunc f() { /*here*/ }\n", "time.", "import \"fmt\"\nimport \"time\""},
		{"missing, no imports", "package p\n\nfunc f() { /*here*/ }\n", "time.", "package p\n\nimport \"time\""},
		{"shadowed by a local", "package p\n\nimport \"time\"\n\nvar _ = time.Now\n\nfunc f(time int) { /*here*/ }\n", "time2.", "time2 \"time\""},
		{"blank import", "package p\n\nimport _ \"time\"\n\nfunc f() { /*here*/ }\n", "time.", "import \"time\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fset, f, pkg, info := check(t, tt.src)
			qual, edits := fixes.AddImport(info, pkg, f, markerPos(f), "time", "time")
			if qual != tt.wantQual {
				t.Errorf("qualifier = %q, want %q", qual, tt.wantQual)
			}
			out := apply(fset, tt.src, edits)
			if tt.wantContains == "" && len(edits) != 0 {
				t.Errorf("unexpected edits: %s", out)
			}
			if !strings.Contains(out, tt.wantContains) {
				t.Errorf("result does not contain %q:\n%s", tt.wantContains, out)
			}
			if _, err := parser.ParseFile(token.NewFileSet(), "x.go", out, 0); err != nil {
				t.Errorf("result does not parse: %v\n%s", err, out)
			}
		})
	}
}

func TestFreshName(t *testing.T) {
	taken := map[string]bool{"client": true, "client2": true}
	if got := fixes.FreshName("client", func(s string) bool { return taken[s] }); got != "client3" {
		t.Errorf("FreshName = %q, want client3", got)
	}
	if got := fixes.FreshName("transport", func(s string) bool { return taken[s] }); got != "transport" {
		t.Errorf("FreshName = %q, want transport", got)
	}
}

func TestPackageNameTaken(t *testing.T) {
	src := "package p\n\nimport \"fmt\"\n\nvar global = fmt.Sprint\n\nfunc f() { local := 1; _ = local; /*here*/ }\n"
	_, f, pkg, info := check(t, src)
	taken := fixes.PackageNameTaken(pkg, info, []*ast.File{f}, markerPos(f))
	for name, want := range map[string]bool{"global": true, "fmt": true, "local": true, "f": true, "fresh": false, "int": true} {
		if got := taken(name); got != want {
			t.Errorf("taken(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestZeroValue(t *testing.T) {
	src := `package p

import "time"

type S struct{ A int }
type A [2]int
type N int
type B bool
type Str string
type I interface{ M() }

func g[T any]() (int, string, bool, *S, S, A, N, B, Str, I, error, []int, map[string]int, chan int, func(), time.Duration, time.Time, struct{ x int }, [3]string, T, any) {
	panic(0)
}
`
	_, _, pkg, _ := check(t, src)
	sig := pkg.Scope().Lookup("g").Type().(*types.Signature)
	want := []string{"0", `""`, "false", "nil", "S{}", "A{}", "N(0)", "false", `Str("")`, "nil", "nil", "nil", "nil", "nil", "nil",
		"time.Duration(0)", "time.Time{}", "struct{x int}{}", "[3]string{}", "*new(T)", "nil"}
	qual := types.RelativeTo(pkg)
	for i := 0; i < sig.Results().Len(); i++ {
		if got := fixes.ZeroValue(sig.Results().At(i).Type(), qual); got != want[i] {
			t.Errorf("ZeroValue(%s) = %s, want %s", sig.Results().At(i).Type(), got, want[i])
		}
	}
}
