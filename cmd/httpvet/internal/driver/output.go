package driver

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
)

// writeText prints findings as go vet does, each ending with its name:
// "file:line:col: message (analyzer/category)", with its related
// positions indented below, contextLines lines of source around each
// position when it is not negative, and with links the category's
// documentation.
func writeText(w io.Writer, findings []*finding, contextLines int, links bool) {
	files := map[string][]string{}
	source := func(name string) []string {
		if lines, ok := files[name]; ok {
			return lines
		}
		data, _ := os.ReadFile(name)
		lines := strings.Split(string(data), "\n")
		files[name] = lines
		return lines
	}
	printContext := func(from, to int, name string) {
		if contextLines < 0 {
			return
		}
		lines := source(name)
		for i := from - contextLines; i <= to+contextLines; i++ {
			if 1 <= i && i <= len(lines) {
				fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
			}
		}
	}
	for _, f := range findings {
		fmt.Fprintf(w, "%s: %s (%s)\n", f.posn, f.diag.Message, suffix(f.analyzer.Name, f.diag.Category))
		printContext(f.posn.Line, f.end.Line, f.posn.Filename)
		for _, r := range f.diag.Related {
			posn := f.fset.Position(r.Pos)
			end := f.fset.Position(cmp.Or(r.End, r.Pos))
			fmt.Fprintf(w, "%s: \t%s\n", posn, r.Message)
			printContext(posn.Line, end.Line, posn.Filename)
		}
		if links {
			fmt.Fprintf(w, "\t%s\n", f.category.URL)
		}
	}
}

// The JSON output keeps the shape of the x/tools drivers' -json (package
// ID, then analyzer name, then the findings or an error), which scripts
// read; each finding also carries the URL of its category's documentation.
type (
	jsonDiagnostic struct {
		Category       string        `json:"category,omitempty"`
		Posn           string        `json:"posn"`
		End            string        `json:"end"`
		Message        string        `json:"message"`
		URL            string        `json:"url"`
		SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated `json:"related,omitempty"`
	}
	jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
	jsonError struct {
		Err string `json:"error"`
	}
)

// writeJSON prints findings and analyzer failures as one JSON tree.
func writeJSON(w io.Writer, findings []*finding, failures []*checker.Action) error {
	tree := map[string]map[string]any{}
	add := func(pkg, analyzer string, v any) {
		if tree[pkg] == nil {
			tree[pkg] = map[string]any{}
		}
		tree[pkg][analyzer] = v
	}
	for _, f := range findings {
		d := jsonDiagnostic{
			Category: f.diag.Category,
			Posn:     f.posn.String(),
			End:      f.end.String(),
			Message:  f.diag.Message,
			URL:      f.category.URL,
		}
		for _, fix := range f.diag.SuggestedFixes {
			jf := jsonFix{Message: fix.Message, Edits: []jsonEdit{}}
			for _, e := range fix.TextEdits {
				start, end := f.fset.Position(e.Pos), f.fset.Position(cmp.Or(e.End, e.Pos))
				jf.Edits = append(jf.Edits, jsonEdit{Filename: start.Filename, Start: start.Offset, End: end.Offset, New: string(e.NewText)})
			}
			d.SuggestedFixes = append(d.SuggestedFixes, jf)
		}
		for _, r := range f.diag.Related {
			d.Related = append(d.Related, jsonRelated{
				Posn:    f.fset.Position(r.Pos).String(),
				End:     f.fset.Position(cmp.Or(r.End, r.Pos)).String(),
				Message: r.Message,
			})
		}
		list, _ := tree[f.pkg][f.analyzer.Name].([]jsonDiagnostic)
		add(f.pkg, f.analyzer.Name, append(list, d))
	}
	for _, act := range failures {
		add(act.Package.ID, act.Analyzer.Name, jsonError{act.Err.Error()})
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}
