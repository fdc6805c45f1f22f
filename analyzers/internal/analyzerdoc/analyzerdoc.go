// Package analyzerdoc cuts an analyzer's documentation out of its doc.go,
// so that the package documentation and Analyzer.Doc are written once.
//
// The doc comment holds a section headed "# Analyzer NAME", whose first
// line is "NAME: one-line summary"; the section runs to the next heading.
package analyzerdoc

import (
	"fmt"
	"strings"
)

// BaseURL is where the analyzers' documentation pages live.
const BaseURL = "https://github.com/httpvet/httpvet/blob/main/docs/"

// URL returns the documentation page of the named analyzer.
func URL(name string) string { return BaseURL + name + ".md" }

// Doc returns the "# Analyzer name" section of the doc comment in
// content (the source of a doc.go file), without comment markers and with
// the "name: " prefix removed from its first line. It panics if the section
// is missing: that is a programming error caught by every test.
func Doc(content, name string) string {
	var lines []string
	in := false
	for _, line := range strings.Split(content, "\n") {
		if strings.HasPrefix(line, "package ") {
			break
		}
		text := strings.TrimPrefix(strings.TrimPrefix(line, "//"), " ")
		if strings.HasPrefix(text, "# ") {
			if in {
				break
			}
			in = text == "# Analyzer "+name
			continue
		}
		if in {
			lines = append(lines, text)
		}
	}
	doc := strings.TrimSpace(strings.Join(lines, "\n"))
	summary, ok := strings.CutPrefix(doc, name+": ")
	if !ok {
		panic(fmt.Sprintf("analyzerdoc: doc.go has no %q section starting %q", "# Analyzer "+name, name+": "))
	}
	return summary
}
