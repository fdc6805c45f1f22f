package report_test

import (
	"fmt"
	"go/ast"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/report"
	"github.com/httpvet/httpvet/analyzers/internal/testsupport"
)

// probe reports every call of a function named probe through the Reporter.
var probe = &analysis.Analyzer{
	Name:     "reportprobe",
	Doc:      "test analyzer for the report package",
	Requires: []*analysis.Analyzer{inspect.Analyzer, httpmodel.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		rep := report.New(pass, pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model))
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
			call := cur.Node().(*ast.CallExpr)
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "probe" {
				rep.Reportf(call.Pos(), "probe", "probe called")
			}
		}
		return nil, nil
	},
}

// TestSuppression covers the directive's forms: silenced on its line and
// the next, lists of analyzers, other analyzers' directives, distance,
// near-miss spellings, and generated files.
func TestSuppression(t *testing.T) {
	analysistest.Run(t, testsupport.Testdata(t), probe, "report/a")
}

// TestDirectiveWithoutReason: reported at the directive, and it silences nothing.
func TestDirectiveWithoutReason(t *testing.T) {
	rec := &testsupport.Recorder{}
	results := analysistest.Run(rec, testsupport.Testdata(t), probe, "report/noreason")
	var got []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			got = append(got, fmt.Sprintf("%d %s", r.Pass.Fset.Position(d.Pos).Line, d.Category))
		}
	}
	if want := "[10 directive 11 probe]"; fmt.Sprint(got) != want {
		t.Errorf("diagnostics = %v, want %s", got, want)
	}
}

// TestTestSupportPackages: packages that serve tests (importing testing or
// httptest outside _test.go files, or under a mocks or testutil directory)
// are test code; a name that merely ends in "test" is not.
func TestTestSupportPackages(t *testing.T) {
	analysistest.Run(t, testsupport.Testdata(t), probe, "report/mocks", "report/upstreamfake", "report/latest", "report/recorder")
}

// TestTestSupportReported: with -report-tests they are reported like tests.
func TestTestSupportReported(t *testing.T) {
	testsupport.SetFlag(t, report.TestsFlag(), "true")
	rec := &testsupport.Recorder{}
	results := analysistest.Run(rec, testsupport.Testdata(t), probe, "report/mocks", "report/upstreamfake")
	var got []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			got = append(got, fmt.Sprintf("%s %s", r.Pass.Pkg.Path(), filepath.Base(r.Pass.Fset.Position(d.Pos).String())))
		}
	}
	slices.Sort(got)
	want := []string{"report/mocks mocks.go:12:2", "report/upstreamfake fake.go:17:2", "report/upstreamfake helper.go:4:2"}
	if !slices.Equal(got, want) {
		t.Errorf("with -report-tests, findings %q, want %q", got, want)
	}
}

// fileProbe reports at the package clause of every file, through the Reporter.
var fileProbe = &analysis.Analyzer{
	Name:     "fileprobe",
	Doc:      "test analyzer reporting every file of a package",
	Requires: []*analysis.Analyzer{httpmodel.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		rep := report.New(pass, pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model))
		for _, f := range pass.Files {
			rep.Reportf(f.Package, "file", "file %s", f.Name.Name)
		}
		return nil, nil
	},
}

// TestStandardLibrary: nothing is shown in the standard library, net/http's
// own packages or others, while a package of the user's is reported.
func TestStandardLibrary(t *testing.T) {
	rec := &testsupport.Recorder{}
	results := analysistest.Run(rec, testsupport.Testdata(t), fileProbe, "net/http/httptest", "encoding/json", "report/latest")
	got := map[string]bool{}
	for _, r := range results {
		if len(r.Diagnostics) > 0 {
			got[r.Pass.Pkg.Path()] = true
		}
	}
	if got["net/http/httptest"] || got["encoding/json"] || !got["report/latest"] {
		t.Errorf("packages with findings: %v, want report/latest alone", got)
	}
}
