package driver

import (
	"cmp"
	"fmt"
	"go/token"
	"io"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// A finding is one diagnostic, reported once however many package
// variants (pkg, pkg [pkg.test]) contain its file.
type finding struct {
	pkg      string // the ID of the package it is reported under
	analyzer *analysis.Analyzer
	category Category
	diag     analysis.Diagnostic
	fset     *token.FileSet
	posn     token.Position
	end      token.Position
}

// loadMode is what the analyzers need: the shared model exports facts, so
// every package is loaded from source.
const loadMode = packages.LoadAllSyntax | packages.NeedModule

// analyze loads the patterns, runs the analyzers and prints the findings.
func analyze(analyzers []*analysis.Analyzer, o *options, patterns []string, stdout, stderr io.Writer) int {
	cfg := &packages.Config{Mode: loadMode, Tests: o.tests}
	if o.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + o.tags}
	}
	initial, err := packages.Load(cfg, patterns...)
	if err != nil {
		fmt.Fprintf(stderr, "httpvet: %v\n", err)
		return ExitError
	}
	if len(initial) == 0 {
		fmt.Fprintf(stderr, "httpvet: %s matched no packages\n", strings.Join(patterns, " "))
		return ExitError
	}
	status := ExitClean
	broken := reportLoadErrors(initial, stderr)
	if len(broken) > 0 {
		status = ExitError
	}
	graph, err := checker.Analyze(analyzers, initial, &checker.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "httpvet: %v\n", err)
		return ExitError
	}
	var failures []*checker.Action
	for act := range graph.All() {
		// An action on a package that does not load is skipped by the
		// checker, with an error naming the internal model; the package's
		// own line above already says what is wrong.
		if act.Err != nil && !broken[act.Package] {
			failures = append(failures, act)
		}
	}
	for _, act := range failures {
		fmt.Fprintf(stderr, "httpvet: %s: analyzer %s failed: %v\n", act.Package.PkgPath, act.Analyzer.Name, act.Err)
		status = ExitError
	}
	findings := collect(graph)
	switch o.format {
	case "json":
		if err := writeJSON(stdout, findings, failures); err != nil {
			fmt.Fprintf(stderr, "httpvet: %v\n", err)
			return ExitError
		}
	case "sarif":
		if err := writeSARIF(stdout, analyzers, findings, broken, initial); err != nil {
			fmt.Fprintf(stderr, "httpvet: %v\n", err)
			return ExitError
		}
	default:
		writeText(stderr, findings, o.context, o.links)
		if len(findings) > 0 && status == ExitClean {
			status = ExitFindings
		}
	}
	return status
}

// reportLoadErrors prints one line per package that failed to load or
// type-check (its first error, and how many more), and returns the set of
// packages whose analysis cannot run: those, and every package that
// imports one.
func reportLoadErrors(initial []*packages.Package, w io.Writer) map[*packages.Package]bool {
	broken := map[*packages.Package]bool{}
	printed := map[string]bool{} // a package's variants share their errors
	var visit func(p *packages.Package) bool
	seen := map[*packages.Package]bool{}
	visit = func(p *packages.Package) bool {
		if seen[p] {
			return broken[p]
		}
		seen[p] = true
		bad := len(p.Errors) > 0 || len(p.TypeErrors) > 0
		for _, imp := range sortedImports(p) {
			if visit(imp) {
				bad = true
			}
		}
		if len(p.Errors) > 0 {
			line := errorLine(p)
			if !printed[line] {
				printed[line] = true
				fmt.Fprintln(w, line)
			}
		}
		if bad {
			broken[p] = true
		}
		return bad
	}
	for _, p := range initial {
		visit(p)
	}
	return broken
}

// errorLine is the line for a package with errors: the package, its first
// error with its position, and the count of the others.
func errorLine(p *packages.Package) string {
	name := cmp.Or(p.PkgPath, p.ID)
	e := p.Errors[0]
	first := e.Msg
	if e.Pos != "" && e.Pos != "-" {
		first = e.Pos + ": " + e.Msg
	}
	line := "httpvet: " + name + ": " + first
	if len(p.Errors) > 1 {
		line += fmt.Sprintf(" (and %d more errors)", len(p.Errors)-1)
	}
	return line
}

func sortedImports(p *packages.Package) []*packages.Package {
	var imps []*packages.Package
	for _, imp := range p.Imports {
		imps = append(imps, imp)
	}
	slices.SortFunc(imps, func(a, b *packages.Package) int { return strings.Compare(a.ID, b.ID) })
	return imps
}

// collect returns the root actions' diagnostics, once each, sorted by
// position. A diagnostic seen in several variants of a package is kept
// under the plain package (ID equal to its path) when it is one of them.
func collect(graph *checker.Graph) []*finding {
	type key struct {
		analyzer  string
		posn, end token.Position
		category  string
		message   string
	}
	byKey := map[key]*finding{}
	var out []*finding
	for _, act := range graph.Roots {
		if act.Err != nil {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			f := &finding{
				pkg:      act.Package.ID,
				analyzer: act.Analyzer,
				category: lookupCategory(act.Analyzer, d.Category),
				diag:     d,
				fset:     fset,
				posn:     fset.Position(d.Pos),
				end:      fset.Position(cmp.Or(d.End, d.Pos)),
			}
			k := key{act.Analyzer.Name, f.posn, f.end, d.Category, d.Message}
			if prev, ok := byKey[k]; ok {
				if act.Package.ID == act.Package.PkgPath {
					prev.pkg = act.Package.ID
				}
				continue
			}
			byKey[k] = f
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b *finding) int {
		return cmp.Or(
			strings.Compare(a.posn.Filename, b.posn.Filename),
			cmp.Compare(a.posn.Line, b.posn.Line),
			cmp.Compare(a.posn.Column, b.posn.Column),
			strings.Compare(a.analyzer.Name, b.analyzer.Name),
			strings.Compare(a.diag.Category, b.diag.Category),
			strings.Compare(a.diag.Message, b.diag.Message),
		)
	})
	return out
}
