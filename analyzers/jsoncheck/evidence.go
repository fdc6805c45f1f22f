package jsoncheck

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// Evidence that a pointer field of response JSON can be nil. Most pointer
// fields of an SDK's types are ones the API always sends (a pointer only
// to tell "absent" from "zero" when marshalling), and a dereference of
// those is what the API's documentation promises is safe. nil-deref is
// therefore reported only with evidence that nil happens:
//
//   - the data may have been decoded from an error response (errBody);
//   - the field's declaration has a comment saying it may be null, nil,
//     absent, optional, omitted... (nullableComment);
//   - other code of the package, or of a package it imports, compares the
//     same field with nil (outside tests, generated files and the field's
//     own GetX accessor, which check every field by rote).
//
// The last two cross packages in a package fact.

// fieldsFact lists, for one package, the fields whose declaration says
// they may be null (fields of this package), and the fields that its code
// compares with nil (fields of any package).
type fieldsFact struct {
	Nullable []FieldRef
	Checked  []FieldRef
}

// FieldRef names a struct field across packages: its package path and
// object path, and, for people, Type.Field.
type FieldRef struct {
	Pkg, Path, Name string
}

// AFact marks fieldsFact as an analysis fact.
func (*fieldsFact) AFact() {}

func (f *fieldsFact) String() string {
	names := func(refs []FieldRef) string {
		var s []string
		for _, r := range refs {
			s = append(s, r.Name)
		}
		return strings.Join(s, " ")
	}
	return "nullable(" + names(f.Nullable) + ") checked(" + names(f.Checked) + ")"
}

// evidence is what the package itself shows about fields.
type evidence struct {
	nullable map[*types.Var]bool // declared here with a comment saying it may be null
	checked  map[*types.Var]bool // compared with nil here
	names    map[*types.Var]string
	// imported: keys (pkg + " " + path) of the fields that imported packages'
	// facts list, with what they say; loaded on first need.
	imported map[string]fieldEvidence
}

type fieldEvidence uint8

const (
	evNullable fieldEvidence = 1 << iota
	evChecked
)

// collectStruct records the pointer fields of a struct type whose comment
// says that they may be null or absent.
func (c *checker) collectStruct(cur inspector.Cursor, st *ast.StructType) {
	typeName := "struct"
	if cur.ParentEdgeKind() == edge.TypeSpec_Type {
		typeName = cur.Parent().Node().(*ast.TypeSpec).Name.Name
	}
	for _, f := range st.Fields.List {
		if !nullableComment(f.Doc) && !nullableComment(f.Comment) {
			continue
		}
		for _, name := range f.Names {
			if v, ok := c.info.Defs[name].(*types.Var); ok && isPointer(v.Type()) {
				c.ev.nullable[v] = true
				c.ev.names[v] = typeName + "." + v.Name()
			}
		}
	}
}

// collectNilCheck records the field x.F in x.F == nil or x.F != nil, unless
// the comparison is in a test file, a generated file or F's own accessor.
func (c *checker) collectNilCheck(b *ast.BinaryExpr, decl *ast.FuncDecl) {
	if b.Op != token.EQL && b.Op != token.NEQ {
		return
	}
	e := b.X
	if astq.IsNil(c.info, b.X) {
		e = b.Y
	} else if !astq.IsNil(c.info, b.Y) {
		return
	}
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return
	}
	s := c.info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return
	}
	v, ok := s.Obj().(*types.Var)
	if !ok || !isPointer(v.Type()) {
		return
	}
	if decl != nil && decl.Recv != nil && decl.Name.Name == "Get"+v.Name() {
		return // a nil-safe accessor checks its field whatever the API does
	}
	if tf := c.pass.Fset.File(b.Pos()); tf == nil || httpmodel.IsTestFile(tf.Name()) || c.model.IsGenerated(tf.Name()) ||
		c.model.IsGenerated(c.pass.Fset.Position(b.Pos()).Filename) {
		return
	}
	c.ev.checked[v] = true
	if _, ok := c.ev.names[v]; !ok {
		c.ev.names[v] = typeNameOf(s.Recv()) + "." + v.Name()
	}
}

func typeNameOf(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return "struct"
}

func isPointer(t types.Type) bool {
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return false
	}
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// exportFields exports the package's fieldsFact when it says anything.
func (c *checker) exportFields() {
	ref := func(v *types.Var) (FieldRef, bool) {
		if v.Pkg() == nil {
			return FieldRef{}, false
		}
		p, err := objectpath.For(v)
		if err != nil {
			return FieldRef{}, false // a field of a type local to a function
		}
		return FieldRef{Pkg: v.Pkg().Path(), Path: string(p), Name: c.ev.names[v]}, true
	}
	f := new(fieldsFact)
	for v := range c.ev.nullable {
		if r, ok := ref(v); ok {
			f.Nullable = append(f.Nullable, r)
		}
	}
	for v := range c.ev.checked {
		if r, ok := ref(v); ok {
			f.Checked = append(f.Checked, r)
		}
	}
	if len(f.Nullable) == 0 && len(f.Checked) == 0 {
		return
	}
	for _, refs := range [][]FieldRef{f.Nullable, f.Checked} {
		sort.Slice(refs, func(i, j int) bool {
			if refs[i].Name != refs[j].Name {
				return refs[i].Name < refs[j].Name
			}
			return refs[i].Pkg+refs[i].Path < refs[j].Pkg+refs[j].Path
		})
	}
	c.pass.ExportPackageFact(f)
}

// fieldEvidenceOf returns what this package and the packages it imports
// say about field v.
func (c *checker) fieldEvidenceOf(v *types.Var) fieldEvidence {
	var ev fieldEvidence
	if c.ev.nullable[v] {
		ev |= evNullable
	}
	if c.ev.checked[v] {
		ev |= evChecked
	}
	if v.Pkg() == nil || v.Pkg() == c.pass.Pkg {
		return ev
	}
	if c.ev.imported == nil {
		c.ev.imported = make(map[string]fieldEvidence)
		for _, pf := range c.pass.AllPackageFacts() {
			f, ok := pf.Fact.(*fieldsFact)
			if !ok {
				continue
			}
			for _, r := range f.Nullable {
				c.ev.imported[r.Pkg+" "+r.Path] |= evNullable
			}
			for _, r := range f.Checked {
				c.ev.imported[r.Pkg+" "+r.Path] |= evChecked
			}
		}
	}
	if p, err := objectpath.For(v); err == nil {
		ev |= c.ev.imported[v.Pkg().Path()+" "+string(p)]
	}
	return ev
}

// nullableComment reports whether a field's comment says that the value
// may be null or absent: the words a person writes for that (null, nil,
// absent, optional, omitted, missing, "not present", "if present", "may be
// empty"...), not preceded by a negation (never null, non-nil, not nil).
func nullableComment(cg *ast.CommentGroup) bool {
	if cg == nil {
		return false
	}
	words := strings.FieldsFunc(strings.ToLower(cg.Text()), func(r rune) bool { return !unicode.IsLetter(r) })
	negated := func(i int) bool {
		if i == 0 {
			return false
		}
		switch words[i-1] {
		case "never", "not", "non", "no", "always", "cannot":
			return true
		}
		return false
	}
	next := func(i int) string {
		if i+1 < len(words) {
			return words[i+1]
		}
		return ""
	}
	for i, w := range words {
		switch w {
		case "null", "nil", "nullable", "absent", "optional", "optionally", "omitted", "missing", "unset":
			if !negated(i) {
				return true
			}
		case "not":
			switch next(i) {
			case "present", "set", "required", "always", "included", "returned", "provided":
				return true
			}
		case "if", "when", "unless":
			switch next(i) {
			case "present", "set", "available", "any", "provided", "exists", "included", "returned":
				return true
			}
		case "may", "can", "might":
			if next(i) == "be" && i+2 < len(words) {
				switch words[i+2] {
				case "empty", "absent", "null", "nil", "omitted", "missing":
					return true
				}
			}
			if next(i) == "not" {
				return true // may not be present, can not be set
			}
		case "only":
			switch next(i) {
			case "present", "set", "included", "returned", "populated", "provided", "sent":
				return true
			}
		}
	}
	return false
}
