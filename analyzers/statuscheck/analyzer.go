package statuscheck

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/facttable"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/report"
)

// Analyzer reports responses whose error or status is never checked.
var Analyzer = &analysis.Analyzer{
	Name:      "statuscheck",
	Doc:       analyzerdoc.Doc(doc, "statuscheck"),
	URL:       analyzerdoc.URL("statuscheck"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, httpmodel.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(statusFact)},
}

// Categories of the diagnostics.
const (
	categoryIgnoredError    = "ignored-error"
	categoryUncheckedStatus = "unchecked-status"
)

func run(pass *analysis.Pass) (any, error) {
	model := pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model)
	if !model.HTTP {
		// Nothing here can see a response. The model also skips the
		// standard library: net/http examines statuses internally
		// (redirects), and facts about it would make every call look checked.
		return nil, nil
	}

	// Fast path: no request is sent here, and no function takes or returns
	// a response (so none deserves a fact).
	var decls []*ast.FuncDecl
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && handlesResponse(pass.TypesInfo, fd) {
				decls = append(decls, fd)
			}
		}
	}
	if len(model.Requests) == 0 && len(decls) == 0 {
		return nil, nil
	}

	c := &checker{
		pass:     pass,
		model:    model,
		rep:      report.New(pass, model),
		soleFunc: make(map[*types.Var]ast.Node),
		naked:    make(map[ast.Node][]token.Pos),
		dataUses: make(map[*types.Var][]token.Pos),
		src:      make(map[string][]byte),

		unsafeZero: make(map[ast.Node]bool),
		errDecode:  make(map[ast.Node]bool),
		zeroConst:  make(map[*types.Named]bool),
		facts:      facttable.New[statusFact](pass),
		requests:   make(map[*ast.FuncDecl][]*httpmodel.Request),
	}
	for _, req := range model.Requests {
		if req.Decl != nil {
			c.requests[req.Decl] = append(c.requests[req.Decl], req)
		}
	}

	c.computeFacts(decls)
	for _, req := range model.Requests {
		b := c.model.Binding(req)
		if b == nil {
			continue
		}
		c.checkError(req, b)
		c.checkStatus(req, b)
	}
	return nil, nil
}

// checker holds what run computes for one package. Everything a request's
// check asks about a variable or a function is computed once and kept
// (sorted by position, searched by bisection): a function with thousands of
// requests sharing one response variable must cost time linear in its size.
type checker struct {
	pass     *analysis.Pass
	model    *httpmodel.Model
	rep      *report.Reporter
	soleFunc map[*types.Var]ast.Node    // the one function all uses of a variable are in, nil if several
	naked    map[ast.Node][]token.Pos   // positions of a function's naked returns, by nakedReturn
	dataUses map[*types.Var][]token.Pos // uses of a buffer that return or decode its data, by dataUsesOf
	src      map[string][]byte          // file contents, by fileSource
	// Fix-safety answers, per function or per type.
	unsafeZero map[ast.Node]bool
	errDecode  map[ast.Node]bool
	zeroConst  map[*types.Named]bool
	facts      *facttable.Table[statusFact, *statusFact]
	requests   map[*ast.FuncDecl][]*httpmodel.Request
}
