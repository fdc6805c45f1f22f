package facttable_test

import (
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/facttable"
)

type sends struct{ N int }

func (*sends) AFact() {}

func TestSettle(t *testing.T) {
	runs := 0
	facttable.Settle(0, func() bool { runs++; return runs < 3 })
	if runs != 3 {
		t.Errorf("unbounded Settle ran %d rounds, want 3 (until a round changes nothing)", runs)
	}
	runs = 0
	facttable.Settle(4, func() bool { runs++; return true })
	if runs != 4 {
		t.Errorf("Settle(4) ran %d rounds of a never-settling derivation, want 4", runs)
	}
}

func TestTable(t *testing.T) {
	here := types.NewPackage("example.com/here", "here")
	there := types.NewPackage("example.com/there", "there")
	sig := types.NewSignatureType(nil, nil, nil, nil, nil, false)
	local := types.NewFunc(token.NoPos, here, "local", sig)
	remote := types.NewFunc(token.NoPos, there, "remote", sig)
	bare := types.NewFunc(token.NoPos, there, "bare", sig)

	imports := 0
	var exported []types.Object
	pass := &analysis.Pass{
		Pkg: here,
		ImportObjectFact: func(obj types.Object, f analysis.Fact) bool {
			imports++
			if obj == remote {
				f.(*sends).N = 7
				return true
			}
			return false
		},
		ExportObjectFact: func(obj types.Object, _ analysis.Fact) { exported = append(exported, obj) },
	}
	tab := facttable.New[sends](pass)
	var reads []*types.Func
	tab.OnLocalRead = func(fn *types.Func) { reads = append(reads, fn) }

	if f := tab.Of(local); f != nil {
		t.Errorf("Of(local) before Set = %+v, want nil", f)
	}
	tab.Set(local, &sends{N: 1})
	if f := tab.Of(local); f == nil || f.N != 1 {
		t.Errorf("Of(local) = %+v, want N=1", f)
	}
	if len(reads) != 2 || reads[0] != local {
		t.Errorf("local reads recorded: %v, want local twice", reads)
	}
	if f := tab.Of(remote); f == nil || f.N != 7 {
		t.Errorf("Of(remote) = %+v, want the imported N=7", f)
	}
	tab.Of(remote)
	if f := tab.Of(bare); f != nil {
		t.Errorf("Of(bare) = %+v, want nil (no fact to import)", f)
	}
	tab.Of(bare)
	if imports != 2 {
		t.Errorf("%d imports for two functions asked twice each, want 2 (cached)", imports)
	}
	tab.Set(local, &sends{N: 0})
	tab.Export([]*types.Func{local}, func(f *sends) bool { return f.N > 0 })
	if len(exported) != 0 {
		t.Errorf("exported %v, want nothing: keep refuses N=0", exported)
	}
	tab.Set(local, &sends{N: 2})
	tab.Export([]*types.Func{local}, func(f *sends) bool { return f.N > 0 })
	if len(exported) != 1 || exported[0] != local {
		t.Errorf("exported %v, want local", exported)
	}
}
