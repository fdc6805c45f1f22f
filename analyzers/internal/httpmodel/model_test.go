package httpmodel_test

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/ast"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/testsupport"
)

// describe reports, as diagnostics, what the model knows: each request,
// each handler, and the fact of each function, so that testdata can state
// the expected knowledge with // want comments.
var describe = &analysis.Analyzer{
	Name:     "describe",
	Doc:      "test analyzer printing the httpvet model",
	Requires: []*analysis.Analyzer{inspect.Analyzer, httpmodel.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		m := pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model)
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		for _, req := range m.Requests {
			method := req.Method
			if method == "" {
				method = "?"
			}
			msg := fmt.Sprintf("request via=%s method=%s ctx=%s client=%s", req.Via, method, req.Context.Kind, req.Client.Kind)
			if k := req.Client.Kind; k == httpmodel.ClientLiteral || k == httpmodel.ClientPackageVar {
				msg += " timeout=" + req.Client.Timeout.String()
			}
			if req.Go {
				msg += " go"
			}
			pass.Reportf(req.Call.Pos(), "%s", msg)
		}
		for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			n := cur.Node()
			if d, ok := n.(*ast.FuncDecl); ok {
				if fn, ok := pass.TypesInfo.Defs[d.Name].(*types.Func); ok {
					if f := m.FactOf(fn); f != nil && (f.Sends || f.Builds) {
						pass.Reportf(d.Pos(), "fact %s", f)
					}
				}
			}
			if m.IsHandler(n) {
				pass.Reportf(n.Pos(), "handler")
			}
		}
		return nil, nil
	},
}

func TestModel(t *testing.T) {
	analysistest.Run(t, testsupport.Testdata(t), describe, "httpmodel/sdk", "httpmodel/app", "httpmodel/shapes")
}

// TestFactGob checks that facts survive the gob encoding go vet uses to
// carry them from one package's run to the next.
func TestFactGob(t *testing.T) {
	in := &httpmodel.FuncFact{Sends: true, Sent: httpmodel.ReqDesc{FromParam: 1, MethodParam: -1, Context: httpmodel.CtxParam, ContextParam: 0, InheritContext: false}}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(in); err != nil {
		t.Fatal(err)
	}
	out := new(httpmodel.FuncFact)
	if err := gob.NewDecoder(&buf).Decode(out); err != nil {
		t.Fatal(err)
	}
	if *in != *out {
		t.Errorf("gob round trip: got %+v, want %+v", out, in)
	}
}

// TestStrings checks the names the model's enumerations print as, the
// values testdata's want comments and debugging output spell.
func TestStrings(t *testing.T) {
	for _, tc := range []struct {
		value fmt.Stringer
		want  string
	}{
		{httpmodel.TriUnknown, "unknown"},
		{httpmodel.TriYes, "yes"},
		{httpmodel.TriNo, "no"},
		{httpmodel.ViaNetHTTP, "nethttp"},
		{httpmodel.ViaWellKnown, "wellknown"},
		{httpmodel.ViaFact, "fact"},
		{httpmodel.Via(9), "Via(9)"},
	} {
		if got := tc.value.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.value, got, tc.want)
		}
	}
}
