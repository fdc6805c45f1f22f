package clientreuse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/report"
)

// Analyzer reports http.Transports built and thrown away per unit of work.
var Analyzer = &analysis.Analyzer{
	Name:      "clientreuse",
	Doc:       analyzerdoc.Doc(doc, "clientreuse"),
	URL:       analyzerdoc.URL("clientreuse"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, httpmodel.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(FactoryFact)},
}

// FactoryFact marks a function that builds a fresh http.Transport on every
// call and returns it, or an http.Client or other value holding it, as its
// result number Result.
type FactoryFact struct {
	Result int
}

// AFact marks FactoryFact as an analysis fact.
func (*FactoryFact) AFact() {}

func (f *FactoryFact) String() string { return fmt.Sprintf("newtransport(result %d)", f.Result) }

// Category is the category of every diagnostic of the analyzer.
const Category = "per-request"

// FixMessage is the message of the hoisting fix.
const FixMessage = "Build the transport once at package level"

const retryablehttpPath = "github.com/hashicorp/go-retryablehttp"

func run(pass *analysis.Pass) (any, error) {
	model, ok := pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model)
	if !ok || model == nil {
		return nil, nil
	}
	if !httpmodel.ImportsNetHTTP(pass.Pkg) && len(model.Requests) == 0 {
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := newChecker(pass, model, insp)
	if len(c.constructions) == 0 && !c.callsImportedFactory() {
		// No fresh Transport is made here: nothing to report, and no
		// function of the package can be a factory.
		return nil, nil
	}
	c.indexRefs(insp)
	c.computeSetup()
	c.computeFactories()
	c.report(report.New(pass, model))
	return nil, nil
}

// checker holds what one pass knows; it lives for one call of run.
type checker struct {
	pass  *analysis.Pass
	model *httpmodel.Model
	info  *types.Info

	constructions []inspector.Cursor // Transport constructions
	calls         []inspector.Cursor // calls of functions that may be factories
	decls         []*ast.FuncDecl
	funcOf        map[*types.Func]*ast.FuncDecl
	refs          map[*types.Func][]inspector.Cursor // references to the package's functions, by indexRefs

	setup     map[*types.Func]bool
	factories map[*types.Func]int
	imported  map[*types.Func]*FactoryFact
	names     map[string]bool // package-level names chosen by this pass's fixes
}

func newChecker(pass *analysis.Pass, model *httpmodel.Model, insp *inspector.Inspector) *checker {
	c := &checker{
		pass: pass, model: model, info: pass.TypesInfo,
		funcOf:    make(map[*types.Func]*ast.FuncDecl),
		refs:      make(map[*types.Func][]inspector.Cursor),
		setup:     make(map[*types.Func]bool),
		factories: make(map[*types.Func]int),
		imported:  make(map[*types.Func]*FactoryFact),
		names:     make(map[string]bool),
	}
	filter := []ast.Node{(*ast.FuncDecl)(nil), (*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)}
	for cur := range insp.Root().Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			c.decls = append(c.decls, n)
			if fn, ok := c.info.Defs[n.Name].(*types.Func); ok {
				c.funcOf[fn] = n
			}
		case *ast.CompositeLit:
			if tv, ok := c.info.Types[n]; ok && httpmodel.IsNamed(tv.Type, "net/http", "Transport") {
				if cur.ParentEdgeKind() == edge.UnaryExpr_X && cur.Parent().Node().(*ast.UnaryExpr).Op == token.AND {
					cur = cur.Parent()
				}
				c.constructions = append(c.constructions, cur)
			}
		case *ast.CallExpr:
			if httpmodel.IsNewTransport(c.info, n) || httpmodel.IsFunc(model.Callee(n), "net/http", "Transport", "Clone") {
				c.constructions = append(c.constructions, cur)
			} else if fn := c.calleeOf(n); fn != nil && fn.Signature().Results().Len() > 0 {
				c.calls = append(c.calls, cur)
			}
		}
	}
	return c
}
