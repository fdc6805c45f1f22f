package jsoncheck

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// The suggested fixes of the categories that have one.

// assertionFix rewrites x := e.(T) (or x = e.(T)) to the comma-ok form
// followed by a guard returning an error.
func (c *checker) assertionFix(n node, ta *ast.TypeAssertExpr) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	stmtCur := n.cur.Parent()
	as, ok := stmtCur.Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != ta || !astq.InStmtList(stmtCur) {
		return none, false
	}
	if as.Tok != token.DEFINE && as.Tok != token.ASSIGN {
		return none, false
	}
	fn := httpmodel.EnclosingFunc(n.cur)
	file := fixes.FileOf(c.pass, as.Pos())
	if fn == nil || file == nil {
		return none, false
	}
	pos, indent, ok := c.lineAfter(as)
	if !ok {
		return none, false
	}
	zeros, edits, ok := fixes.ZeroResults(c.pass, fn, file, pos)
	if !ok || !c.zeroReturnSafe(fn) {
		return none, false
	}
	scope := c.pass.Pkg.Scope().Innermost(as.Pos())
	if scope == nil {
		return none, false
	}
	okName := fixes.FreshName("ok", func(s string) bool {
		if _, obj := scope.LookupParent(s, as.Pos()); obj != nil {
			return true
		}
		return scope.Lookup(s) != nil
	})
	last := as.Lhs[0]
	edits = append(edits, analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte(", " + okName)})
	if as.Tok == token.ASSIGN {
		// x, ok := would declare a new x unless x lives in this very scope.
		if v := c.localVar(last); v != nil && v.Parent() == scope {
			edits = append(edits, analysis.TextEdit{Pos: as.TokPos, End: as.TokPos + 1, NewText: []byte(":=")})
		} else {
			edits = append(edits, analysis.TextEdit{Pos: as.Pos(), End: as.Pos(), NewText: []byte("var " + okName + " bool\n" + indent)})
		}
	}
	fmtQual, fmtEdits := fixes.AddImport(c.info, c.pass.Pkg, file, pos, "fmt", "fmt")
	edits = append(edits, fmtEdits...)
	guard := fmt.Sprintf("%sif !%s {\n%s\treturn %s%sErrorf(\"unexpected JSON: %%s is not %%s\", %s, %s)\n%s}\n",
		indent, okName, indent, zeros, fmtQual,
		strconv.Quote(oneLine(c.source(ta.X))), strconv.Quote(oneLine(c.source(ta.Type))), indent)
	edits = append(edits, analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(guard)})
	return analysis.SuggestedFix{Message: "Check the type assertion", TextEdits: sortEdits(edits)}, true
}

// lineAfter returns the start of the line after n and the indentation of
// n's first line, for inserting a statement after n; false when anything
// but a comment follows n on its last line. It works on the file's own
// bytes and offsets, never on line numbers, which a //line directive
// remaps to another file's.
func (c *checker) lineAfter(n ast.Node) (token.Pos, string, bool) {
	tf := c.pass.Fset.File(n.Pos())
	if tf == nil || c.pass.ReadFile == nil {
		return token.NoPos, "", false
	}
	src, err := c.pass.ReadFile(tf.Name()) // tf.Name is the real file, not a //line name
	if err != nil || tf.Size() != len(src) {
		return token.NoPos, "", false
	}
	begin, end := tf.Offset(n.Pos()), tf.Offset(n.End())
	start := bytes.LastIndexByte(src[:begin], '\n') + 1
	indent := src[start:begin]
	indent = indent[:len(indent)-len(bytes.TrimLeft(indent, " \t"))]
	nl := bytes.IndexByte(src[end:], '\n')
	if nl < 0 {
		return token.NoPos, "", false
	}
	if rest := strings.TrimSpace(string(src[end : end+nl])); rest != "" && !strings.HasPrefix(rest, "//") {
		return token.NoPos, "", false
	}
	return tf.Pos(end + nl + 1), string(indent), true
}

// source returns the text of n as written, located by unadjusted
// positions (a //line directive names another file), or n printed.
func (c *checker) source(n ast.Expr) string {
	if tf := c.pass.Fset.File(n.Pos()); tf != nil && c.pass.ReadFile != nil {
		if src, err := c.pass.ReadFile(tf.Name()); err == nil && tf.Size() == len(src) {
			if b, e := tf.Offset(n.Pos()), tf.Offset(n.End()); b <= e {
				return string(src[b:e])
			}
		}
	}
	return types.ExprString(n)
}

// zeroReturnSafe reports whether a new "return <zero values>, err" in fn
// means what the function's callers expect of a failure: no result type
// (but the error) has a declared constant equal to its zero value (an enum
// whose 0 is "ready": returning it would say "ready" with the error), and
// no return of fn already hands back non-zero results alongside an error
// (callers of such a function read the results even on failure).
func (c *checker) zeroReturnSafe(fn ast.Node) bool {
	sig := fixes.Signature(c.info, fn)
	if sig == nil {
		return false
	}
	res := sig.Results()
	for i := 0; i < res.Len()-1; i++ {
		if hasZeroConstant(res.At(i).Type()) {
			return false
		}
	}
	var body *ast.BlockStmt
	switch f := fn.(type) {
	case *ast.FuncDecl:
		body = f.Body
	case *ast.FuncLit:
		body = f.Body
	}
	safe := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != res.Len() || astq.IsNil(c.info, n.Results[len(n.Results)-1]) {
				return true
			}
			for _, e := range n.Results[:len(n.Results)-1] {
				if !c.zeroExpr(e) {
					safe = false
				}
			}
		}
		return safe
	})
	return safe
}

// hasZeroConstant reports whether t is a named basic type whose package
// declares a constant of type t with the zero value.
func hasZeroConstant(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	if _, ok := n.Underlying().(*types.Basic); !ok {
		return false
	}
	scope := n.Obj().Pkg().Scope()
	for _, name := range scope.Names() {
		k, ok := scope.Lookup(name).(*types.Const)
		if !ok || !types.Identical(k.Type(), t) {
			continue
		}
		switch v := k.Val(); v.Kind() {
		case constant.Int, constant.Float:
			if constant.Sign(v) == 0 {
				return true
			}
		case constant.String:
			if constant.StringVal(v) == "" {
				return true
			}
		case constant.Bool:
			if !constant.BoolVal(v) {
				return true
			}
		}
	}
	return false
}

// zeroExpr reports whether e is written as a zero value: nil, 0, "",
// false, an empty composite literal, *new(T).
func (c *checker) zeroExpr(e ast.Expr) bool {
	e = ast.Unparen(e)
	if astq.IsNil(c.info, e) {
		return true
	}
	if tv, ok := c.info.Types[e]; ok && tv.Value != nil {
		switch v := tv.Value; v.Kind() {
		case constant.Int, constant.Float:
			return constant.Sign(v) == 0
		case constant.String:
			return constant.StringVal(v) == ""
		case constant.Bool:
			return !constant.BoolVal(v)
		}
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		return len(e.Elts) == 0
	case *ast.StarExpr:
		call, ok := ast.Unparen(e.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		return ok && c.info.Uses[id] == types.Universe.Lookup("new")
	}
	return false
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// decodeFix turns a decode whose error is dropped into an if statement
// that returns the error.
func (c *checker) decodeFix(cur inspector.Cursor, stmt ast.Stmt, call *ast.CallExpr) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	fn := httpmodel.EnclosingFunc(cur)
	file := fixes.FileOf(c.pass, stmt.Pos())
	if fn == nil || file == nil {
		return none, false
	}
	zeros, edits, ok := fixes.ZeroResults(c.pass, fn, file, stmt.Pos())
	if !ok || !c.zeroReturnSafe(fn) || c.closedLater(fn, stmt) {
		return none, false
	}
	// The body goes on the next line, so that a comment ending the
	// statement's line stays on the if.
	next, indent, ok := c.lineAfter(stmt)
	if !ok {
		return none, false
	}
	fmtQual, fmtEdits := fixes.AddImport(c.info, c.pass.Pkg, file, stmt.Pos(), "fmt", "fmt")
	edits = append(edits, fmtEdits...)
	edits = append(edits,
		analysis.TextEdit{Pos: stmt.Pos(), End: call.Pos(), NewText: []byte("if err := ")},
		analysis.TextEdit{Pos: call.End(), End: call.End(), NewText: []byte("; err != nil {")},
		analysis.TextEdit{Pos: next, End: next, NewText: []byte(fmt.Sprintf("%s\treturn %s%sErrorf(\"decode response: %%w\", err)\n%s}\n",
			indent, zeros, fmtQual, indent))},
	)
	return analysis.SuggestedFix{Message: "Check the decode error", TextEdits: sortEdits(edits)}, true
}

// closedLater reports whether fn closes something after stmt without a
// defer (resp.Body.Close(), f.Close()): a return inserted after stmt would
// skip that close and leave the body, and its connection, open.
func (c *checker) closedLater(fn ast.Node, stmt ast.Stmt) bool {
	body := astq.FuncBody(fn)
	if body == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.DeferStmt:
			return false // runs elsewhere, or on every way out
		case *ast.CallExpr:
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if ok && n.Pos() > stmt.End() && sel.Sel.Name == "Close" && len(n.Args) == 0 {
				if fn := c.model.Callee(n); fn != nil && fn.Signature().Recv() != nil {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// limitFix wraps a resp.Body argument in http.MaxBytesReader, which, unlike
// io.LimitReader, fails the read with an *http.MaxBytesError when the body
// is larger than the limit instead of truncating it silently. The fix is
// offered only where that error is seen: the read's error is returned or
// examined (see errorSeen); otherwise the limit would truncate as quietly
// as io.LimitReader does.
func (c *checker) limitFix(n node, arg ast.Expr) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	sel, ok := ast.Unparen(arg).(*ast.SelectorExpr)
	if !ok || !isBodyField(c.info, sel) || !c.readErrorSeen(n.cur) {
		return none, false
	}
	// The argument must be an io.ReadCloser for MaxBytesReader: resp.Body is.
	file := fixes.FileOf(c.pass, arg.Pos())
	if file == nil {
		return none, false
	}
	httpQual, edits := fixes.AddImport(c.info, c.pass.Pkg, file, arg.Pos(), "net/http", "http")
	edits = append(edits,
		analysis.TextEdit{Pos: arg.Pos(), End: arg.Pos(), NewText: []byte(httpQual + "MaxBytesReader(nil, ")},
		analysis.TextEdit{Pos: arg.End(), End: arg.End(), NewText: []byte(", " + sizeLiteral(int64(maxBody)) + ")")},
	)
	return analysis.SuggestedFix{Message: "Limit the body size", TextEdits: sortEdits(edits)}, true
}

// readErrorSeen reports whether the error of the read at cur (io.ReadAll,
// or json.NewDecoder(...).Decode chained on it) reaches the code: the call
// is returned whole, or its error is assigned to a variable that is read.
func (c *checker) readErrorSeen(cur inspector.Cursor) bool {
	call := cur.Node().(*ast.CallExpr)
	if httpmodel.IsFunc(c.model.Callee(call), "encoding/json", "", "NewDecoder") {
		// json.NewDecoder(body).Decode(&v): the Decode call's error.
		selCur := cur.Parent()
		sel, ok := selCur.Node().(*ast.SelectorExpr)
		if !ok || sel.X != call {
			return false
		}
		dec, ok := selCur.Parent().Node().(*ast.CallExpr)
		if !ok || dec.Fun != sel || !httpmodel.IsFunc(c.model.Callee(dec), "encoding/json", "Decoder", "Decode") {
			return false
		}
		cur = selCur.Parent()
		call = dec
	}
	for {
		if _, ok := cur.Parent().Node().(*ast.ParenExpr); !ok {
			break
		}
		cur = cur.Parent()
	}
	switch p := cur.Parent().Node().(type) {
	case *ast.ReturnStmt:
		return len(p.Results) == 1 // return io.ReadAll(resp.Body): the caller gets the error
	case *ast.IfStmt:
		return false
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 || len(p.Lhs) == 0 {
			return false
		}
		errExpr := p.Lhs[len(p.Lhs)-1]
		if id, ok := errExpr.(*ast.Ident); ok && id.Name == "_" {
			return false
		}
		v := c.localVar(errExpr)
		return v != nil && !c.unread(v, cur.Parent())
	}
	if p, ok := cur.Parent().Node().(*ast.BinaryExpr); ok {
		return p.Op == token.NEQ || p.Op == token.EQL // if err := ...; ... (not reached) or x.Decode(&v) != nil
	}
	return false
}

// sizeLiteral writes n bytes the way Go code does: 10<<20 for 10 MiB.
func sizeLiteral(n int64) string {
	for _, shift := range []int{30, 20, 10} {
		if n > 0 && n%(1<<shift) == 0 {
			return fmt.Sprintf("%d<<%d", n>>shift, shift)
		}
	}
	return strconv.FormatInt(n, 10)
}

func sortEdits(edits []analysis.TextEdit) []analysis.TextEdit {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Pos < edits[j].Pos })
	return edits
}
