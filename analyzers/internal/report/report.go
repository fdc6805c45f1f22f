// Package report is the one place that decides which httpvet findings are
// shown, and through which every analyzer reports them. It drops findings
// in the standard library, in generated files, in test files and
// test-support packages unless the suite-wide -report-tests flag is set,
// and on lines silenced by an //httpvet:ignore directive, so that every
// driver (the command, go vet, the golangci-lint plugin, gopls) suppresses
// the same way. It parses the directives and recognises generated files
// itself (Scan); the shared model only carries the result, computed once
// per package, to the analyzers.
package report

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
)

// DirectiveCategory is the category of the diagnostic about a directive
// without a reason.
const DirectiveCategory = "directive"

// Reporter reports one analyzer's diagnostics for one package.
type Reporter struct {
	pass    *analysis.Pass
	policy  *Policy
	silence map[lineKey]bool
}

type lineKey struct {
	file string
	line int
}

// PolicySource gives the Policy of the package being analysed; the shared
// model (*httpmodel.Model), which computes it once per package, is one.
type PolicySource interface {
	Policy() *Policy
}

// New returns a Reporter for pass. It reports, once, every directive that
// names this analyzer without giving a reason: a suppression must say why,
// and a directive without one silences nothing.
func New(pass *analysis.Pass, src PolicySource) *Reporter {
	r := &Reporter{pass: pass, policy: src.Policy(), silence: make(map[lineKey]bool)}
	name := pass.Analyzer.Name
	for _, d := range r.policy.Directives() {
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
	if r.policy.muted() {
		return false
	}
	filename := r.pass.Fset.PositionFor(pos, false).Filename
	if r.policy.IsGenerated(filename) {
		return false
	}
	return r.policy.showsTests() || !IsTestFile(filename)
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
