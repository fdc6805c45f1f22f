package suite_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// FuzzFixIntegrity applies the suggested fixes of every finding to mutated
// sources, one at a time and all together, and checks what a user relies
// on when running httpvet -fix: nothing panics, the fixed file still parses
// and type-checks, the finding a fix answers is gone, the fix brings no new
// finding, and a second run offers nothing more to apply for it. The seeds
// are every testdata file; CI runs them, and
//
//	go test ./analyzers/suite -run '^$' -fuzz FuzzFixIntegrity -fuzztime 10m
//
// explores further.
func FuzzFixIntegrity(f *testing.F) {
	for _, name := range testdataSeeds(f) {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	imp := stdImporter()
	f.Fuzz(func(t *testing.T, src []byte) { checkFixes(t, imp, src) })
}

// TestFixIntegritySeedsHaveFixes keeps the fix-integrity target honest: the
// seeds that type-check as one file must offer fixes of every analyzer that
// has one, or the target checks nothing.
func TestFixIntegritySeedsHaveFixes(t *testing.T) {
	imp := stdImporter()
	fixed := map[string]bool{}
	for _, name := range testdataSeeds(t) {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range checkFixes(t, imp, src) {
			fixed[d.analyzer] = true
		}
	}
	for _, name := range []string{"clientreuse", "timeout", "statuscheck", "retry", "jsoncheck", "ctxprop", "bodyclose"} {
		if !fixed[name] {
			t.Errorf("no seed exercises a fix of %s", name)
		}
	}
}

// testdataSeeds returns every Go file and golden file under testdata/src.
func testdataSeeds(tb testing.TB) []string {
	var names []string
	root := filepath.Join("..", "..", "testdata", "src")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".golden")) {
			names = append(names, path)
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return names
}

// checked is a type-checked single-file package.
type checked struct {
	src  []byte
	fset *token.FileSet
	file *ast.File
	pkg  *types.Package
	info *types.Info
}

// typeCheck parses and type-checks src as one file.
func typeCheck(imp types.Importer, src []byte) (*checked, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "fuzz.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Implicits: map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{}, Scopes: map[ast.Node]*types.Scope{},
		Instances: map[*ast.Ident]types.Instance{}, FileVersions: map[*ast.File]string{},
	}
	var first error
	conf := types.Config{Importer: imp, Error: func(err error) {
		if first == nil {
			first = err
		}
	}}
	pkg, _ := conf.Check(file.Name.Name, fset, []*ast.File{file}, info)
	if first != nil {
		return nil, first
	}
	return &checked{src, fset, file, pkg, info}, nil
}

// key identifies a finding independently of where edits moved it.
func key(d diagnostic) string { return d.analyzer + "/" + d.Category + ": " + d.Message }

// checkFixes runs the suite on src and, if it type-checks, checks every
// suggested fix; it returns the findings that had fixes.
func checkFixes(t *testing.T, imp types.Importer, src []byte) []diagnostic {
	c, err := typeCheck(imp, src)
	if err != nil {
		return nil
	}
	before := runAll(t, c.fset, c.file, c.pkg, c.info, src)
	var withFixes []diagnostic
	var all [][]analysis.TextEdit
	for _, d := range before {
		for i, sf := range d.SuggestedFixes {
			what := fmt.Sprintf("%s fix %d (%q) for %q", d.analyzer, i, sf.Message, key(d))
			out, ok := applyEdits(t, c.fset, src, sf.TextEdits, what)
			if !ok {
				continue
			}
			after := recheck(t, imp, out, what)
			if after == nil {
				continue
			}
			compare(t, before, after, d, what, out)
			if i == 0 {
				all = append(all, sf.TextEdits)
			}
		}
		if len(d.SuggestedFixes) > 0 {
			withFixes = append(withFixes, d)
		}
	}
	// All first fixes together, as httpvet -fix applies them, leaving out
	// those that overlap an earlier one (the driver reports a conflict and
	// a second run applies them).
	if kept := nonOverlapping(all); len(kept) > 0 {
		if out, ok := applyEdits(t, c.fset, src, kept, "all fixes together"); ok {
			recheck(t, imp, out, "all fixes together")
		}
	}
	return withFixes
}

// recheck type-checks a fixed source and runs the suite on it again. It
// returns nil, having reported the failure, when the fixed file does not
// type-check; a file whose fix imports a package this harness cannot load
// (outside the standard library) is only required to parse.
func recheck(t *testing.T, imp types.Importer, out []byte, what string) []diagnostic {
	c, err := typeCheck(imp, out)
	if err != nil {
		if importsNonStd(out) {
			return nil
		}
		t.Errorf("%s: the fixed file does not type-check: %v\n%s", what, err, out)
		return nil
	}
	return runAll(t, c.fset, c.file, c.pkg, c.info, out)
}

// compare checks that the fix for d removed it and added no finding.
func compare(t *testing.T, before, after []diagnostic, d diagnostic, what string, out []byte) {
	count := func(ds []diagnostic) map[string]int {
		m := map[string]int{}
		for _, x := range ds {
			m[key(x)]++
		}
		return m
	}
	b, a := count(before), count(after)
	if a[key(d)] >= b[key(d)] {
		t.Errorf("%s: the finding is still reported after its fix\n%s", what, out)
	}
	for k, n := range a {
		if n > b[k] {
			t.Errorf("%s: the fix brings a new finding %q\n%s", what, k, out)
		}
	}
}

// applyEdits applies edits to src by offset and checks that the result
// parses; it reports false, having reported why, when it does not.
func applyEdits(t *testing.T, fset *token.FileSet, src []byte, edits []analysis.TextEdit, what string) ([]byte, bool) {
	type span struct {
		start, end int
		text       []byte
	}
	var spans []span
	for _, e := range edits {
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		start, stop := fset.PositionFor(e.Pos, false).Offset, fset.PositionFor(end, false).Offset
		if start < 0 || stop < start || stop > len(src) {
			t.Errorf("%s: edit [%d,%d) outside the file of %d bytes", what, start, stop, len(src))
			return nil, false
		}
		spans = append(spans, span{start, stop, e.NewText})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	for i := 1; i < len(spans); i++ {
		if spans[i].start < spans[i-1].end {
			t.Errorf("%s: its own edits overlap", what)
			return nil, false
		}
	}
	var out bytes.Buffer
	last := 0
	for _, s := range spans {
		out.Write(src[last:s.start])
		out.Write(s.text)
		last = s.end
	}
	out.Write(src[last:])
	if _, err := parser.ParseFile(token.NewFileSet(), "fixed.go", out.Bytes(), parser.ParseComments); err != nil {
		t.Errorf("%s: the fixed file does not parse: %v\n%s", what, err, out.Bytes())
		return nil, false
	}
	return out.Bytes(), true
}

// nonOverlapping keeps whole fixes, in order, as httpvet -fix does: a fix
// is left out when one of its edits overlaps an edit kept before (the
// driver reports a conflict, and a second run applies it). An edit equal to
// a kept one (two fixes adding the same import) is applied once, and
// insertions at one point are all kept.
func nonOverlapping(fixes [][]analysis.TextEdit) []analysis.TextEdit {
	var kept []analysis.TextEdit
	seen := map[string]bool{}
	id := func(e analysis.TextEdit) string { return fmt.Sprintf("%d:%d:%s", e.Pos, end(e), e.NewText) }
	for _, edits := range fixes {
		ok := true
		for _, e := range edits {
			if seen[id(e)] {
				continue
			}
			for _, k := range kept {
				insertions := e.Pos == end(e) && k.Pos == end(k)
				if !insertions && e.Pos < end(k) && k.Pos < end(e) || !insertions && e.Pos == k.Pos {
					ok = false
				}
			}
		}
		if !ok {
			continue
		}
		for _, e := range edits {
			if !seen[id(e)] {
				seen[id(e)] = true
				kept = append(kept, e)
			}
		}
	}
	return kept
}

// end returns the end of e, which is its start for an insertion.
func end(e analysis.TextEdit) token.Pos {
	if e.End.IsValid() {
		return e.End
	}
	return e.Pos
}

// importsNonStd reports whether src imports a package outside the
// standard library, which the harness's importer cannot load.
func importsNonStd(src []byte) bool {
	f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ImportsOnly)
	if err != nil {
		return false
	}
	for _, spec := range f.Imports {
		p, _ := strconv.Unquote(spec.Path.Value)
		if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ".") {
			return true
		}
	}
	return false
}
