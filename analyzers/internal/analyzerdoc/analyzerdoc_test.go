package analyzerdoc_test

import (
	"testing"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
)

const docGo = `// Package probe is a test.
//
// # Analyzer probe
//
// probe: report probes
//
// Probes are reported
// in two lines.
//
// # Other section
//
// Not part of it.
package probe

// # Analyzer probe
//
// probe: after the package clause
`

func TestDoc(t *testing.T) {
	want := "report probes\n\nProbes are reported\nin two lines."
	if got := analyzerdoc.Doc(docGo, "probe"); got != want {
		t.Errorf("Doc = %q, want %q", got, want)
	}
}

func TestDocMissing(t *testing.T) {
	for _, name := range []string{"other", "prob"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Doc(%q) did not panic on a missing section", name)
				}
			}()
			analyzerdoc.Doc(docGo, name)
		}()
	}
}

func TestURLs(t *testing.T) {
	if got, want := analyzerdoc.URL("timeout"), analyzerdoc.BaseURL+"timeout.md"; got != want {
		t.Errorf("URL = %q, want %q", got, want)
	}
	c := analyzerdoc.Category{Name: "no-timeout", Anchor: "no-timeout"}
	if got, want := analyzerdoc.CategoryURL("timeout", c), analyzerdoc.BaseURL+"timeout.md#no-timeout"; got != want {
		t.Errorf("CategoryURL = %q, want %q", got, want)
	}
	if got, want := analyzerdoc.CategoryURL("timeout", analyzerdoc.Category{}), analyzerdoc.BaseURL+"timeout.md"; got != want {
		t.Errorf("CategoryURL without an anchor = %q, want %q", got, want)
	}
}
