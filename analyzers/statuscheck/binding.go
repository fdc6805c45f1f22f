package statuscheck

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// The shared walk: the uses of each variable, indexed per function, and the
// binding of a request's results with the region where they are live.

// after returns the uses of v in b's region: after its statement, before
// the response variable is assigned again or the function ends.
func (c *checker) after(v *types.Var, b *httpmodel.Binding) []inspector.Cursor {
	return between(c.model.UseCursors(v), b.Stmt.End(), b.End)
}

// usedOnlyIn returns the function (declaration or literal) that holds
// every use of v, or nil when its uses are spread over several (captured by
// a closure). It is computed once per variable.
func (c *checker) usedOnlyIn(v *types.Var) ast.Node {
	if fn, ok := c.soleFunc[v]; ok {
		return fn
	}
	var fn ast.Node
	for i, u := range c.model.UseCursors(v) {
		f := httpmodel.EnclosingFunc(u)
		if i == 0 {
			fn = f
		} else if f != fn {
			fn = nil
			break
		}
	}
	c.soleFunc[v] = fn
	return fn
}

// between returns the uses, in source order, that start strictly after
// from and before to.
func between(us []inspector.Cursor, from, to token.Pos) []inspector.Cursor {
	i := sort.Search(len(us), func(i int) bool { return us[i].Node().Pos() > from })
	j := sort.Search(len(us), func(j int) bool { return us[j].Node().Pos() >= to })
	if i >= j {
		return nil
	}
	return us[i:j]
}
