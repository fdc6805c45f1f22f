package report

import (
	"flag"
	"go/build"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// ReportTestsFlag names the suite-wide flag that turns on reporting in
// test files and test-support packages.
const ReportTestsFlag = "report-tests"

// flags holds the suite-wide reporting switches. They belong to no
// analyzer: each driver (the command, go vet, the golangci-lint plugin, the
// single-analyzer commands) exposes them under their plain names, through
// suite.ReportTestsFlag. They are only read while a package is analysed.
var (
	flags       flag.FlagSet
	reportTests bool
)

func init() {
	flags.BoolVar(&reportTests, ReportTestsFlag, false,
		"report findings in _test.go files too (they are analysed either way)")
}

// TestsFlag returns the -report-tests flag, for drivers to expose.
func TestsFlag() *flag.Flag { return flags.Lookup(ReportTestsFlag) }

// Policy is what decides, for one package, which findings are shown: the
// package's directives, its generated files, whether it is the standard
// library or serves tests, and the -report-tests switch. It is computed
// once per package, by the shared model's run (Scan), and read by every
// analyzer's Reporter.
type Policy struct {
	stdlib      bool
	testSupport bool
	reportTests bool
	directives  []*Directive
	generated   map[string]bool // by the name of the file on disk
}

// Scan computes the Policy of pass's package.
func Scan(pass *analysis.Pass) *Policy {
	p := &Policy{
		stdlib:      standardLibrary(pass),
		testSupport: servesTests(pass),
		reportTests: reportTests,
	}
	p.directives, p.generated = parseDirectives(pass)
	return p
}

// StandardLibrary reports whether the package is part of the standard
// library. Nothing is reported in it, and the model does not model it:
// net/http and the packages built on it implement the API the analyzers
// judge (http.Get is written in terms of DefaultClient), so their findings
// are noise, and modelling them (net/http is one of the largest packages a
// program depends on) would only cost time.
func (p *Policy) StandardLibrary() bool { return p.stdlib }

// IsGenerated reports whether filename (the name of a file on disk, as the
// type checker read it) is a generated file of the package
// ("// Code generated ... DO NOT EDIT.", unless it is a rewritten source
// file: see rewritesSource).
func (p *Policy) IsGenerated(filename string) bool { return p.generated[filename] }

// Directives returns the package's //httpvet:ignore directives.
func (p *Policy) Directives() []*Directive { return p.directives }

// muted reports whether nothing is shown in the package: the standard
// library, and, without -report-tests, packages that serve tests.
func (p *Policy) muted() bool { return p.stdlib || (!p.reportTests && p.testSupport) }

// showsTests reports whether findings in _test.go files are shown.
func (p *Policy) showsTests() bool { return p.reportTests }

// standardLibrary reports whether pass's package is in GOROOT, or is
// net/http or one of its subpackages wherever it was loaded from (a
// toolchain whose GOROOT is not the one this binary was built with).
func standardLibrary(pass *analysis.Pass) bool {
	if path := pass.Pkg.Path(); path == "net/http" || strings.HasPrefix(path, "net/http/") {
		return true
	}
	if len(pass.Files) == 0 {
		return false
	}
	root := filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
	return strings.HasPrefix(pass.Fset.File(pass.Files[0].FileStart).Name(), root)
}

// testSupportDirs are the path elements that, by the usual Go layout, hold
// code written to serve tests (fixtures, fakes, mock servers).
var testSupportDirs = map[string]bool{
	"testutil": true, "testutils": true, "testhelper": true, "testhelpers": true,
	"testing": true, "mock": true, "mocks": true, "fake": true, "fakes": true,
}

// servesTests reports whether pass's package is test code living outside
// _test.go files: one of its non-test files imports "testing" (helpers
// taking a *testing.T, mock servers started from a test), or its
// import path has a test-support element (internal/testutil, mocks). Like
// a test file, it calls http.Get on local servers on purpose; its findings
// are shown only with -report-tests. Importing net/http/httptest is not
// enough: production code records handlers' responses with it too.
func servesTests(pass *analysis.Pass) bool {
	for _, elem := range strings.Split(pass.Pkg.Path(), "/") {
		if testSupportDirs[elem] {
			return true
		}
	}
	for _, f := range pass.Files {
		if IsTestFile(pass.Fset.PositionFor(f.Pos(), false).Filename) {
			continue
		}
		for _, spec := range f.Imports {
			if p, err := strconv.Unquote(spec.Path.Value); err == nil && p == "testing" {
				return true
			}
		}
	}
	return false
}

// IsTestFile reports whether filename is a Go test file.
func IsTestFile(filename string) bool { return strings.HasSuffix(filename, "_test.go") }
