// Package fixes builds the pieces of suggested fixes that several analyzers
// need: adding an import, choosing a name nothing else uses, and writing the
// zero value of a type. It does not depend on any analyzer.
package fixes

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// AddImport makes the package at path usable at pos in file. It returns the
// qualifier to write before the package's names ("time." — or "" under a
// dot import) and the edits that add the import, if one is needed. An
// existing import is reused when its name is not shadowed at pos; a new one
// uses preferredName, or a fresh variant of it when that name is taken.
func AddImport(info *types.Info, pkg *types.Package, file *ast.File, pos token.Pos, path, preferredName string) (qualifier string, edits []analysis.TextEdit) {
	inner := innermost(pkg, file, pos)
	for _, spec := range file.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil || p != path {
			continue
		}
		if spec.Name != nil && spec.Name.Name == "." {
			return "", nil
		}
		pn := info.PkgNameOf(spec)
		if pn == nil || pn.Name() == "_" {
			continue
		}
		if _, obj := inner.LookupParent(pn.Name(), pos); obj == pn {
			return pn.Name() + ".", nil
		}
	}
	name := FreshName(preferredName, func(n string) bool {
		_, obj := inner.LookupParent(n, pos)
		return obj != nil
	})
	text := strconv.Quote(path)
	if name != preferredName {
		text = name + " " + text
	}
	return name + ".", []analysis.TextEdit{importEdit(file, path, text)}
}

// importEdit inserts an import spec (`"time"` or `name "path"`) for path
// into file, where goimports would put it: a standard-library package into
// the block's group of standard-library imports, in sorted order (or as a
// new first group), any other package at the end of the block.
func importEdit(file *ast.File, path, spec string) analysis.TextEdit {
	var block, last *ast.GenDecl
	for _, d := range file.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			last = g
			if block == nil && g.Rparen.IsValid() && len(g.Specs) > 0 {
				block = g
			}
		}
	}
	switch {
	case block != nil:
		return blockImportEdit(block, path, spec)
	case last != nil && last.Rparen.IsValid(): // import ()
		return analysis.TextEdit{Pos: last.Rparen, End: last.Rparen, NewText: []byte("\t" + spec + "\n")}
	case last != nil:
		return analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte("\nimport " + spec)}
	default:
		return analysis.TextEdit{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport " + spec)}
	}
}

// blockImportEdit inserts spec into a parenthesised import declaration.
func blockImportEdit(block *ast.GenDecl, path, spec string) analysis.TextEdit {
	insertBefore := func(s *ast.ImportSpec, text string) analysis.TextEdit {
		pos := s.Pos()
		if s.Doc != nil {
			pos = s.Doc.Pos()
		}
		return analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text)}
	}
	var lastStd *ast.ImportSpec
	lastIsStd := false
	for _, sp := range block.Specs {
		is := sp.(*ast.ImportSpec)
		p, err := strconv.Unquote(is.Path.Value)
		lastIsStd = err == nil && IsStdPath(p)
		if !lastIsStd {
			continue
		}
		if IsStdPath(path) && p > path {
			return insertBefore(is, spec+"\n\t")
		}
		lastStd = is
	}
	if !IsStdPath(path) {
		text := "\t" + spec + "\n"
		if lastIsStd {
			text = "\n" + text // a group of its own after the standard library's
		}
		return analysis.TextEdit{Pos: block.Rparen, End: block.Rparen, NewText: []byte(text)}
	}
	if lastStd == nil {
		return insertBefore(block.Specs[0].(*ast.ImportSpec), spec+"\n\n\t")
	}
	end := lastStd.End()
	if lastStd.Comment != nil {
		end = lastStd.Comment.End()
	}
	return analysis.TextEdit{Pos: end, End: end, NewText: []byte("\n\t" + spec)}
}

// IsStdPath reports whether an import path names a standard-library
// package: its first element has no dot, as goimports decides.
func IsStdPath(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// innermost returns the innermost scope containing pos in file.
func innermost(pkg *types.Package, file *ast.File, pos token.Pos) *types.Scope {
	if s := pkg.Scope().Innermost(pos); s != nil {
		return s
	}
	return pkg.Scope()
}

// FreshName returns base, or base2, base3, ... : the first that taken rejects.
func FreshName(base string, taken func(string) bool) string {
	name := base
	for i := 2; taken(name); i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	return name
}

// PackageNameTaken returns a test for FreshName that rejects names declared
// at package level, imported by any file of the package, or visible at pos
// (so that a new package-level name is not shadowed where it is used).
func PackageNameTaken(pkg *types.Package, info *types.Info, files []*ast.File, pos token.Pos) func(string) bool {
	return func(name string) bool {
		if pkg.Scope().Lookup(name) != nil {
			return true
		}
		for _, f := range files {
			if s := info.Scopes[f]; s != nil && s.Lookup(name) != nil {
				return true
			}
		}
		if s := pkg.Scope().Innermost(pos); s != nil {
			if _, obj := s.LookupParent(name, pos); obj != nil {
				return true
			}
		}
		return false
	}
}

// ZeroValue returns the source text of t's zero value, naming types with qual.
func ZeroValue(t types.Type, qual types.Qualifier) string {
	switch u := types.Unalias(t).(type) {
	case *types.TypeParam:
		return "*new(" + types.TypeString(t, qual) + ")"
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false"
		case u.Info()&types.IsString != 0:
			return `""`
		case u.Info()&types.IsNumeric != 0:
			return "0"
		default:
			return "nil" // unsafe.Pointer, untyped nil
		}
	case *types.Named:
		switch under := u.Underlying().(type) {
		case *types.Struct, *types.Array:
			return types.TypeString(t, qual) + "{}"
		case *types.Basic:
			if under.Info()&(types.IsNumeric|types.IsString|types.IsBoolean) != 0 {
				z := ZeroValue(under, qual)
				if under.Info()&types.IsBoolean != 0 {
					return z
				}
				return types.TypeString(t, qual) + "(" + z + ")"
			}
		}
		return "nil"
	case *types.Struct, *types.Array:
		return types.TypeString(t, qual) + "{}"
	}
	return "nil" // pointer, slice, map, chan, func, interface
}

// FileOf returns the file of pass that contains pos, or nil.
func FileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// Position returns where pos is in the file as it is on disk. Fixes edit
// that file, so they never use the lines and names that //line directives
// (templates, goyacc, cgo) map positions to: those belong to another file.
func Position(fset *token.FileSet, pos token.Pos) token.Position {
	return fset.PositionFor(pos, false)
}

// LineStart returns the start of the line of tf, as it is on disk, that
// holds pos.
func LineStart(tf *token.File, pos token.Pos) token.Pos {
	return tf.LineStart(tf.PositionFor(pos, false).Line)
}

// SameLine reports whether a and b are on one line of the file on disk.
func SameLine(fset *token.FileSet, a, b token.Pos) bool {
	pa, pb := Position(fset, a), Position(fset, b)
	return pa.Filename == pb.Filename && pa.Line == pb.Line
}

// Editable reports whether an edit at pos changes the file that the finding
// is shown in. It is false inside a region that a //line directive maps to
// another file: there the text at pos was produced from that file (cgo's
// rewrite of a source file, a template's output), and an edit would land in
// the tool's output instead of the code the user wrote.
func Editable(fset *token.FileSet, pos token.Pos) bool {
	return fset.PositionFor(pos, true).Filename == fset.PositionFor(pos, false).Filename
}

// Source returns the text of n as written, so that fixes keep the user's
// spelling and formatting; it falls back to printing n.
func Source(pass *analysis.Pass, n ast.Node) string {
	start, end := Position(pass.Fset, n.Pos()), Position(pass.Fset, n.End())
	if src, err := pass.ReadFile(start.Filename); err == nil && start.Offset <= end.Offset && end.Offset <= len(src) {
		return string(src[start.Offset:end.Offset])
	}
	var buf bytes.Buffer
	printer.Fprint(&buf, pass.Fset, n)
	return buf.String()
}

// SourceRange returns the source text between two positions of one file.
func SourceRange(pass *analysis.Pass, from, to token.Pos) string {
	start, end := Position(pass.Fset, from), Position(pass.Fset, to)
	src, err := pass.ReadFile(start.Filename)
	if err != nil || start.Offset > end.Offset || end.Offset > len(src) {
		return ""
	}
	return string(src[start.Offset:end.Offset])
}

// Indent returns the whitespace that starts the line holding pos.
func Indent(pass *analysis.Pass, pos token.Pos) string {
	p := Position(pass.Fset, pos)
	src, err := pass.ReadFile(p.Filename)
	start := p.Offset - (p.Column - 1)
	if err != nil || start < 0 || p.Offset > len(src) {
		return "\t"
	}
	i := start
	for i < p.Offset && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return string(src[start:i])
}

// Signature returns the signature of fn, an *ast.FuncDecl or *ast.FuncLit.
func Signature(info *types.Info, fn ast.Node) *types.Signature {
	switch f := fn.(type) {
	case *ast.FuncDecl:
		if obj, ok := info.Defs[f.Name].(*types.Func); ok {
			return obj.Signature()
		}
	case *ast.FuncLit:
		sig, _ := info.TypeOf(f).(*types.Signature)
		return sig
	}
	return nil
}

// ZeroResults returns "z1, z2, ..., " — the zero values of fn's results but
// the last, each followed by a comma — for a return statement at pos that
// ends with an error: return <zeros>err. It reports false unless fn's last
// result is error. Types of other packages are named through the file's
// imports, and the edits add the imports that are missing.
func ZeroResults(pass *analysis.Pass, fn ast.Node, file *ast.File, pos token.Pos) (string, []analysis.TextEdit, bool) {
	sig := Signature(pass.TypesInfo, fn)
	if sig == nil || sig.Results().Len() == 0 || !IsError(sig.Results().At(sig.Results().Len()-1).Type()) {
		return "", nil, false
	}
	quals := make(map[string]string)
	var edits []analysis.TextEdit
	qual := func(p *types.Package) string {
		if p == pass.Pkg {
			return ""
		}
		if q, ok := quals[p.Path()]; ok {
			return q
		}
		q, e := AddImport(pass.TypesInfo, pass.Pkg, file, pos, p.Path(), p.Name())
		q = strings.TrimSuffix(q, ".")
		quals[p.Path()] = q
		edits = append(edits, e...)
		return q
	}
	var s strings.Builder
	for i := 0; i < sig.Results().Len()-1; i++ {
		s.WriteString(ZeroValue(sig.Results().At(i).Type(), qual))
		s.WriteString(", ")
	}
	return s.String(), edits, true
}

// IsError reports whether t is the predeclared error type.
func IsError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// NextLine returns the start of the line after n and the indentation of
// n's first line, for inserting a statement after n. It reports false when
// anything but a comment follows n on its last line.
func NextLine(pass *analysis.Pass, n ast.Node) (token.Pos, string, bool) {
	tf := pass.Fset.File(n.Pos())
	if tf == nil || pass.ReadFile == nil {
		return token.NoPos, "", false
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil || tf.Size() != len(src) {
		return token.NoPos, "", false
	}
	start := tf.Offset(LineStart(tf, n.Pos()))
	indent := src[start:]
	indent = indent[:len(indent)-len(bytes.TrimLeft(indent, " \t"))]
	end := tf.Offset(n.End())
	nl := bytes.IndexByte(src[end:], '\n')
	if nl < 0 {
		return token.NoPos, "", false
	}
	if rest := strings.TrimSpace(string(src[end : end+nl])); rest != "" && !strings.HasPrefix(rest, "//") {
		return token.NoPos, "", false
	}
	return tf.Pos(end + nl + 1), string(indent), true
}
