package timeout_test

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/suite"
	"github.com/httpvet/httpvet/analyzers/timeout"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestTimeout(t *testing.T) {
	analysistest.Run(t, testdata(t), timeout.Analyzer, "timeout/basic", "timeout/clients", "timeout/configured", "timeout/elsewhere", "timeout/oneshot")
}

func TestFixes(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), timeout.Analyzer,
		"timeout/fixclient", "timeout/fixnotime", "timeout/fixrenamed", "timeout/fixtransport")
	// A golden file is compared only when a fix touched its file: make sure
	// every diagnostic of these packages carries its fix.
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if len(d.SuggestedFixes) != 1 {
				// The second request through the same client shares the first one's fix.
				if strings.Contains(d.Message, "has no Timeout") && r.Pass.Pkg.Path() == "timeout/fixclient" {
					continue
				}
				t.Errorf("%s: diagnostic %q has %d fixes, want 1", r.Pass.Fset.Position(d.Pos), d.Message, len(d.SuggestedFixes))
			}
		}
	}
}

// TestFixSafety checks that the Timeout fix is withheld where it would
// change behaviour: bodies returned or streamed, a client handed to other
// code, a caller's context dropped (ctxprop's fix wins). The one request
// that reads its body into a buffer keeps its fix.
func TestFixSafety(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), timeout.Analyzer, "timeout/fixsafety")
	withFix := map[string]bool{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			fn := enclosingFunc(r.Pass.Files, d.Pos)
			if len(d.SuggestedFixes) > 0 {
				withFix[fn] = true
			}
		}
	}
	want := map[string]bool{"buffered": true}
	if fmt.Sprint(withFix) != fmt.Sprint(want) {
		t.Errorf("functions whose finding has a fix: %v, want %v", withFix, want)
	}
}

// enclosingFunc names the function declaration containing pos.
func enclosingFunc(files []*ast.File, pos token.Pos) string {
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= pos && pos < fd.End() {
				return fd.Name.Name
			}
		}
	}
	return ""
}

// TestFixLayouts checks where the fields land in every brace layout. The
// analysistest comparison formats both sides, which hides layout, so the
// edits are also applied as they are and compared with the golden files
// byte for byte. Every literal edit must run through the literal's closing
// brace: that is what makes it conflict with a fix replacing the literal.
func TestFixLayouts(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), timeout.Analyzer, "timeout/fixlayout")
	type edit struct {
		start, end int
		text       string
	}
	byFile := map[string]map[edit]bool{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if len(d.SuggestedFixes) != 1 {
				t.Errorf("%s: %q has %d fixes, want 1", r.Pass.Fset.PositionFor(d.Pos, false), d.Message, len(d.SuggestedFixes))
				continue
			}
			literalEdits := 0
			for _, e := range d.SuggestedFixes[0].TextEdits {
				tf := r.Pass.Fset.File(e.Pos)
				src, err := os.ReadFile(tf.Name())
				if err != nil {
					t.Fatal(err)
				}
				start, end := tf.Offset(e.Pos), tf.Offset(e.End)
				if end > start && (src[end-1] == '}' || src[end-1] == ')') {
					literalEdits++
				}
				if byFile[tf.Name()] == nil {
					byFile[tf.Name()] = map[edit]bool{}
				}
				byFile[tf.Name()][edit{start, end, string(e.NewText)}] = true
			}
			if literalEdits != 1 {
				t.Errorf("%s: %q: %d edits end at a closing brace, want the literal's edit to", r.Pass.Fset.PositionFor(d.Pos, false), d.Message, literalEdits)
			}
		}
	}
	if len(byFile) != 2 {
		t.Errorf("fixes touched %d files, want layout.go and linedirective.go", len(byFile))
	}
	for name, set := range byFile {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		edits := slices.Collect(maps.Keys(set))
		slices.SortFunc(edits, func(a, b edit) int { return cmp.Compare(b.start, a.start) })
		out := string(src)
		for i, e := range edits {
			if i > 0 && e.end > edits[i-1].start {
				t.Errorf("%s: edits overlap at offset %d", name, e.start)
			}
			out = out[:e.start] + e.text + out[e.end:]
		}
		want, err := os.ReadFile(name + ".golden")
		if err != nil {
			t.Fatal(err)
		}
		if out != string(want) {
			t.Errorf("%s: unformatted result differs from the golden file:\n%s", filepath.Base(name), out)
		}
	}
}

func TestDefaultTimeoutFlag(t *testing.T) {
	setFlag(t, timeout.Analyzer.Flags.Lookup("default-timeout").Value, "1.5s")
	analysistest.RunWithSuggestedFixes(t, testdata(t), timeout.Analyzer, "timeout/flagdur")
}

// TestDefaultTimeoutValidated checks that the flag refuses durations that
// would make the fix write a Timeout bounding nothing.
func TestDefaultTimeoutValidated(t *testing.T) {
	f := timeout.Analyzer.Flags.Lookup("default-timeout")
	for _, bad := range []string{"0", "0s", "-5s", "ten", ""} {
		err := f.Value.Set(bad)
		if err == nil {
			t.Errorf("-default-timeout=%q accepted, want an error", bad)
		} else if bad != "ten" && bad != "" && !strings.Contains(err.Error(), "must be a positive duration") {
			t.Errorf("-default-timeout=%q: error %q does not say what is wrong", bad, err)
		}
		if got := f.Value.String(); got != "30s" {
			t.Errorf("after -default-timeout=%q the value is %s, want it left at 30s", bad, got)
		}
	}
	setFlag(t, f.Value, "2m")
	if got := f.Value.String(); got != "2m0s" {
		t.Errorf("-default-timeout=2m: value %s", got)
	}
}

// TestReportTests checks the suite-wide switch: findings in _test.go files
// are hidden by default and shown with -report-tests.
func TestReportTests(t *testing.T) {
	// By default the finding in the test file is not reported, so the
	// testdata's want comment goes unmatched: that must be the only complaint.
	rec := &recorder{}
	analysistest.Run(rec, testdata(t), timeout.Analyzer, "timeout/intests")
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "no diagnostic was reported matching") {
		t.Errorf("without -report-tests: got %q, want exactly one unmatched want", rec.errors)
	}

	setFlag(t, suite.ReportTestsFlag().Value, "true")
	analysistest.Run(t, testdata(t), timeout.Analyzer, "timeout/intests")
}

// TestDirectiveWithoutReason checks that a directive without a reason is
// reported and silences nothing.
func TestDirectiveWithoutReason(t *testing.T) {
	rec := &recorder{}
	results := analysistest.Run(rec, testdata(t), timeout.Analyzer, "timeout/noreason")
	var got []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			got = append(got, fmt.Sprintf("%d %s", r.Pass.Fset.Position(d.Pos).Line, d.Category))
		}
	}
	want := []string{"6 directive", "7 no-timeout"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("diagnostics (line category) = %v, want %v", got, want)
	}
}

type flagValue interface {
	Set(string) error
	String() string
}

func setFlag(t *testing.T, v flagValue, value string) {
	old := v.String()
	if err := v.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Set(old) })
}

type recorder struct{ errors []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
