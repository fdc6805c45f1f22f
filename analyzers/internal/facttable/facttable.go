// Package facttable holds an analyzer's facts about functions: those it
// derives for the package under analysis and those it imports for other
// packages' functions, behind one lookup, and the loop that derives
// facts that depend on each other until they settle.
package facttable

import (
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// Table holds one kind of function fact (F, exported as *F) for a pass.
// It is used by one analyzer's run, from one goroutine.
type Table[F any, P interface {
	*F
	analysis.Fact
}] struct {
	pass     *analysis.Pass
	local    map[*types.Func]P
	imported map[*types.Func]P
	// OnLocalRead, when set, is called with each function of the package
	// whose fact Of reads: a derivation that follows facts learns which
	// ones it depended on.
	OnLocalRead func(fn *types.Func)
}

// New returns an empty table for pass.
func New[F any, P interface {
	*F
	analysis.Fact
}](pass *analysis.Pass) *Table[F, P] {
	return &Table[F, P]{pass: pass, local: make(map[*types.Func]P), imported: make(map[*types.Func]P)}
}

// Of returns the fact of fn (of its generic origin): the one derived so far
// for a function of the package, or the one imported for another
// package's function; nil when there is none.
func (t *Table[F, P]) Of(fn *types.Func) P {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() == t.pass.Pkg {
		if t.OnLocalRead != nil {
			t.OnLocalRead(fn)
		}
		return t.local[fn]
	}
	f, seen := t.imported[fn]
	if !seen {
		f = new(F)
		if !t.pass.ImportObjectFact(fn, f) {
			f = nil
		}
		t.imported[fn] = f
	}
	return f
}

// Local returns the fact derived so far for fn, a function of the package,
// without reporting a read.
func (t *Table[F, P]) Local(fn *types.Func) P { return t.local[fn] }

// Set records fn's derived fact; nil removes it.
func (t *Table[F, P]) Set(fn *types.Func, f P) {
	if f == nil {
		delete(t.local, fn)
		return
	}
	t.local[fn] = f
}

// Export exports, for the analyses of importing packages, the derived fact
// of each of fns that keep accepts.
func (t *Table[F, P]) Export(fns []*types.Func, keep func(P) bool) {
	for _, fn := range fns {
		if f := t.local[fn]; f != nil && keep(f) {
			t.pass.ExportObjectFact(fn, f)
		}
	}
}

// Settle runs round until it reports that nothing changed, or maxRounds
// rounds have run (no limit when maxRounds <= 0): the fixed point of facts
// that depend on each other through calls.
func Settle(maxRounds int, round func() (changed bool)) {
	for n := 0; maxRounds <= 0 || n < maxRounds; n++ {
		if !round() {
			return
		}
	}
}
