package report

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// DirectivePrefix starts a suppression comment.
const DirectivePrefix = "//httpvet:ignore"

// Directive is one //httpvet:ignore comment:
//
//	//httpvet:ignore timeout,retry the upstream is a local sidecar
//
// It silences the named analyzers on its own line and on the line below.
type Directive struct {
	Pos token.Pos
	// File and Line are where the directive is shown (after //line
	// directives), as diagnostics are: see Reporter.Silenced.
	File      string
	Line      int
	Analyzers []string
	Reason    string
	// Generated reports that the directive is in a generated file.
	Generated bool
}

// Names reports whether the directive names analyzer.
func (d *Directive) Names(analyzer string) bool {
	for _, a := range d.Analyzers {
		if a == analyzer {
			return true
		}
	}
	return false
}

// parseDirectives returns the package's directives and the names (on disk)
// of its generated files.
func parseDirectives(pass *analysis.Pass) ([]*Directive, map[string]bool) {
	var ds []*Directive
	generatedFiles := make(map[string]bool)
	for _, file := range pass.Files {
		generated := isGenerated(pass.Fset, file)
		if generated {
			generatedFiles[pass.Fset.File(file.FileStart).Name()] = true
		}
		for _, group := range file.Comments {
			for _, c := range group.List {
				if d := parseDirective(pass.Fset, c); d != nil {
					d.Generated = generated
					ds = append(ds, d)
				}
			}
		}
	}
	return ds, generatedFiles
}

// parseDirective returns the directive c is, or nil. The prefix must be
// followed by a blank or end the comment: //httpvet:ignored is no directive.
func parseDirective(fset *token.FileSet, c *ast.Comment) *Directive {
	rest, ok := strings.CutPrefix(c.Text, DirectivePrefix)
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return nil
	}
	fields := strings.Fields(rest)
	d := &Directive{Pos: c.Pos()}
	pos := fset.Position(c.Pos()) // as diagnostics are placed: see Reporter.Silenced
	d.File, d.Line = pos.Filename, pos.Line
	if len(fields) > 0 {
		for _, name := range strings.Split(fields[0], ",") {
			if name = strings.TrimSpace(name); name != "" {
				d.Analyzers = append(d.Analyzers, name)
			}
		}
		d.Reason = strings.Join(fields[1:], " ")
	}
	return d
}

// isGenerated reports whether file is generated code, whose findings are
// not shown: it says so ("// Code generated ... DO NOT EDIT."), and it is not
// a rewritten source file (see rewritesSource).
func isGenerated(fset *token.FileSet, file *ast.File) bool {
	return ast.IsGenerated(file) && !rewritesSource(fset, file)
}

// rewritesSource reports whether file, marked as generated, is a Go source
// file rewritten by a tool that maps its whole content back to the
// original with a //line directive before the package clause: cgo's output
// for a file that imports "C". Its code is the user's own, as written in
// that .go file, so it is judged like the original. Other generated files
// (a parser from a .y grammar, a template's output) are not.
func rewritesSource(fset *token.FileSet, file *ast.File) bool {
	shown, real := fset.PositionFor(file.Package, true), fset.PositionFor(file.Package, false)
	return shown.Filename != real.Filename && strings.HasSuffix(shown.Filename, ".go")
}
