package suite_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/suite"
)

// FuzzSuite feeds mutated sources through the parser, the type checker and
// every analyzer of the suite: nothing that type-checks may make one panic.
// The seeds are the analyzers' testdata. CI runs the seeds; explore with
//
//	go test ./analyzers/suite -run '^$' -fuzz FuzzSuite -fuzztime 2m
func FuzzSuite(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "src", "*", "*", "*.go"))
	for _, name := range seeds {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	imp := stdImporter()
	f.Fuzz(func(t *testing.T, src []byte) { analyse(t, imp, src) })
}

// TestFuzzSeedsReachAnalyzers keeps the fuzz harness honest: most seeds
// must type-check and reach the analyzers, or fuzzing explores nothing.
func TestFuzzSeedsReachAnalyzers(t *testing.T) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "src", "*", "*", "*.go"))
	imp := stdImporter()
	analysed := 0
	for _, name := range seeds {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if analyse(t, imp, src) {
			analysed++
		}
	}
	if len(seeds) < 40 || analysed*3 < len(seeds)*2 {
		t.Errorf("%d of %d seeds reach the analyzers, want at least two thirds of 40 or more", analysed, len(seeds))
	}
}

// analyse parses and type-checks src as one file and runs the suite on it;
// it reports whether the analyzers ran.
func analyse(t *testing.T, imp types.Importer, src []byte) bool {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "fuzz.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return false
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Implicits: map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{}, Scopes: map[ast.Node]*types.Scope{},
		Instances: map[*ast.Ident]types.Instance{}, FileVersions: map[*ast.File]string{},
	}
	conf := types.Config{Importer: imp, Error: func(error) {}}
	pkg, err := conf.Check(file.Name.Name, fset, []*ast.File{file}, info)
	if err != nil {
		return false // no analyzer runs on code that does not type-check
	}
	runAll(t, fset, file, pkg, info, src)
	return true
}

// stdImporter returns one importer for every fuzz iteration, guarded
// because the fuzzer may call it from several goroutines.
func stdImporter() types.Importer {
	var mu sync.Mutex
	gc := importer.Default()
	return importerFunc(func(path string) (*types.Package, error) {
		mu.Lock()
		defer mu.Unlock()
		return gc.Import(path)
	})
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// diagnostic is one finding of runAll, with the analyzer that reported it.
type diagnostic struct {
	analyzer string
	analysis.Diagnostic
}

// runAll runs the suite and its requirements on one type-checked file, the
// way a driver would, without facts from dependencies, and returns the
// suite's diagnostics.
func runAll(t *testing.T, fset *token.FileSet, file *ast.File, pkg *types.Package, info *types.Info, src []byte) []diagnostic {
	var diags []diagnostic
	results := map[*analysis.Analyzer]any{}
	facts := map[types.Object][]analysis.Fact{}
	var run func(a *analysis.Analyzer)
	run = func(a *analysis.Analyzer) {
		if _, done := results[a]; done {
			return
		}
		for _, req := range a.Requires {
			run(req)
		}
		pass := &analysis.Pass{
			Analyzer: a, Fset: fset, Files: []*ast.File{file}, Pkg: pkg, TypesInfo: info,
			TypesSizes: types.SizesFor("gc", "amd64"), ResultOf: results,
			Report:   func(d analysis.Diagnostic) { diags = append(diags, diagnostic{a.Name, d}) },
			ReadFile: func(string) ([]byte, error) { return src, nil },
			ImportObjectFact: func(obj types.Object, fact analysis.Fact) bool {
				for _, f := range facts[obj] {
					if reflect.TypeOf(f) == reflect.TypeOf(fact) {
						reflect.ValueOf(fact).Elem().Set(reflect.ValueOf(f).Elem())
						return true
					}
				}
				return false
			},
			ExportObjectFact:  func(obj types.Object, fact analysis.Fact) { facts[obj] = append(facts[obj], fact) },
			ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
			ExportPackageFact: func(analysis.Fact) {},
			AllObjectFacts:    func() []analysis.ObjectFact { return nil },
			AllPackageFacts:   func() []analysis.PackageFact { return nil },
		}
		res, err := a.Run(pass)
		if err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
		results[a] = res
	}
	for _, a := range suite.All() {
		run(a)
	}
	return diags
}
