package timeout_test

import (
	"cmp"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/internal/testsupport"
	"github.com/httpvet/httpvet/analyzers/suite"
	"github.com/httpvet/httpvet/analyzers/timeout"
)

func TestTimeout(t *testing.T) {
	analysistest.Run(t, testsupport.Testdata(t), timeout.Analyzer, "timeout/basic", "timeout/clients", "timeout/configured", "timeout/elsewhere", "timeout/oneshot",
		"timeout/command", "timeout/commandserves", "timeout/commandticker", "timeout/commandrouter", "timeout/commandpoll")
}

// TestCommands checks -timeout.commands: a command-line program's requests
// are reported too, in main's helpers, loops and goroutines (main's own
// once-only request stays silent, as in any program).
func TestCommands(t *testing.T) {
	testsupport.SetFlag(t, timeout.Analyzer.Flags.Lookup("commands"), "true")
	dir := t.TempDir()
	src := filepath.Join(dir, "src", "strictcommand")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(testsupport.Testdata(t), "src", "timeout", "command", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	// The same program, with the findings the flag brings marked.
	marked := string(data)
	for _, m := range []struct{ line, want string }{
		{"resp, err := http.DefaultClient.Get(u)", "`http.DefaultClient has no timeout`"},
		{"if resp, err := http.Head(os.Args[1]); err == nil {", "`http.Head has no timeout`"},
	} {
		if !strings.Contains(marked, m.line) {
			t.Fatalf("timeout/command/main.go no longer has %q", m.line)
		}
		marked = strings.Replace(marked, m.line, m.line+" // want "+m.want, 1)
	}
	if err := os.WriteFile(filepath.Join(src, "main.go"), []byte(marked), 0o644); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, timeout.Analyzer, "strictcommand")
}

func TestFixes(t *testing.T) {
	findings := testsupport.RunWithFixes(t, testsupport.Testdata(t), timeout.Analyzer,
		"timeout/fixclient", "timeout/fixnotime", "timeout/fixrenamed", "timeout/fixtransport")
	// A golden file is compared only when a fix touched its file: assert
	// which findings carry which fix.
	const addTimeout, addDialTimeouts = "Add a Timeout to the client", "Add dial and TLS handshake timeouts"
	testsupport.ExpectFixes(t, findings, testsupport.ByLine, map[string]string{
		"fixclient.go:17":    addTimeout,
		"fixclient.go:26":    "", // the second request through the same client shares the first one's fix
		"fixclient.go:37":    addTimeout,
		"fixclient.go:43":    addTimeout,
		"fixnotime.go:7":     addTimeout,
		"fixrenamed.go:12":   addTimeout,
		"fixrenamed.go:17":   addDialTimeouts,
		"fixrenamed.go:20":   addTimeout,
		"fixtransport.go:8":  addDialTimeouts,
		"fixtransport.go:9":  addTimeout,
		"fixtransport.go:13": addDialTimeouts,
		"fixtransport.go:14": addTimeout,
		"fixtransport.go:21": addDialTimeouts,
		"fixtransport.go:22": addTimeout,
	})
}

// TestFixSafety checks that the Timeout fix is withheld where it would
// change behaviour: bodies returned or streamed, a client handed to other
// code, a caller's context dropped (ctxprop's fix wins). The one request
// that reads its body into a buffer keeps its fix.
func TestFixSafety(t *testing.T) {
	findings := testsupport.RunWithFixes(t, testsupport.Testdata(t), timeout.Analyzer, "timeout/fixsafety")
	testsupport.ExpectFixes(t, findings, testsupport.ByFunc, map[string]string{
		"no-timeout fixsafety.open":         "",
		"no-timeout fixsafety.get":          "",
		"no-timeout fixsafety.download":     "",
		"no-timeout fixsafety.small":        "",
		"no-timeout fixsafety.stream":       "",
		"no-timeout fixsafety.dropsContext": "",
		"no-timeout fixsafety.buffered":     "Add a Timeout to the client",
	})
}

// TestFixLayouts checks where the fields land in every brace layout. The
// analysistest comparison formats both sides, which hides layout, so the
// edits are also applied as they are and compared with the golden files
// byte for byte. Every literal edit must run through the literal's closing
// brace: that is what makes it conflict with a fix replacing the literal.
func TestFixLayouts(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testsupport.Testdata(t), timeout.Analyzer, "timeout/fixlayout")
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
	var touched []string
	for name := range byFile {
		touched = append(touched, filepath.Base(name))
	}
	slices.Sort(touched)
	if want := []string{"layout.go", "linedirective.go"}; !slices.Equal(touched, want) {
		t.Errorf("fixes touched %v, want %v", touched, want)
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
	testsupport.SetFlag(t, timeout.Analyzer.Flags.Lookup("default-timeout"), "1.5s")
	findings := testsupport.RunWithFixes(t, testsupport.Testdata(t), timeout.Analyzer, "timeout/flagdur")
	testsupport.ExpectFixes(t, findings, testsupport.ByLine, map[string]string{
		"flagdur.go:10": "Add a Timeout to the client", // its golden file has the flag's 1.5s
	})
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
	testsupport.SetFlag(t, f, "2m")
	if got := f.Value.String(); got != "2m0s" {
		t.Errorf("-default-timeout=2m: value %s", got)
	}
}

// TestReportTests checks the suite-wide switch: findings in _test.go files
// are hidden by default and shown with -report-tests.
func TestReportTests(t *testing.T) {
	// By default the finding in the test file is not reported, so the
	// testdata's want comment goes unmatched: that must be the only complaint.
	rec := &testsupport.Recorder{}
	analysistest.Run(rec, testsupport.Testdata(t), timeout.Analyzer, "timeout/intests")
	if len(rec.Errors) != 1 || !strings.Contains(rec.Errors[0], "no diagnostic was reported matching") {
		t.Errorf("without -report-tests: got %q, want exactly one unmatched want", rec.Errors)
	}

	testsupport.SetFlag(t, suite.ReportTestsFlag(), "true")
	analysistest.Run(t, testsupport.Testdata(t), timeout.Analyzer, "timeout/intests")
}

// TestDirectiveWithoutReason checks that a directive without a reason is
// reported and silences nothing.
func TestDirectiveWithoutReason(t *testing.T) {
	rec := &testsupport.Recorder{}
	results := analysistest.Run(rec, testsupport.Testdata(t), timeout.Analyzer, "timeout/noreason")
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
