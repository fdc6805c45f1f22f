// Package driver is the httpvet command: it parses the command line, loads
// packages with go/packages, runs the analyzers with
// golang.org/x/tools/go/analysis/checker, and prints the findings as text,
// JSON or SARIF, named by analyzer and category, sorted by position and
// reported once across package variants.
//
// Three kinds of invocation are handed to x/tools unchanged, because its
// drivers already do them right:
//   - go vet's protocol (-flags, a single *.cfg argument) goes to
//     unitchecker, which is what go vet -vettool expects;
//   - -fix and -diff go to multichecker (run as a child process of this
//     command), whose fix application merges the edits and checks for
//     conflicts and concurrent changes; x/tools does not export it. The
//     driver runs further passes while edits conflict.
//
// Everything else — help, version, flag errors, load errors, output — is
// written here.
package driver

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// Exit statuses of the command. They are documented in the README and in
// docs/cli.md; scripts rely on them.
const (
	ExitClean       = 0 // no findings (or -fix applied every fix)
	ExitError       = 1 // a package failed to load or type-check, an analyzer failed, a pattern matched nothing
	ExitUsage       = 2 // bad command line: unknown flag, bad flag value, no packages named
	ExitFindings    = 3 // findings were reported (text output)
	ExitFixConflict = 4 // -fix applied fixes, but some still conflicted after the last pass: run it again
)

// childEnv marks the child process that -fix runs: it is plain
// multichecker.
const childEnv = "HTTPVET_DRIVER"

// Main runs the command on os.Args and exits. reportTests is the suite-wide
// -report-tests flag, which belongs to the report package and is exposed
// under its plain name in every mode.
func Main(analyzers []*analysis.Analyzer, reportTests *flag.Flag) {
	args := os.Args[1:]
	switch {
	case os.Getenv(childEnv) == "multichecker":
		flag.Var(reportTests.Value, reportTests.Name, reportTests.Usage)
		multichecker.Main(analyzers...)
	case slices.Contains(args, "-V=full") || slices.Contains(args, "--V=full"):
		// go vet asks for this to key its cache: the line must change
		// whenever the executable does (see versionLine).
		fmt.Println(versionLine(true))
		os.Exit(ExitClean)
	case isVetInvocation(args):
		flag.Var(reportTests.Value, reportTests.Name, reportTests.Usage)
		// go vet (since Go 1.26) always asks for JSON and prints the
		// messages itself, so the name can only travel in the message.
		unitchecker.Main(nameFindings(analyzers)...)
	}
	os.Exit(run(analyzers, reportTests, args, os.Stdout, os.Stderr))
}

// isVetInvocation reports whether go vet is driving the command: it asks
// for the flags (-flags), or passes one *.cfg file describing a package.
func isVetInvocation(args []string) bool {
	if slices.Contains(args, "-flags") || slices.Contains(args, "--flags") {
		return true
	}
	var positional []string
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			positional = append(positional, a)
		}
	}
	return len(positional) == 1 && strings.HasSuffix(positional[0], ".cfg")
}

// nameFindings wraps each analyzer so that its findings' messages end with
// " (analyzer/category)", as in the command's own text output. It is used
// only under go vet, which prints the message as it is; the
// wrappers share everything else (name, flags, facts, requirements) with
// the analyzers they wrap.
func nameFindings(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		w := *a
		// A bad flag value would make unitchecker print its usage for
		// every package go vet runs it on: say once per package what
		// the flag wants instead.
		w.Flags = flag.FlagSet{}
		a.Flags.VisitAll(func(f *flag.Flag) {
			w.Flags.Var(vetValue{f.Value, a.Name + "." + f.Name}, f.Name, f.Usage)
		})
		w.Run = func(pass *analysis.Pass) (any, error) {
			p := *pass
			p.Report = func(d analysis.Diagnostic) {
				d.Message += " (" + suffix(a.Name, d.Category) + ")"
				pass.Report(d)
			}
			return a.Run(&p)
		}
		out[i] = &w
	}
	return out
}

// vetValue is an analyzer flag under go vet: a bad value ends the run
// with one line saying what the flag wants.
type vetValue struct {
	flag.Value
	name string
}

func (v vetValue) String() string {
	if v.Value == nil {
		return ""
	}
	return v.Value.String()
}

func (v vetValue) IsBoolFlag() bool {
	b, ok := v.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

func (v vetValue) Set(s string) error {
	var e *valueError
	if err := (checkedValue{Value: v.Value, name: v.name, err: &e}).Set(s); err != nil {
		fmt.Fprintf(os.Stderr, "httpvet: %v\n", err)
		os.Exit(ExitUsage)
	}
	return nil
}

// suffix names a finding: "analyzer/category", or the analyzer alone when
// the diagnostic has no category.
func suffix(analyzer, category string) string {
	if category == "" {
		return analyzer
	}
	return analyzer + "/" + category
}

// options are the command's own flags.
type options struct {
	fix, diff   bool
	fixPasses   int
	json        bool
	format      string
	context     int
	tags        string
	tests       bool
	links       bool
	version     versionFlag
	selected    map[string]*selectFlag
	analyzerSet map[string]*analysis.Analyzer
	explicit    []string // flags set on the command line, as -name=value, for the -fix child
}

// selectFlag is an -<analyzer> flag: unset, true or false.
type selectFlag struct {
	set, value bool
}

func (f *selectFlag) IsBoolFlag() bool { return true }
func (f *selectFlag) String() string {
	if f == nil || !f.set {
		return "unset"
	}
	return strconv.FormatBool(f.value)
}
func (f *selectFlag) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("want true or false")
	}
	f.set, f.value = true, v
	return nil
}

// versionFlag is -V: the version, or with -V=full go vet's form.
type versionFlag struct{ set bool }

func (f *versionFlag) IsBoolFlag() bool { return true }
func (f *versionFlag) String() string   { return "" }
func (f *versionFlag) Set(s string) error {
	if s != "true" && s != "full" {
		return errors.New("want -V or -V=full")
	}
	f.set = true
	return nil
}

// valueError is a bad value given to an analyzer's flag, said the way a
// user can act on.
type valueError struct {
	flag, value, want string
}

func (e *valueError) Error() string {
	return fmt.Sprintf("invalid value %q for -%s: %s", e.value, e.flag, e.want)
}

// checkedValue wraps an analyzer's flag so that a bad value is explained
// instead of reported as "parse error".
type checkedValue struct {
	flag.Value
	name string
	err  **valueError
}

func (v checkedValue) String() string {
	if v.Value == nil { // the zero value, which package flag may build
		return ""
	}
	return v.Value.String()
}

func (v checkedValue) IsBoolFlag() bool {
	b, ok := v.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

func (v checkedValue) Set(s string) error {
	err := v.Value.Set(s)
	if err == nil {
		return nil
	}
	want := err.Error()
	if want == "parse error" || want == "value out of range" || strings.HasPrefix(want, "strconv.") {
		want = wanted(v.Value)
	}
	*v.err = &valueError{flag: v.name, value: s, want: want}
	return *v.err
}

// wanted describes the values a standard flag.Value accepts, with an
// example.
func wanted(v flag.Value) string {
	g, ok := v.(flag.Getter)
	if !ok {
		return "see httpvet help for the accepted values"
	}
	switch g.Get().(type) {
	case time.Duration:
		return "want a duration with its unit, such as 10s or 1m30s"
	case bool:
		return "want true or false"
	case int, int64:
		return "want an integer, such as 5"
	case uint, uint64:
		return "want a non-negative integer, such as 5"
	case float64:
		return "want a number, such as 0.5"
	}
	return "see httpvet help for the accepted values"
}

// newFlags builds the command's flag set over analyzers. Errors are
// returned, not printed: the caller prints one line, not the usage.
func newFlags(analyzers []*analysis.Analyzer, reportTests *flag.Flag, valueErr **valueError) (*flag.FlagSet, *options) {
	fs := flag.NewFlagSet("httpvet", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	o := &options{selected: map[string]*selectFlag{}, analyzerSet: map[string]*analysis.Analyzer{}}
	fs.BoolVar(&o.fix, "fix", false, "apply all suggested fixes")
	fs.BoolVar(&o.diff, "diff", false, "with -fix, print the fixes as a unified diff instead of applying them")
	fs.IntVar(&o.fixPasses, "fix-passes", 3, "with -fix, apply fixes in up to `n` passes while some conflict")
	fs.BoolVar(&o.json, "json", false, "print findings as JSON (the x/tools tree: package, analyzer, findings)")
	fs.StringVar(&o.format, "format", "text", "output `format`: text, json or sarif")
	fs.IntVar(&o.context, "c", -1, "print `n` lines of source around each finding")
	fs.StringVar(&o.tags, "tags", "", "a comma-separated `list` of build tags to honour, as in go build")
	fs.BoolVar(&o.tests, "test", true, "analyse the packages' test files too")
	fs.BoolVar(&o.links, "links", false, "print each finding's documentation URL after it (text output)")
	fs.Var(&o.version, "V", "print the version and exit (-V=full: go vet's form)")
	fs.Var(reportTests.Value, reportTests.Name, reportTests.Usage)
	for _, a := range analyzers {
		sel := &selectFlag{}
		o.selected[a.Name] = sel
		o.analyzerSet[a.Name] = a
		summary, _, _ := strings.Cut(a.Doc, "\n")
		fs.Var(sel, a.Name, "run only "+a.Name+" (with =false: all but it): "+summary)
		a.Flags.VisitAll(func(f *flag.Flag) {
			name := a.Name + "." + f.Name
			fs.Var(checkedValue{Value: f.Value, name: name, err: valueErr}, name, f.Usage)
		})
	}
	return fs, o
}

// selection returns the analyzers to run, as multichecker chooses them:
// those set to true if any is; else all but those set to false.
func (o *options) selection(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var on, notOff []*analysis.Analyzer
	for _, a := range analyzers {
		s := o.selected[a.Name]
		if s.set && s.value {
			on = append(on, a)
		}
		if !s.set || s.value {
			notOff = append(notOff, a)
		}
	}
	if len(on) > 0 {
		return on
	}
	return notOff
}

// run is the command after the modes handed to x/tools: it returns the
// exit status.
func run(analyzers []*analysis.Analyzer, reportTests *flag.Flag, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "help":
			return help(analyzers, reportTests, args[1:], stdout, stderr)
		case "version":
			fmt.Fprintln(stdout, versionLine(false))
			return ExitClean
		}
	}
	var valueErr *valueError
	fs, o := newFlags(analyzers, reportTests, &valueErr)
	if err := fs.Parse(args); err != nil {
		switch {
		case errors.Is(err, flag.ErrHelp):
			printHelp(analyzers, fs, stdout)
			return ExitClean
		case valueErr != nil:
			fmt.Fprintf(stderr, "httpvet: %v\n", valueErr)
		default:
			fmt.Fprintf(stderr, "httpvet: %v\n", err)
		}
		fmt.Fprintln(stderr, "Run 'httpvet help' for usage.")
		return ExitUsage
	}
	if o.version.set {
		fmt.Fprintln(stdout, versionLine(false))
		return ExitClean
	}
	fs.Visit(func(f *flag.Flag) {
		o.explicit = append(o.explicit, "-"+f.Name+"="+f.Value.String())
	})
	if o.json {
		o.format = "json"
	}
	switch o.format {
	case "text", "json", "sarif":
	default:
		fmt.Fprintf(stderr, "httpvet: invalid value %q for -format: want text, json or sarif\n", o.format)
		return ExitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "httpvet: no packages named; for example: httpvet ./...")
		fmt.Fprintln(stderr, "Run 'httpvet help' for usage.")
		return ExitUsage
	}
	if o.fix {
		return runFix(o, fs.Args(), stdout, stderr)
	}
	return analyze(o.selection(analyzers), o, fs.Args(), stdout, stderr)
}
