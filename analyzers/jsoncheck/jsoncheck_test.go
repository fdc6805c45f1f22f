package jsoncheck_test

import (
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/jsoncheck"
)

// testdata is the suite's shared testdata directory, made absolute for the
// GOPATH-mode loader.
func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// setFlag sets an analyzer flag for the duration of a test.
func setFlag(t *testing.T, name, value string) {
	f := jsoncheck.Analyzer.Flags.Lookup(name)
	if f == nil {
		t.Fatalf("no flag %s", name)
	}
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(old) })
}

// TestAnalyzer runs with -strict-nil-deref: these packages' nil-deref
// expectations are every dereference of a pointer field; TestNilEvidence
// checks the default, which asks for evidence.
func TestAnalyzer(t *testing.T) {
	setFlag(t, "strict-nil-deref", "true")
	analysistest.Run(t, testdata(t), jsoncheck.Analyzer,
		"jsoncheck/basic", "jsoncheck/ghsdk", "jsoncheck/sdkuser")
}

// TestNilEvidence checks nil-deref's default: reported only with evidence
// that the field can be nil.
func TestNilEvidence(t *testing.T) {
	analysistest.Run(t, testdata(t), jsoncheck.Analyzer, "jsoncheck/nilevidence", "jsoncheck/errbody")
}

func TestAllDecodes(t *testing.T) {
	setFlag(t, "strict-nil-deref", "true")
	setFlag(t, "all-decodes", "true")
	analysistest.Run(t, testdata(t), jsoncheck.Analyzer, "jsoncheck/widen")
}

func TestFixes(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), jsoncheck.Analyzer,
		"jsoncheck/fixassert", "jsoncheck/fixdecode")
	setFlag(t, "unbounded-read", "true")
	results = append(results, analysistest.RunWithSuggestedFixes(t, testdata(t), jsoncheck.Analyzer,
		"jsoncheck/unbounded")...)

	// A golden file is only compared when a fix touched its file: count the
	// fixes, so that a fix that silently disappears fails the test.
	type count struct{ diags, fixes int }
	got := make(map[string]count)
	want := map[string]string{
		jsoncheck.CategoryUncheckedAssertion: "Check the type assertion",
		jsoncheck.CategoryIgnoredError:       "Check the decode error",
		jsoncheck.CategoryUnboundedRead:      "Limit the body size",
	}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			c := got[d.Category]
			c.diags++
			for _, f := range d.SuggestedFixes {
				if f.Message != want[d.Category] {
					t.Errorf("%s: fix %q, want %q", d.Message, f.Message, want[d.Category])
				}
				if len(f.TextEdits) == 0 {
					t.Errorf("%s: fix %q has no edits", d.Message, f.Message)
				}
				c.fixes++
			}
			got[d.Category] = c
		}
	}
	wantCounts := map[string]count{
		jsoncheck.CategoryUncheckedAssertion: {diags: 10, fixes: 6},
		jsoncheck.CategoryIgnoredError:       {diags: 5, fixes: 4},
		jsoncheck.CategoryUnboundedRead:      {diags: 8, fixes: 4},
	}
	for cat, w := range wantCounts {
		if got[cat] != w {
			t.Errorf("category %s: got %+v, want %+v", cat, got[cat], w)
		}
	}
	for cat := range got {
		if _, ok := wantCounts[cat]; !ok {
			t.Errorf("unexpected category %q", cat)
		}
	}
}

func TestDoc(t *testing.T) {
	a := jsoncheck.Analyzer
	if !strings.HasPrefix(a.Doc, "response JSON used without validation\n") {
		t.Errorf("Doc does not start with the summary line: %q", a.Doc)
	}
	if !strings.HasSuffix(a.URL, "/docs/jsoncheck.md") {
		t.Errorf("URL = %q", a.URL)
	}
	if a.Name != "jsoncheck" {
		t.Errorf("Name = %q", a.Name)
	}
	for _, f := range []string{"all-decodes", "unbounded-read", "max-body"} {
		if a.Flags.Lookup(f) == nil {
			t.Errorf("missing flag -%s", f)
		}
	}
}

// TestMaxBodyFlag: a size that is not positive would make the fix empty
// every body; the flag refuses it with an error that says why.
func TestMaxBodyFlag(t *testing.T) {
	f := jsoncheck.Analyzer.Flags.Lookup("max-body")
	old := f.Value.String()
	t.Cleanup(func() { f.Value.Set(old) })
	for _, bad := range []string{"0", "-1", "-10485760", "ten", ""} {
		err := f.Value.Set(bad)
		if err == nil {
			t.Errorf("-max-body=%s accepted", bad)
			continue
		}
		if bad == "0" && !strings.Contains(err.Error(), "positive") {
			t.Errorf("-max-body=0: error %q does not say the size must be positive", err)
		}
	}
	if f.Value.String() != old {
		t.Errorf("a rejected value changed the flag to %s", f.Value.String())
	}
	for in, want := range map[string]string{"1": "1", "4096": "4096", "0x100000": "1048576"} {
		if err := f.Value.Set(in); err != nil || f.Value.String() != want {
			t.Errorf("-max-body=%s: got %s, %v; want %s", in, f.Value.String(), err, want)
		}
	}
}

// TestLimitFixFails: the code the "Limit the body size" fix writes
// (http.MaxBytesReader with a nil ResponseWriter) makes a read of a body
// over the limit fail, where io.LimitReader would truncate it silently,
// and leaves a body within the limit whole.
func TestLimitFixFails(t *testing.T) {
	const limit = 16
	body := func(n int) io.ReadCloser { return io.NopCloser(strings.NewReader(strings.Repeat("x", n))) }

	if _, err := io.ReadAll(http.MaxBytesReader(nil, body(limit+1), limit)); err == nil {
		t.Error("io.ReadAll of a body over the limit: no error")
	} else if _, ok := err.(*http.MaxBytesError); !ok {
		t.Errorf("io.ReadAll of a body over the limit: error %T, want *http.MaxBytesError", err)
	}
	if b, err := io.ReadAll(http.MaxBytesReader(nil, body(limit), limit)); err != nil || len(b) != limit {
		t.Errorf("io.ReadAll of a body at the limit: %d bytes, %v", len(b), err)
	}
	var v string
	big := io.NopCloser(strings.NewReader(`"` + strings.Repeat("x", 2*limit) + `"`))
	if err := json.NewDecoder(http.MaxBytesReader(nil, big, limit)).Decode(&v); err == nil {
		t.Error("Decode of a body over the limit: no error")
	}
}
