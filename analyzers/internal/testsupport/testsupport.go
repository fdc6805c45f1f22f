// Package testsupport is the scaffolding the analyzers' tests share: where
// the suite's testdata is, setting a flag for one test, and running an
// analyzer's suggested fixes while asserting, finding by finding, which fix
// each finding carries.
package testsupport

import (
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// Testdata returns the suite's testdata directory (the module's testdata,
// holding src/ for the GOPATH-mode loader), as an absolute path. It is
// found from the test's working directory, a package directory of the
// module, by going up to the directory holding go.mod.
func Testdata(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "testdata")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testsupport: no go.mod above the test's directory")
		}
		dir = parent
	}
}

// SetFlag sets f (an analyzer's flag, or the suite-wide -report-tests) to
// value for the rest of the test, and restores its value when the test
// ends. A nil f, or a value the flag refuses, fails the test.
func SetFlag(t testing.TB, f *flag.Flag, value string) {
	t.Helper()
	if f == nil {
		t.Fatal("testsupport.SetFlag: no such flag")
	}
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatalf("-%s=%s: %v", f.Name, value, err)
	}
	t.Cleanup(func() {
		if err := f.Value.Set(old); err != nil {
			t.Errorf("restoring -%s=%s: %v", f.Name, old, err)
		}
	})
}

// Finding is one diagnostic of a fix test, with the message of its fix.
type Finding struct {
	Pkg      string // the package's path
	File     string // the base name of the file on disk
	Line     int    // the line on disk
	Column   int
	Func     string // the top-level function or method holding it; "" outside one
	Category string
	Message  string
	Fix      string // the message of its fix; "" when it has none
}

// RunWithFixes runs a over pkgs of dir with
// analysistest.RunWithSuggestedFixes, which checks the // want comments and
// compares the fixed files with their golden files, and returns the
// findings. A golden file is compared only when a fix touched its file,
// so a fix that silently disappears would pass unnoticed: assert the fixes
// with ExpectFixes. A finding with more than one fix, or a fix without
// edits, fails the test.
func RunWithFixes(t *testing.T, dir string, a *analysis.Analyzer, pkgs ...string) []Finding {
	t.Helper()
	var out []Finding
	for _, r := range analysistest.RunWithSuggestedFixes(t, dir, a, pkgs...) {
		for _, d := range r.Diagnostics {
			pos := r.Pass.Fset.PositionFor(d.Pos, false)
			f := Finding{
				Pkg:      r.Pass.Pkg.Path(),
				File:     filepath.Base(pos.Filename),
				Line:     pos.Line,
				Column:   pos.Column,
				Func:     enclosingFunc(r.Pass.Files, d.Pos),
				Category: d.Category,
				Message:  d.Message,
			}
			switch len(d.SuggestedFixes) {
			case 0:
			case 1:
				f.Fix = d.SuggestedFixes[0].Message
				if len(d.SuggestedFixes[0].TextEdits) == 0 {
					t.Errorf("%s: fix %q has no edits", pos, f.Fix)
				}
			default:
				t.Errorf("%s: %q has %d fixes, want at most 1", pos, d.Message, len(d.SuggestedFixes))
			}
			out = append(out, f)
		}
	}
	return out
}

// enclosingFunc names the top-level function declaration holding pos.
func enclosingFunc(files []*ast.File, pos token.Pos) string {
	for _, f := range files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= pos && pos < fd.End() {
					return fd.Name.Name
				}
			}
		}
	}
	return ""
}

// Errorer is the part of *testing.T that ExpectFixes reports through.
type Errorer interface {
	Helper()
	Errorf(format string, args ...any)
}

// ByLine names a finding by its file and line: "fix.go:14".
func ByLine(f Finding) string { return f.File + ":" + strconv.Itoa(f.Line) }

// ByFunc names a finding by its category and the function holding it:
// "unchecked-status fixerror.namedResults" (the package's last path
// element, then the function).
func ByFunc(f Finding) string { return f.Category + " " + filepath.Base(f.Pkg) + "." + f.Func }

// ExpectFixes asserts which fix each finding carries. want maps a
// finding's name (given by name: ByLine, ByFunc or the test's own) to the
// message of its fix, "" for a finding without one. Every finding must be
// expected, every expected finding must be there, and no two findings may
// share a name (the names would hide one of them).
func ExpectFixes(t Errorer, findings []Finding, name func(Finding) string, want map[string]string) {
	t.Helper()
	got := make(map[string]string)
	for _, f := range findings {
		n := name(f)
		if _, dup := got[n]; dup {
			t.Errorf("two findings named %q: name them more finely", n)
		}
		got[n] = f.Fix
		w, ok := want[n]
		switch {
		case !ok:
			t.Errorf("%s: unexpected finding %q (fix %q)", n, f.Message, f.Fix)
		case f.Fix != w && w == "":
			t.Errorf("%s: fix %q offered, want none", n, f.Fix)
		case f.Fix != w:
			t.Errorf("%s: fix %q, want %q", n, f.Fix, w)
		}
	}
	var missing []string
	for n := range want {
		if _, ok := got[n]; !ok {
			missing = append(missing, n)
		}
	}
	slices.Sort(missing)
	for _, n := range missing {
		t.Errorf("%s: no finding", n)
	}
}

// Recorder collects the errors an analysistest run (or ExpectFixes)
// reports instead of failing the test, for tests that expect some: a
// package whose // want comments are not all met on purpose, or whose
// diagnostics the test inspects itself.
type Recorder struct{ Errors []string }

// Errorf records an error.
func (r *Recorder) Errorf(format string, args ...any) {
	r.Errors = append(r.Errors, fmt.Sprintf(format, args...))
}

// Helper does nothing: a Recorder reports no lines.
func (r *Recorder) Helper() {}

// ExpectCategory asserts that every finding has the category category:
// for an analyzer with one.
func ExpectCategory(t Errorer, findings []Finding, category string) {
	t.Helper()
	for _, f := range findings {
		if f.Category != category {
			t.Errorf("%s: category %q, want %q", ByLine(f), f.Category, category)
		}
	}
}
