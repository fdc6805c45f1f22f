package jsoncheck_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/internal/testsupport"
	"github.com/httpvet/httpvet/analyzers/jsoncheck"
)

// setFlag sets one of jsoncheck's flags for the rest of the test.
func setFlag(t *testing.T, name, value string) {
	testsupport.SetFlag(t, jsoncheck.Analyzer.Flags.Lookup(name), value)
}

// TestAnalyzer runs with -strict-nil-deref: these packages' nil-deref
// expectations are every dereference of a pointer field; TestNilEvidence
// checks the default, which asks for evidence.
func TestAnalyzer(t *testing.T) {
	setFlag(t, "strict-nil-deref", "true")
	analysistest.Run(t, testsupport.Testdata(t), jsoncheck.Analyzer,
		"jsoncheck/basic", "jsoncheck/ghsdk", "jsoncheck/sdkuser")
}

// TestNilEvidence checks nil-deref's default: reported only with evidence
// that the field can be nil.
func TestNilEvidence(t *testing.T) {
	analysistest.Run(t, testsupport.Testdata(t), jsoncheck.Analyzer, "jsoncheck/nilevidence", "jsoncheck/errbody")
}

func TestAllDecodes(t *testing.T) {
	setFlag(t, "strict-nil-deref", "true")
	setFlag(t, "all-decodes", "true")
	analysistest.Run(t, testsupport.Testdata(t), jsoncheck.Analyzer, "jsoncheck/widen")
}

func TestFixes(t *testing.T) {
	findings := testsupport.RunWithFixes(t, testsupport.Testdata(t), jsoncheck.Analyzer,
		"jsoncheck/fixassert", "jsoncheck/fixdecode")
	setFlag(t, "unbounded-read", "true")
	findings = append(findings, testsupport.RunWithFixes(t, testsupport.Testdata(t), jsoncheck.Analyzer,
		"jsoncheck/unbounded")...)
	// A golden file is only compared when a fix touched its file: assert
	// which findings carry a fix. Findings are named by package, file and
	// line, and an assertion by its expression too (two can share a line).
	name := func(f testsupport.Finding) string {
		n := fmt.Sprintf("%s/%s:%d", path.Base(f.Pkg), f.File, f.Line)
		if expr, ok := strings.CutPrefix(f.Message, "unchecked type assertion "); ok {
			expr, _, _ = strings.Cut(expr, " on JSON")
			n += " " + expr
		}
		return n
	}
	const checkAssert, checkDecode, limit = "Check the type assertion", "Check the decode error", "Limit the body size"
	testsupport.ExpectFixes(t, findings, name, map[string]string{
		`fixassert/fixassert.go:21 v["name"].(string)`:                               checkAssert,
		`fixassert/fixassert.go:31 v["n"].(float64)`:                                 checkAssert,
		`fixassert/fixassert.go:42 v["n"].(float64)`:                                 checkAssert,
		`fixassert/fixassert.go:53 v["items"].([]any)`:                               checkAssert,
		`fixassert/fixassert.go:62 v["links"].(map[string]any)["homepage"].(string)`: checkAssert,
		`fixassert/fixassert.go:62 v["links"].(map[string]any)`:                      "",
		`fixassert/fixassert.go:68 v["s"].(string)`:                                  "", // no error result
		`fixassert/zerosafety.go:22 v["phase"].(string)`:                             "", // the zero value is a real answer
		`fixassert/zerosafety.go:36 v["name"].(string)`:                              "", // results are read on failure too
		`fixdecode/linedirective.go:22 v["name"].(string)`:                           checkAssert,

		"fixdecode/fixdecode.go:18":     checkDecode,
		"fixdecode/fixdecode.go:28":     checkDecode,
		"fixdecode/fixdecode.go:38":     "",
		"fixdecode/closelater.go:17":    "", // a return there would skip the close below
		"fixdecode/linedirective.go:20": checkDecode,
		"fixdecode/noimport.go:10":      checkDecode,

		"unbounded/unbounded.go:16": limit,
		"unbounded/unbounded.go:21": limit,
		"unbounded/unbounded.go:27": "",
		"unbounded/unbounded.go:33": "",
		"unbounded/unbounded.go:38": limit,
		"unbounded/unbounded.go:47": limit,
		"unbounded/unbounded.go:56": "", // the read's error is discarded
		"unbounded/unbounded.go:63": "", // the decoder is kept in a variable
	})
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
