package testsupport_test

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/httpvet/httpvet/analyzers/internal/testsupport"
)

func TestTestdata(t *testing.T) {
	dir := testsupport.Testdata(t)
	if !filepath.IsAbs(dir) {
		t.Errorf("Testdata() = %q, want an absolute path", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "src", "report", "a")); err != nil {
		t.Errorf("Testdata() = %q, which has no src/report/a: %v", dir, err)
	}
}

func TestSetFlag(t *testing.T) {
	var fs flag.FlagSet
	n := fs.Int("n", 3, "")
	t.Run("set", func(t *testing.T) {
		testsupport.SetFlag(t, fs.Lookup("n"), "7")
		if *n != 7 {
			t.Errorf("during the test n = %d, want 7", *n)
		}
	})
	if *n != 3 {
		t.Errorf("after the test n = %d, want it restored to 3", *n)
	}
}

func TestExpectFixes(t *testing.T) {
	findings := []testsupport.Finding{
		{Pkg: "x/fix", File: "fix.go", Line: 10, Func: "a", Category: "c", Fix: "Do it"},
		{Pkg: "x/fix", File: "fix.go", Line: 20, Func: "b", Category: "c"},
	}
	for _, tc := range []struct {
		name string
		want map[string]string
		errs []string
	}{
		{"all as expected", map[string]string{"fix.go:10": "Do it", "fix.go:20": ""}, nil},
		{"fix missing", map[string]string{"fix.go:10": "Do it", "fix.go:20": "Do that"},
			[]string{`fix.go:20: fix "", want "Do that"`}},
		{"fix unwanted", map[string]string{"fix.go:10": "", "fix.go:20": ""},
			[]string{`fix.go:10: fix "Do it" offered, want none`}},
		{"finding missing", map[string]string{"fix.go:10": "Do it", "fix.go:20": "", "fix.go:30": ""},
			[]string{"fix.go:30: no finding"}},
		{"finding unexpected", map[string]string{"fix.go:10": "Do it"},
			[]string{`fix.go:20: unexpected finding "" (fix "")`}},
	} {
		rec := &testsupport.Recorder{}
		testsupport.ExpectFixes(rec, findings, testsupport.ByLine, tc.want)
		if !slices.Equal(rec.Errors, tc.errs) {
			t.Errorf("%s: errors %q, want %q", tc.name, rec.Errors, tc.errs)
		}
	}

	rec := &testsupport.Recorder{}
	testsupport.ExpectFixes(rec, findings, func(testsupport.Finding) string { return "same" }, map[string]string{"same": ""})
	if !slices.Contains(rec.Errors, `two findings named "same": name them more finely`) {
		t.Errorf("two findings with one name: errors %q, want the duplicate reported", rec.Errors)
	}
	if got := testsupport.ByFunc(findings[0]); got != "c fix.a" {
		t.Errorf("ByFunc = %q, want %q", got, "c fix.a")
	}
}

func TestExpectCategory(t *testing.T) {
	findings := []testsupport.Finding{
		{File: "a.go", Line: 1, Category: "c"},
		{File: "a.go", Line: 2, Category: "d"},
	}
	rec := &testsupport.Recorder{}
	testsupport.ExpectCategory(rec, findings, "c")
	if want := []string{`a.go:2: category "d", want "c"`}; !slices.Equal(rec.Errors, want) {
		t.Errorf("errors %q, want %q", rec.Errors, want)
	}
}
