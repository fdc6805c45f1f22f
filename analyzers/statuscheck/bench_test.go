package statuscheck_test

import (
	"flag"
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/httpvet/httpvet/analyzers/statuscheck"
)

// genDir, when set, makes TestLargeFunction leave its generated module
// there, so that the built command can be timed on it as a whole process.
var genDir = flag.String("statuscheck.gendir", "", "write the generated large-function module to this directory")

// largeFunction returns the source of a package whose one function, Big,
// has about lines lines: blocks of requests that share their response and
// error variables, as generated or hand-unrolled code does, so that every
// variable has uses all over the function. The blocks cycle through a
// checked status, an unchecked body read (reported, with a fix), a
// discarded error (reported, with a fix) and a body copied into a buffer
// that is returned (reported).
func largeFunction(lines int) (src string, blocks int) {
	var b strings.Builder
	b.WriteString(`package big

import (
	"bytes"
	"errors"
	"io"
	"net/http"
)

func Big(c *http.Client, req *http.Request, url string) ([]byte, error) {
	var (
		resp *http.Response
		err  error
		data []byte
		out  []byte
		buf  bytes.Buffer
	)
`)
	n := 16
	for n < lines {
		var block string
		switch blocks % 4 {
		case 0:
			block = `	resp, err = c.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, errors.New(resp.Status)
	}
	data, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	out = append(out, data...)
`
		case 1:
			block = `	resp, err = http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err = io.ReadAll(resp.Body)
	out = append(out, data...)
`
		case 2:
			block = `	resp, _ = http.Get(url)
	if resp.StatusCode == http.StatusOK {
		out = append(out, 1)
	}
	resp.Body.Close()
`
		case 3:
			block = `	resp, err = http.Get(url)
	if err != nil {
		return nil, err
	}
	_, err = io.Copy(&buf, resp.Body)
	resp.Body.Close()
`
		}
		b.WriteString(block)
		n += strings.Count(block, "\n")
		blocks++
	}
	b.WriteString("\treturn append(out, buf.Bytes()...), nil\n}\n")
	return b.String(), blocks
}

// loadLarge writes the generated package as a module in a fresh directory
// (genDir when set) and loads it with syntax and types.
func loadLarge(tb testing.TB, lines int) (*packages.Package, int) {
	tb.Helper()
	dir := *genDir
	if dir == "" {
		dir = tb.TempDir()
	}
	src, blocks := largeFunction(lines)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module big\n\ngo 1.26\n"), 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "big.go"), []byte(src), 0o644); err != nil {
		tb.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes |
			packages.NeedTypesInfo | packages.NeedImports | packages.NeedDeps,
		Dir: dir,
	}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		tb.Fatal(err)
	}
	if len(pkgs) != 1 || len(pkgs[0].Errors) > 0 {
		tb.Fatalf("loading the generated package: %v", pkgs[0].Errors)
	}
	return pkgs[0], blocks
}

// analyze runs a and what it requires on pkg alone, the way a driver does,
// and returns a's diagnostics. Dependencies are not analysed (they are
// standard library, which the model skips), so no facts are imported.
func analyze(tb testing.TB, a *analysis.Analyzer, pkg *packages.Package) []analysis.Diagnostic {
	tb.Helper()
	results := make(map[*analysis.Analyzer]any)
	facts := make(map[types.Object][]analysis.Fact)
	var diags []analysis.Diagnostic
	var exec func(a *analysis.Analyzer)
	exec = func(a *analysis.Analyzer) {
		if _, done := results[a]; done {
			return
		}
		for _, r := range a.Requires {
			exec(r)
		}
		pass := &analysis.Pass{
			Analyzer:   a,
			Fset:       pkg.Fset,
			Files:      pkg.Syntax,
			Pkg:        pkg.Types,
			TypesInfo:  pkg.TypesInfo,
			TypesSizes: pkg.TypesSizes,
			ResultOf:   make(map[*analysis.Analyzer]any),
			ReadFile:   os.ReadFile,
			Report: func(d analysis.Diagnostic) {
				if a == statuscheck.Analyzer {
					diags = append(diags, d)
				}
			},
			ImportObjectFact: func(obj types.Object, f analysis.Fact) bool {
				for _, g := range facts[obj] {
					if reflect.TypeOf(g) == reflect.TypeOf(f) {
						reflect.ValueOf(f).Elem().Set(reflect.ValueOf(g).Elem())
						return true
					}
				}
				return false
			},
			ExportObjectFact:  func(obj types.Object, f analysis.Fact) { facts[obj] = append(facts[obj], f) },
			ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
			ExportPackageFact: func(analysis.Fact) {},
			AllObjectFacts:    func() []analysis.ObjectFact { return nil },
			AllPackageFacts:   func() []analysis.PackageFact { return nil },
		}
		for _, r := range a.Requires {
			pass.ResultOf[r] = results[r]
		}
		res, err := a.Run(pass)
		if err != nil {
			tb.Fatalf("%s: %v", a.Name, err)
		}
		results[a] = res
	}
	exec(a)
	return diags
}

// TestLargeFunction checks the findings on a generated 40k-line function,
// block by block, and that the run stays well inside a linear budget.
func TestLargeFunction(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and analyses a 40k-line function")
	}
	pkg, blocks := loadLarge(t, 40000)
	start := time.Now()
	diags := analyze(t, statuscheck.Analyzer, pkg)
	elapsed := time.Since(start)

	// Each reported block yields one finding with one fix, on its line.
	type key struct {
		line int
		cat  string
	}
	got := make(map[key]int)
	for _, d := range diags {
		got[key{pkg.Fset.PositionFor(d.Pos, false).Line, d.Category}] = len(d.SuggestedFixes)
	}
	// The generated lines say what each block expects: the unchecked reads
	// follow a deferred close (the checked ones follow the status guard).
	want := make(map[key]int)
	src, _ := largeFunction(40000)
	ls := strings.Split(src, "\n")
	for i, l := range ls {
		switch {
		case strings.Contains(l, "data, err = io.ReadAll") && strings.Contains(ls[i-1], "defer resp.Body.Close()"):
			want[key{i + 1, "unchecked-status"}] = 1
		case strings.Contains(l, "resp, _ = http.Get"):
			want[key{i + 1, "ignored-error"}] = 1
		case strings.Contains(l, "io.Copy(&buf"):
			want[key{i + 1, "unchecked-status"}] = 1
		}
	}
	for k, n := range want {
		if g, ok := got[k]; !ok {
			t.Errorf("line %d: no %s finding", k.line, k.cat)
		} else if g != n {
			t.Errorf("line %d: %s finding with %d fixes, want %d", k.line, k.cat, g, n)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("line %d: unexpected %s finding", k.line, k.cat)
		}
	}
	t.Logf("%d blocks, %d findings, analysed in %v", blocks, len(diags), elapsed)
}

// BenchmarkLargeFunction times the analyzer (with the model and inspector
// it requires) on a generated function of 10k, 20k and 40k lines: the time
// per line should stay flat.
func BenchmarkLargeFunction(b *testing.B) {
	for _, lines := range []int{10000, 20000, 40000} {
		b.Run(fmt.Sprintf("lines=%d", lines), func(b *testing.B) {
			pkg, _ := loadLarge(b, lines)
			b.ResetTimer()
			for b.Loop() {
				analyze(b, statuscheck.Analyzer, pkg)
			}
		})
	}
}
