package bodyclose_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/bodyclose"
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

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testdata(t), bodyclose.Analyzer, "bodyclose/basic")
}

func TestDoc(t *testing.T) {
	a := bodyclose.Analyzer
	if !strings.HasPrefix(a.Doc, "response bodies left open, holding their connections\n") {
		t.Errorf("Doc does not start with the summary line: %q", a.Doc)
	}
	if !strings.HasSuffix(a.URL, "/docs/bodyclose.md") {
		t.Errorf("URL = %q", a.URL)
	}
}
