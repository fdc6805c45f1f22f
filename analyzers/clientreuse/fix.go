package clientreuse

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/printer"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// The fix: hoisting the construction to a package-level variable.

// hoist builds the fix that moves the construction to a package-level
// variable, when that keeps the program's meaning.
func (c *checker) hoist(r root, f *flow) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if f.mutates || f.closeOdd {
		return none, false
	}
	if tv, ok := c.info.Types[r.expr]; !ok || !httpmodel.IsPointerTo(tv.Type, "net/http", "Transport") {
		return none, false // a Transport value would be copied
	}
	if !c.onlyPackageLevel(r.expr) {
		return none, false
	}
	var file *ast.File
	for _, fl := range c.pass.Files {
		if fl.FileStart <= r.expr.Pos() && r.expr.Pos() < fl.FileEnd {
			file = fl
		}
	}
	if file == nil {
		return none, false
	}
	var top ast.Decl
	for e := range r.cur.Enclosing() {
		if d, ok := e.Node().(ast.Decl); ok && e.ParentEdgeKind() == edge.File_Decls {
			top = d
		}
	}
	if top == nil {
		return none, false
	}
	base, insertAt := "", top.Pos()
	switch d := top.(type) {
	case *ast.FuncDecl:
		base = d.Name.Name
		if d.Doc != nil {
			insertAt = d.Doc.Pos()
		}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			if vs, ok := s.(*ast.ValueSpec); ok && astq.Within(r.expr, vs) && len(vs.Names) > 0 {
				base = vs.Names[0].Name
			}
		}
		if d.Doc != nil {
			insertAt = d.Doc.Pos()
		}
	}
	taken := fixes.PackageNameTaken(c.pass.Pkg, c.info, c.pass.Files, r.expr.Pos())
	name := fixes.FreshName(lowerInitial(base)+"Transport", func(n string) bool { return c.names[n] || taken(n) })
	c.names[name] = true

	var buf bytes.Buffer
	if err := format.Node(&buf, c.pass.Fset, &printer.CommentedNode{Node: r.expr, Comments: file.Comments}); err != nil {
		return none, false
	}
	edits := []analysis.TextEdit{
		{Pos: insertAt, End: insertAt, NewText: []byte("var " + name + " = " + buf.String() + "\n\n")},
		{Pos: r.expr.Pos(), End: r.expr.End(), NewText: []byte(name)},
	}
	for _, s := range f.closes {
		edits = append(edits, c.deleteStmt(s))
	}
	return analysis.SuggestedFix{Message: FixMessage, TextEdits: edits}, true
}

// onlyPackageLevel reports whether e names only things that mean the same
// at package level: package-level constants, types, functions, variables
// assigned only by their declaration, imported names and names declared in e.
func (c *checker) onlyPackageLevel(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !ok || !isID {
			return ok
		}
		obj := c.info.Uses[id]
		if obj == nil || obj.Parent() == nil || obj.Parent() == types.Universe {
			return true // a field, a method, a definition, or predeclared
		}
		if e.Pos() <= obj.Pos() && obj.Pos() < e.End() {
			return true
		}
		if _, isTP := obj.Type().(*types.TypeParam); isTP {
			ok = false
			return false
		}
		switch {
		case obj.Pkg() != c.pass.Pkg:
		case obj.Parent() == c.pass.Pkg.Scope():
			if v, isVar := obj.(*types.Var); isVar && len(c.model.AssignmentsOf(v)) > 1 {
				ok = false // set again later (flags, configuration): its value at start-up may differ
			}
		default:
			if _, isPkg := obj.(*types.PkgName); !isPkg {
				ok = false // a local or a parameter
			}
		}
		return ok
	})
	return ok
}

// deleteStmt deletes s, with its line when it stands alone on it.
func (c *checker) deleteStmt(s ast.Stmt) analysis.TextEdit {
	edit := analysis.TextEdit{Pos: s.Pos(), End: s.End()}
	tf := c.pass.Fset.File(s.Pos())
	if tf == nil {
		return edit
	}
	content, err := c.pass.ReadFile(tf.Name())
	if err != nil || tf.Size() != len(content) {
		return edit
	}
	start, end := tf.Offset(s.Pos()), tf.Offset(s.End())
	lineStart := tf.Offset(fixes.LineStart(tf, s.Pos()))
	if strings.TrimSpace(string(content[lineStart:start])) != "" {
		return edit
	}
	rest := content[end:]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 || strings.TrimSpace(string(rest[:nl])) != "" {
		return edit
	}
	return analysis.TextEdit{Pos: tf.Pos(lineStart), End: tf.Pos(end + nl + 1)}
}
