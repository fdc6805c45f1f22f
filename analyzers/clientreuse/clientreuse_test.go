package clientreuse_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/clientreuse"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testdata(t), clientreuse.Analyzer,
		"clientreuse/basic", "clientreuse/negative", "clientreuse/cmd/server", "clientreuse/factory/...", "clientreuse/retryable", "clientreuse/testhook", "clientreuse/keepalive")
}

func TestFix(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), clientreuse.Analyzer, "clientreuse/fix")
	// A golden file is only compared when a fix touched its file: check
	// that the fixes are there, and that the diagnostics without one say why.
	fixed, unfixed := 0, 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if d.Category != clientreuse.Category {
				t.Errorf("%s: category %q, want %q", d.Message, d.Category, clientreuse.Category)
			}
			switch len(d.SuggestedFixes) {
			case 0:
				unfixed++
				if !strings.Contains(d.Message, "build it once at start-up and pass it in") {
					t.Errorf("diagnostic without a fix does not say what to do: %s", d.Message)
				}
			case 1:
				fixed++
				if got := d.SuggestedFixes[0].Message; got != clientreuse.FixMessage {
					t.Errorf("fix message %q, want %q", got, clientreuse.FixMessage)
				}
			default:
				t.Errorf("%d fixes for one diagnostic", len(d.SuggestedFixes))
			}
		}
	}
	if fixed != 3 || unfixed != 2 {
		t.Errorf("got %d diagnostics with a fix and %d without, want 3 and 2", fixed, unfixed)
	}
}

func TestDoc(t *testing.T) {
	a := clientreuse.Analyzer
	if a.Name != "clientreuse" || !strings.HasPrefix(a.Doc, "report http.Transports") || !strings.HasSuffix(a.URL, "/docs/clientreuse.md") {
		t.Errorf("analyzer metadata: name %q, doc %q, url %q", a.Name, a.Doc, a.URL)
	}
}
