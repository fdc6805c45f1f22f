package sequential

import (
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// Small helpers.

// isErrCheck reports whether cond is x != nil for an error x.
func isErrCheck(info *types.Info, cond ast.Expr) bool {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ {
		return false
	}
	return astq.IsNil(info, b.Y) && types.Identical(info.TypeOf(b.X), types.Universe.Lookup("error").Type())
}

func exprNodes(es []ast.Expr) []ast.Node {
	var ns []ast.Node
	for _, e := range es {
		ns = append(ns, e)
	}
	return ns
}

func (c *checker) fileOf(pos token.Pos) *ast.File { return fixes.FileOf(c.pass, pos) }

func (c *checker) source(n ast.Node) string { return fixes.Source(c.pass, n) }

func (c *checker) sources(es []ast.Expr) []string {
	var out []string
	for _, e := range es {
		out = append(out, c.source(e))
	}
	return out
}

// commonContext returns the context argument every call of the steps takes,
// when it is one variable passed directly, or nil.
func (c *checker) commonContext(steps []step) *ast.Ident {
	var ctx *ast.Ident
	for _, s := range steps {
		var found *ast.Ident
		for _, a := range s.call.Args {
			id, ok := ast.Unparen(a).(*ast.Ident)
			if !ok || !httpmodel.IsNamed(c.info.TypeOf(id), "context", "Context") {
				continue
			}
			if found != nil {
				return nil
			}
			found = id
		}
		if found == nil || c.varOfIdent(found) == nil || (ctx != nil && c.info.Uses[found] != c.info.Uses[ctx]) {
			return nil
		}
		if ctx == nil {
			ctx = found
		}
	}
	return ctx
}

// importsErrgroup reports whether a file of the package imports errgroup.
func (c *checker) importsErrgroup() bool {
	for _, p := range c.pass.Pkg.Imports() {
		if p.Path() == "golang.org/x/sync/errgroup" {
			return true
		}
	}
	return false
}

// goVersionAtLeast reports whether file is compiled as Go v or later. An
// unknown version means the toolchain's own.
func (c *checker) goVersionAtLeast(file *ast.File, v string) bool {
	fv := c.info.FileVersions[file]
	if fv == "" {
		fv = c.pass.Pkg.GoVersion()
	}
	return fv == "" || version.Compare(fv, v) >= 0
}

// typeText writes t as the file would, adding imports where needed; it fails
// for types the file cannot name.
func (c *checker) typeText(file *ast.File, pos token.Pos, t types.Type) (string, []analysis.TextEdit, bool) {
	if !c.nameable(t) {
		return "", nil, false
	}
	var edits []analysis.TextEdit
	qual := func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		q, es := fixes.AddImport(c.info, c.pass.Pkg, file, pos, p.Path(), p.Name())
		edits = append(edits, es...)
		return strings.TrimSuffix(q, ".")
	}
	return types.TypeString(t, qual), edits, true
}

// nameable reports whether t can be written in this package.
func (c *checker) nameable(t types.Type) bool {
	visible := func(obj types.Object) bool {
		return obj.Pkg() == nil || obj.Pkg() == c.pass.Pkg || obj.Exported()
	}
	switch t := t.(type) {
	case *types.Basic:
		return t.Info()&types.IsUntyped == 0
	case *types.Alias, *types.Named:
		generic := t.(interface {
			Obj() *types.TypeName
			TypeArgs() *types.TypeList
		})
		if !visible(generic.Obj()) {
			return false
		}
		for ta := range generic.TypeArgs().Types() {
			if !c.nameable(ta) {
				return false
			}
		}
		return true
	case *types.Pointer:
		return c.nameable(t.Elem())
	case *types.Slice:
		return c.nameable(t.Elem())
	case *types.Array:
		return c.nameable(t.Elem())
	case *types.Map:
		return c.nameable(t.Key()) && c.nameable(t.Elem())
	case *types.Chan:
		return c.nameable(t.Elem())
	case *types.TypeParam:
		return true
	case *types.Interface:
		return t.Empty()
	}
	return false
}
