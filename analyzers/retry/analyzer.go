package retry

import (
	"go/ast"
	"go/token"
	"go/types"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/report"
)

// Analyzer reports unbounded, unpaced, blanket and harmful HTTP retries.
var Analyzer = &analysis.Analyzer{
	Name:     "retry",
	Doc:      analyzerdoc.Doc(doc, "retry"),
	URL:      analyzerdoc.URL("retry"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, httpmodel.Analyzer},
	Run:      run,
}

// Categories of the analyzer's diagnostics.
const (
	CategoryUnbounded  = "unbounded"
	CategoryNoBackoff  = "no-backoff"
	CategoryBlanket    = "blanket"
	CategoryBodyReuse  = "body-reuse"
	CategoryLeakedBody = "leaked-body"
	CategoryBudget     = "budget"
)

// Flags, read in run.
var (
	maxAttempts = 5
	budget      = 30 * time.Second
)

func init() {
	Analyzer.Flags.IntVar(&maxAttempts, "max-attempts", maxAttempts,
		"the attempt limit that the unbounded fixes insert")
	Analyzer.Flags.DurationVar(&budget, "budget", budget,
		"the time an inbound handler's retries may take in the worst case")
}

// Import paths of the retry libraries the analyzer knows.
const (
	pkgSethvargo    = "github.com/sethvargo/go-retry"
	pkgBackoffV5    = "github.com/cenkalti/backoff/v5"
	pkgRetryable    = "github.com/hashicorp/go-retryablehttp"
	pkgRetryGo      = "github.com/avast/retry-go"
	pkgBackoffV4Pfx = "github.com/cenkalti/backoff"
)

func isBackoffV4(path string) bool {
	switch path {
	case pkgBackoffV4Pfx, pkgBackoffV4Pfx + "/v2", pkgBackoffV4Pfx + "/v3", pkgBackoffV4Pfx + "/v4":
		return true
	}
	return false
}

func isRetryGo(path string) bool {
	switch path {
	case pkgRetryGo, pkgRetryGo + "/v2", pkgRetryGo + "/v3", pkgRetryGo + "/v4":
		return true
	}
	return false
}

func isRetryLib(path string) bool {
	return path == pkgSethvargo || path == pkgBackoffV5 || path == pkgRetryable || isBackoffV4(path) || isRetryGo(path)
}

func run(pass *analysis.Pass) (any, error) {
	model := pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model)
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	// Fast path: nothing here sends a request or uses a retry library.
	usesLib := false
	for _, imp := range pass.Pkg.Imports() {
		if isRetryLib(imp.Path()) {
			usesLib = true
		}
	}
	if !model.HTTP || (len(model.Requests) == 0 && !usesLib) {
		return nil, nil
	}
	c := &checker{
		pass:      pass,
		model:     model,
		rep:       report.New(pass, model),
		root:      insp.Root(),
		n:         maxAttempts,
		budget:    budget,
		decls:     make(map[*types.Func]*ast.FuncDecl),
		reported:  make(map[reportKey]bool),
		waitFuncs: make(map[*types.Func]bool),
	}
	if c.n < 1 {
		c.n = 5
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					c.decls[fn] = fd
				}
			}
		}
	}
	if len(model.Requests) > 0 {
		c.checkLoops()
	}
	if usesLib {
		c.checkLibraries()
	}
	return nil, nil
}

type checker struct {
	pass      *analysis.Pass
	model     *httpmodel.Model
	rep       *report.Reporter
	root      inspector.Cursor
	n         int           // attempts the fixes insert
	budget    time.Duration // worst case allowed in a handler
	decls     map[*types.Func]*ast.FuncDecl
	reported  map[reportKey]bool
	waitFuncs map[*types.Func]bool // memo: this package's functions that wait
}

type reportKey struct {
	pos      token.Pos
	category string
}

// report reports d once per position and category.
func (c *checker) report(d analysis.Diagnostic) {
	k := reportKey{d.Pos, d.Category}
	if c.reported[k] {
		return
	}
	c.reported[k] = true
	c.rep.Report(d)
}
