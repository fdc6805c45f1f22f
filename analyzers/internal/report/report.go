// Package report is the one place where httpvet analyzers report
// diagnostics. It drops findings in generated files, in test files unless
// the suite-wide -report-tests flag is set, and on lines silenced by an
// //httpvet:ignore directive, so that every driver (the command, go vet, the
// golangci-lint plugin, gopls) suppresses the same way.
package report

import (
	"fmt"
	"go/token"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// DirectiveCategory is the category of the diagnostic about a directive
// without a reason.
const DirectiveCategory = "directive"

// Reporter reports one analyzer's diagnostics for one package.
type Reporter struct {
	pass    *analysis.Pass
	model   *httpmodel.Model
	silence map[lineKey]bool
	mute    bool // nothing is reported in this package
}

type lineKey struct {
	file string
	line int
}

// implementsHTTP reports whether pkg is net/http or one of its
// subpackages: they implement the API the analyzers judge (http.Get is
// written in terms of DefaultClient), so their findings are noise.
func implementsHTTP(path string) bool {
	return path == "net/http" || strings.HasPrefix(path, "net/http/")
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
		if httpmodel.IsTestFile(pass.Fset.PositionFor(f.Pos(), false).Filename) {
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

// New returns a Reporter for pass. It reports, once, every directive that
// names this analyzer without giving a reason: a suppression must say why,
// and a directive without one silences nothing.
func New(pass *analysis.Pass, model *httpmodel.Model) *Reporter {
	r := &Reporter{pass: pass, model: model, silence: make(map[lineKey]bool)}
	r.mute = implementsHTTP(pass.Pkg.Path()) || (!model.ReportTests && servesTests(pass))
	name := pass.Analyzer.Name
	for _, d := range model.Directives {
		if !d.Names(name) {
			continue
		}
		if d.Reason == "" {
			if r.visible(d.Pos) {
				pass.Report(analysis.Diagnostic{
					Pos:      d.Pos,
					Category: DirectiveCategory,
					Message:  fmt.Sprintf("httpvet:ignore directive for %s gives no reason: say why the finding does not apply, or it silences nothing", name),
				})
			}
			continue
		}
		r.silence[lineKey{d.File, d.Line}] = true
		r.silence[lineKey{d.File, d.Line + 1}] = true
	}
	return r
}

// visible reports whether findings at pos are shown at all. Whether a file
// is generated or a test is a property of the file on disk, the one the
// type checker read, not of the file a //line directive names.
func (r *Reporter) visible(pos token.Pos) bool {
	if r.mute {
		return false
	}
	filename := r.pass.Fset.PositionFor(pos, false).Filename
	if r.model.IsGenerated(filename) {
		return false
	}
	return r.model.ReportTests || !httpmodel.IsTestFile(filename)
}

// Silenced reports whether a diagnostic at pos would be dropped. A
// directive is matched by the position diagnostics are shown at (after
// //line directives), as the directive itself is: a user writes it beside
// the line they see reported, which for cgo is the original file's line.
func (r *Reporter) Silenced(pos token.Pos) bool {
	if !r.visible(pos) {
		return true
	}
	p := r.pass.Fset.Position(pos)
	return r.silence[lineKey{p.Filename, p.Line}]
}

// Report reports d unless it is silenced. Its fixes are dropped when one
// of their edits falls where the file on disk is not the file shown (see
// fixes.Editable): the finding stands, but no edit would reach the code.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if r.Silenced(d.Pos) {
		return
	}
	if !editable(r.pass.Fset, d.SuggestedFixes) {
		d.SuggestedFixes = nil
	}
	r.pass.Report(d)
}

// editable reports whether every edit of sfs lands in the file shown.
func editable(fset *token.FileSet, sfs []analysis.SuggestedFix) bool {
	for _, sf := range sfs {
		for _, e := range sf.TextEdits {
			if !fixes.Editable(fset, e.Pos) || !fixes.Editable(fset, e.End) {
				return false
			}
		}
	}
	return true
}

// Reportf reports a diagnostic without fixes at pos.
func (r *Reporter) Reportf(pos token.Pos, category, format string, args ...any) {
	r.Report(analysis.Diagnostic{Pos: pos, Category: category, Message: fmt.Sprintf(format, args...)})
}
