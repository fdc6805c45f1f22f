package httpmodel_test

import (
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

// countUses reports, at each variable's declaration, how many uses
// Model.UseCursors gives it. Locals are asked for first, so that the
// declarations are indexed before any field is asked for: a field
// declared in a signature must still get its uses elsewhere, once each.
var countUses = &analysis.Analyzer{
	Name:     "countuses",
	Doc:      "test analyzer counting Model.UseCursors",
	Requires: []*analysis.Analyzer{inspect.Analyzer, httpmodel.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		m := pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model)
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		var locals, fields []*ast.Ident
		for cur := range insp.Root().Preorder((*ast.Ident)(nil)) {
			id := cur.Node().(*ast.Ident)
			v, ok := pass.TypesInfo.Defs[id].(*types.Var)
			switch {
			case !ok:
			case v.IsField():
				fields = append(fields, id)
			default:
				locals = append(locals, id)
			}
		}
		seen := make(map[*types.Var]bool)
		for _, id := range append(locals, fields...) {
			v := pass.TypesInfo.Defs[id].(*types.Var)
			if seen[v] {
				continue
			}
			seen[v] = true
			us := m.UseCursors(v)
			for i := 1; i < len(us); i++ {
				if us[i].Node().Pos() <= us[i-1].Node().Pos() {
					pass.Reportf(id.Pos(), "%s: uses out of order", id.Name)
				}
			}
			pass.Reportf(id.Pos(), "%s: %d uses", id.Name, len(us))
		}
		return nil, nil
	},
}

func TestUseCursors(t *testing.T) {
	analysistest.Run(t, testsupport.Testdata(t), countUses, "httpmodel/uses")
}
