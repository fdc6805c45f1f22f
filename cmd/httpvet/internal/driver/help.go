package driver

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// docsURL is the command's documentation.
const docsURL = "https://github.com/httpvet/httpvet/blob/main/docs/cli.md"

// help implements "httpvet help [analyzer]".
func help(analyzers []*analysis.Analyzer, reportTests *flag.Flag, args []string, stdout, stderr io.Writer) int {
	var valueErr *valueError
	fs, _ := newFlags(analyzers, reportTests, &valueErr)
	if len(args) == 0 {
		printHelp(analyzers, fs, stdout)
		return ExitClean
	}
	status := ExitClean
	for _, name := range args {
		a := findAnalyzer(analyzers, name)
		if a == nil {
			fmt.Fprintf(stderr, "httpvet: no analyzer %q; the analyzers are %s\n", name, analyzerNames(analyzers))
			status = ExitUsage
			continue
		}
		printAnalyzerHelp(a, stdout)
	}
	return status
}

// findAnalyzer returns the analyzer called name, accepting the
// analyzer/category form a finding ends with.
func findAnalyzer(analyzers []*analysis.Analyzer, name string) *analysis.Analyzer {
	name, _, _ = strings.Cut(name, "/")
	for _, a := range analyzers {
		if a.Name == name {
			return a
		}
	}
	return nil
}

func analyzerNames(analyzers []*analysis.Analyzer) string {
	var names []string
	for _, a := range analyzers {
		names = append(names, a.Name)
	}
	return strings.Join(names, ", ")
}

// printHelp prints the command's help: usage, analyzers, flags, exit
// statuses and where the documentation is.
func printHelp(analyzers []*analysis.Analyzer, fs *flag.FlagSet, w io.Writer) {
	fmt.Fprint(w, `httpvet finds HTTP-client mistakes in Go code: connection pools built per
request, requests no timeout bounds, unchecked errors and statuses, unbounded
retries, unvalidated JSON, sequential independent calls, dropped contexts.

Usage:
  httpvet [flags] packages...          lint packages (patterns as for go build)
  go vet -vettool=$(which httpvet) packages...
  httpvet help [analyzer]              this help, or an analyzer's documentation
  httpvet version                      the version

Findings end with their analyzer and category, e.g. (timeout/no-timeout):
"httpvet help timeout" explains it, "//httpvet:ignore timeout <reason>" on the
line or the line above silences it.

Analyzers:
`)
	for _, a := range analyzers {
		summary, _, _ := strings.Cut(a.Doc, "\n")
		fmt.Fprintf(w, "  %-12s %s\n", a.Name, summary)
	}
	fmt.Fprint(w, "\nFlags:\n")
	var analyzerFlags []*flag.Flag
	fs.VisitAll(func(f *flag.Flag) {
		switch {
		case strings.Contains(f.Name, "."):
			analyzerFlags = append(analyzerFlags, f)
		case findAnalyzer(analyzers, f.Name) != nil:
			// Listed once below, not per analyzer.
		default:
			printFlag(w, f)
		}
	})
	fmt.Fprint(w, "  -<analyzer>\n\trun only the named analyzers (-<analyzer>=false: all but those)\n")
	fmt.Fprint(w, "\nAnalyzer flags:\n")
	for _, f := range analyzerFlags {
		printFlag(w, f)
	}
	fmt.Fprintf(w, `
Exit status:
  0  no findings (with -json or -format=sarif: the run succeeded; with -fix:
     every fix was applied)
  1  an error: a package failed to load or type-check, a pattern matched
     nothing, an analyzer failed
  2  bad command line: an unknown flag, a bad flag value, no packages named
  3  findings were reported (text output)
  4  -fix applied fixes but some still conflicted after -fix-passes passes:
     run it again

Documentation: %s
`, docsURL)
}

// printFlag prints one flag as package flag's PrintDefaults does.
func printFlag(w io.Writer, f *flag.Flag) {
	name, usage := flag.UnquoteUsage(f)
	line := "  -" + f.Name
	if name != "" {
		line += " " + name
	}
	line += "\n\t" + strings.ReplaceAll(usage, "\n", "\n\t")
	if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "unset" && f.DefValue != "0" {
		line += fmt.Sprintf(" (default %s)", f.DefValue)
	}
	fmt.Fprintln(w, line)
}

// printAnalyzerHelp prints an analyzer's documentation, categories and
// flags.
func printAnalyzerHelp(a *analysis.Analyzer, w io.Writer) {
	fmt.Fprintf(w, "%s: %s\n\nCategories:\n", a.Name, a.Doc)
	for _, c := range Categories(a) {
		fix := ""
		if c.HasFix {
			fix = " (fix)"
		}
		fmt.Fprintf(w, "  %s%s: %s\n      %s\n", c.ID(), fix, c.Summary, c.URL)
	}
	first := true
	a.Flags.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprint(w, "\nFlags:\n")
			first = false
		}
		g := *f
		g.Name = a.Name + "." + f.Name
		printFlag(w, &g)
	})
	fmt.Fprintf(w, "\nDocumentation: %s\n", a.URL)
}
