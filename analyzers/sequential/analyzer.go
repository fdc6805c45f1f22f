package sequential

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/report"
)

// Analyzer reports independent GET requests made one after another.
var Analyzer = &analysis.Analyzer{
	Name:      "sequential",
	Doc:       analyzerdoc.Doc(doc, "sequential"),
	URL:       analyzerdoc.URL("sequential"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, httpmodel.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(stateFact)},
}

// Category is the category of the analyzer's diagnostics.
const Category = "independent-calls"

// reportLoops turns on the report of range loops that send one independent
// request per element. It is read only inside run.
var reportLoops bool

func init() {
	Analyzer.Flags.BoolVar(&reportLoops, "loops", false,
		"also report range loops that send one independent GET request per element, one after another")
}

func run(pass *analysis.Pass) (any, error) {
	model := pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model)
	loops := reportLoops
	if !model.HTTP || stdlib(pass) {
		// No request can be sent from here; the standard library is
		// judged by fixed rules, not facts.
		return nil, nil
	}
	c := &checker{
		pass:  pass,
		info:  pass.TypesInfo,
		model: model,
		rep:   report.New(pass, model),
		loops: loops,
	}
	// Facts first: callers in other packages need them even when this
	// package has nothing to report.
	c.st = c.computeStates()

	// Fast path: a function needs two safe requests (or, with -loops, one).
	count := make(map[ast.Node]int)
	for _, req := range model.Requests {
		if req.Func != nil && safeMethod(req.Method) {
			count[req.Func]++
		}
	}
	var funcs []ast.Node
	for fn, n := range count {
		if n >= 2 || loops {
			funcs = append(funcs, fn)
		}
	}
	if len(funcs) == 0 {
		return nil, nil
	}
	slices.SortFunc(funcs, func(a, b ast.Node) int { return int(a.Pos() - b.Pos()) })

	for _, fn := range funcs {
		cur, ok := model.Cursor(fn)
		if !ok {
			continue
		}
		c.checkFunc(cur)
	}
	return nil, nil
}

type checker struct {
	pass  *analysis.Pass
	info  *types.Info
	model *httpmodel.Model
	rep   *report.Reporter
	loops bool
	fn    ast.Node // the function being checked
	st    *states
}

func safeMethod(m string) bool { return m == "GET" || m == "HEAD" }
