package httpmodel

import (
	"go/ast"
	"go/types"
	"sort"
	"sync"

	"golang.org/x/tools/go/ast/inspector"
)

// localUses indexes the uses of variables as cursors, one function
// declaration at a time: the uses of a variable local to a declaration are
// all inside it, so the first question about one of its variables indexes
// that declaration alone, and a package's other functions are never walked.
// Safe for the analyzers sharing the model to call concurrently.
type localUses struct {
	mu      sync.Mutex
	of      map[*types.Var][]inspector.Cursor
	indexed map[*ast.FuncDecl]bool
}

// UseCursors returns the cursors of the uses of v, in source order. For a
// parameter or local variable of a function declaration they come from an
// index of that declaration built on first use; for other variables
// (package-level ones, fields, even of types declared inside a function,
// whose uses may lie elsewhere) from Uses.
func (m *Model) UseCursors(v *types.Var) []inspector.Cursor {
	lu := &m.localUses
	lu.mu.Lock()
	defer lu.mu.Unlock()
	if us, ok := lu.of[v]; ok {
		return us
	}
	if lu.of == nil {
		lu.of = make(map[*types.Var][]inspector.Cursor)
		lu.indexed = make(map[*ast.FuncDecl]bool)
	}
	if decl := m.DeclaringFunc(v); decl != nil {
		if cur, ok := m.Cursor(decl); ok {
			if !lu.indexed[decl] {
				lu.indexed[decl] = true
				for id := range cur.Preorder((*ast.Ident)(nil)) {
					u, ok := m.info.Uses[id.Node().(*ast.Ident)].(*types.Var)
					if ok && !u.IsField() && decl.Pos() <= u.Pos() && u.Pos() < decl.End() {
						lu.of[u] = append(lu.of[u], id)
					}
				}
			}
			us := lu.of[v]
			lu.of[v] = us // remember "no uses" too
			return us
		}
	}
	var us []inspector.Cursor
	for _, id := range m.Uses(v) {
		if cur, ok := m.Cursor(id); ok {
			us = append(us, cur)
		}
	}
	lu.of[v] = us
	return us
}

// DeclaringFunc returns the function declaration a parameter or local
// variable of the package belongs to, or nil (package-level variables,
// fields, variables of other packages).
func (m *Model) DeclaringFunc(v *types.Var) *ast.FuncDecl {
	if v.IsField() || v.Pkg() == nil || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	file, ok := m.fileAt(v.Pos())
	if !ok {
		return nil
	}
	decls := file.Node().(*ast.File).Decls
	i := sort.Search(len(decls), func(i int) bool { return decls[i].End() > v.Pos() })
	if i < len(decls) {
		if d, ok := decls[i].(*ast.FuncDecl); ok && d.Pos() <= v.Pos() {
			return d
		}
	}
	return nil
}
