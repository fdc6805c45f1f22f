package sequential

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// The report of a sequence and its fix, which runs the requests concurrently.

// report reports a sequence at its first call.
func (c *checker) report(run []*member, stmts []ast.Stmt) {
	methods := run[0].req.Method
	for _, m := range run[1:] {
		if m.req.Method != methods {
			methods = "GET and HEAD"
		}
	}
	first := run[0].req.Call
	d := analysis.Diagnostic{
		Pos:      first.Pos(),
		End:      first.End(),
		Category: Category,
		Message: fmt.Sprintf("%d independent %s requests run one after another: run them concurrently to wait for the slowest instead of the sum",
			len(run), methods),
	}
	for _, m := range run[1:] {
		d.Related = append(d.Related, analysis.RelatedInformation{
			Pos:     m.req.Call.Pos(),
			End:     m.req.Call.End(),
			Message: fmt.Sprintf("independent %s request, sent after the first has answered", m.req.Method),
		})
	}
	if fix, ok := c.concurrentFix(run, stmts); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.rep.Report(d)
}

// topLevel reports whether call is evaluated unconditionally by a
// straight-line statement of body (or the init of one of its ifs).
func (c *checker) topLevel(call *ast.CallExpr, body *ast.BlockStmt) bool {
	for _, st := range body.List {
		if !(st.Pos() <= call.Pos() && call.End() <= st.End()) {
			continue
		}
		if ifs, ok := st.(*ast.IfStmt); ok {
			if ifs.Init == nil || call.End() > ifs.Init.End() {
				return false
			}
			st = ifs.Init
		}
		switch st.(type) {
		case *ast.ExprStmt, *ast.AssignStmt, *ast.DeclStmt:
		default:
			return false
		}
		_, rhs := assignParts(st)
		calls, conditional := evalOrder(rhs)
		return slices.Contains(calls, call) && !conditional[call]
	}
	return false
}

// step is one call of a sequence in the shape the fix rewrites:
// v1, ..., err := call(...) followed by if err != nil { return ..., E }.
type step struct {
	call    *ast.CallExpr
	values  []*ast.Ident // the results before the error; "_" kept
	errID   *ast.Ident
	errObj  *types.Var
	leading []ast.Expr // the results returned before the error
	errExpr ast.Expr   // the error returned: err, or an expression of it
}

// stepOf matches a sequence member's statement and the check after it.
func (c *checker) stepOf(m *member, st, next ast.Stmt) (step, bool) {
	as, ok := st.(*ast.AssignStmt)
	if !ok || (as.Tok != token.DEFINE && as.Tok != token.ASSIGN) || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != m.req.Call {
		return step{}, false
	}
	var ids []*ast.Ident
	for _, l := range as.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return step{}, false
		}
		ids = append(ids, id)
	}
	s := step{call: m.req.Call, values: ids[:len(ids)-1], errID: ids[len(ids)-1]}
	s.errObj = c.varOfIdent(s.errID)
	errType := types.Universe.Lookup("error").Type()
	if s.errObj == nil || !types.Identical(s.errObj.Type(), errType) {
		return step{}, false
	}
	for _, v := range s.values {
		if v.Name != "_" && c.varOfIdent(v) == nil {
			return step{}, false
		}
	}
	ifs, ok := next.(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) != 1 {
		return step{}, false
	}
	cond, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || cond.Op != token.NEQ || !astq.IsNil(c.info, cond.Y) {
		return step{}, false
	}
	if x, ok := ast.Unparen(cond.X).(*ast.Ident); !ok || c.info.Uses[x] != s.errObj {
		return step{}, false
	}
	ret, ok := ifs.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) == 0 {
		return step{}, false
	}
	s.leading, s.errExpr = ret.Results[:len(ret.Results)-1], ret.Results[len(ret.Results)-1]
	if !varsIn(c.info, s.errExpr)[s.errObj] {
		return step{}, false
	}
	for _, e := range s.leading {
		if varsIn(c.info, e)[s.errObj] {
			return step{}, false
		}
	}
	return s, true
}

func (c *checker) varOfIdent(id *ast.Ident) *types.Var {
	if v, ok := c.info.Defs[id].(*types.Var); ok {
		return v
	}
	v, _ := c.info.Uses[id].(*types.Var)
	return v
}

// concurrentFix rewrites a sequence of steps into an errgroup group or
// sync.WaitGroup.Go calls, when it has the shape and the rewrite is sure to
// compile with the same names and types.
func (c *checker) concurrentFix(run []*member, stmts []ast.Stmt) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	first := run[0].req.Call
	file := c.fileOf(first.Pos())
	if file == nil {
		return none, false
	}
	var steps []step
	for i, m := range run {
		if (i > 0 && m.index != run[i-1].index+2) || m.index+1 >= len(stmts) {
			return none, false
		}
		s, ok := c.stepOf(m, stmts[m.index], stmts[m.index+1])
		if !ok {
			return none, false
		}
		steps = append(steps, s)
	}
	start := stmts[run[0].index].Pos()
	end := stmts[run[len(run)-1].index+1].End()
	within := func(p token.Pos) bool { return start <= p && p < end }

	// One error variable, the same leading results, distinct values.
	errObj := steps[0].errObj
	errName := errObj.Name()
	leading := c.sources(steps[0].leading)
	values := make(map[*types.Var]bool)
	for _, s := range steps {
		if s.errObj != errObj || !slices.Equal(c.sources(s.leading), leading) {
			return none, false
		}
		for _, id := range s.values {
			if id.Name == "_" {
				continue
			}
			v := c.varOfIdent(id)
			if values[v] || v == errObj {
				return none, false // two calls would write one variable at once
			}
			values[v] = true
		}
	}
	for _, s := range steps {
		for _, e := range s.leading {
			for v := range varsIn(c.info, e) {
				if values[v] {
					return none, false
				}
			}
		}
	}
	// Comments outside the calls move above the closure of the call they
	// belong to (the one whose statement or check holds them, or follows them).
	comments := make([][]string, len(steps))
	for _, cg := range file.Comments {
		if !within(cg.Pos()) {
			continue
		}
		inCall := false
		for _, s := range steps {
			if s.call.Pos() <= cg.Pos() && cg.End() <= s.call.End() {
				inCall = true
			}
		}
		if inCall {
			continue
		}
		for i, m := range run {
			if cg.Pos() < stmts[m.index+1].End() {
				for _, cm := range cg.List {
					comments[i] = append(comments[i], cm.Text)
				}
				break
			}
		}
	}

	// Names used in the function, so that the new ones clash with nothing.
	used := make(map[string]bool)
	ast.Inspect(c.fn, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	scope := c.pass.Pkg.Scope().Innermost(start)
	taken := func(name string) bool {
		if used[name] {
			return true
		}
		if scope != nil {
			if _, obj := scope.LookupParent(name, start); obj != nil {
				return true
			}
		}
		return false
	}
	fresh := func(base string) string {
		name := base
		for i := 2; taken(name); i++ {
			name = fmt.Sprintf("%s%d", base, i)
		}
		used[name] = true
		return name
	}

	// The variables the first statements declare move before the group;
	// nothing the calls read may be shadowed by them or by the closures'
	// error result.
	var edits []analysis.TextEdit
	addEdits := func(es []analysis.TextEdit) {
		for _, e := range es {
			dup := false
			for _, old := range edits {
				if old.Pos == e.Pos && string(old.NewText) == string(e.NewText) {
					dup = true
				}
			}
			if !dup {
				edits = append(edits, e)
			}
		}
	}
	var lines []string
	hoisted := make(map[string]*types.Var)
	for _, s := range steps {
		for _, id := range s.values {
			v, ok := c.info.Defs[id].(*types.Var)
			if !ok || id.Name == "_" {
				continue
			}
			typ, es, ok := c.typeText(file, start, v.Type())
			if !ok {
				return none, false
			}
			addEdits(es)
			hoisted[v.Name()] = v
			lines = append(lines, "var "+v.Name()+" "+typ)
		}
	}
	for _, s := range steps {
		for _, n := range append([]ast.Node{s.call}, exprNodes(s.leading)...) {
			clash := false
			ast.Inspect(n, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					obj := c.info.Uses[id]
					if v, ok := hoisted[id.Name]; ok && obj != v {
						clash = true
					}
					if id.Name == errName && obj != nil {
						clash = true
					}
				}
				return !clash
			})
			if clash {
				return none, false
			}
		}
	}

	// Where the error variable lives after the rewrite.
	definedInRun := within(errObj.Pos())
	usedAfter := false
	ast.Inspect(c.fn, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.info.Uses[id] == errObj && !within(id.Pos()) {
			usedAfter = true
		}
		return !usedAfter
	})
	ret := "return " + strings.Join(append(leading, errName), ", ")
	check := func(value string) []string {
		switch {
		case !usedAfter:
			return []string{"if " + errName + " := " + value + "; " + errName + " != nil {", "\t" + ret, "}"}
		case definedInRun:
			return []string{errName + " := " + value, "if " + errName + " != nil {", "\t" + ret, "}"}
		default:
			return []string{errName + " = " + value, "if " + errName + " != nil {", "\t" + ret, "}"}
		}
	}
	lhs := func(s step, errVar string) string {
		var names []string
		for _, id := range s.values {
			names = append(names, id.Name)
		}
		return strings.Join(append(names, errVar), ", ")
	}
	callText := func(s step, ctx *ast.Ident, gctx string) string {
		text := c.source(s.call)
		if ctx != nil {
			for _, a := range s.call.Args {
				if id, ok := ast.Unparen(a).(*ast.Ident); ok && c.info.Uses[id] == c.info.Uses[ctx] {
					off := c.pass.Fset.Position(id.Pos()).Offset - c.pass.Fset.Position(s.call.Pos()).Offset
					text = text[:off] + gctx + text[off+len(id.Name):]
					break
				}
			}
		}
		return strings.ReplaceAll(text, "\n", "\n\t")
	}
	plainErr := func(s step) bool {
		id, ok := ast.Unparen(s.errExpr).(*ast.Ident)
		return ok && c.info.Uses[id] == errObj
	}

	var message string
	if ctx := c.commonContext(steps); ctx != nil && c.importsErrgroup() {
		eg, es := fixes.AddImport(c.info, c.pass.Pkg, file, start, "golang.org/x/sync/errgroup", "errgroup")
		addEdits(es)
		g, gctx := fresh("g"), fresh("gctx")
		lines = append(lines, fmt.Sprintf("%s, %s := %sWithContext(%s)", g, gctx, eg, ctx.Name))
		for i, s := range steps {
			lines = append(lines, comments[i]...)
			lines = append(lines, g+".Go(func() ("+errName+" error) {", "\t"+lhs(s, errName)+" = "+callText(s, ctx, gctx))
			if plainErr(s) {
				lines = append(lines, "\treturn "+errName)
			} else {
				lines = append(lines, "\tif "+errName+" != nil {", "\t\treturn "+c.source(s.errExpr), "\t}", "\treturn nil")
			}
			lines = append(lines, "})")
		}
		lines = append(lines, check(g+".Wait()")...)
		message = "Run the requests concurrently in an errgroup"
	} else if c.goVersionAtLeast(file, "go1.25") {
		syncQ, es := fixes.AddImport(c.info, c.pass.Pkg, file, start, "sync", "sync")
		addEdits(es)
		errorsQ, es := fixes.AddImport(c.info, c.pass.Pkg, file, start, "errors", "errors")
		addEdits(es)
		var errVars []string
		for i, s := range steps {
			base := fmt.Sprintf("err%d", i+1)
			for _, id := range s.values {
				if id.Name != "_" {
					base = id.Name + "Err"
					break
				}
			}
			errVars = append(errVars, fresh(base))
		}
		wg := fresh("wg")
		lines = append(lines, "var "+strings.Join(errVars, ", ")+" error", "var "+wg+" "+syncQ+"WaitGroup")
		for i, s := range steps {
			lines = append(lines, comments[i]...)
			lines = append(lines, wg+".Go(func() {")
			if plainErr(s) {
				lines = append(lines, "\t"+lhs(s, errVars[i])+" = "+callText(s, nil, ""))
			} else {
				lines = append(lines, "\tvar "+errName+" error", "\t"+lhs(s, errName)+" = "+callText(s, nil, ""),
					"\tif "+errName+" != nil {", "\t\t"+errVars[i]+" = "+c.source(s.errExpr), "\t}")
			}
			lines = append(lines, "})")
		}
		lines = append(lines, wg+".Wait()")
		lines = append(lines, check(errorsQ+"Join("+strings.Join(errVars, ", ")+")")...)
		message = "Run the requests concurrently with sync.WaitGroup.Go"
	} else {
		return none, false
	}

	indent := fixes.Indent(c.pass, start)
	text := strings.Join(lines, "\n"+indent)
	edits = append([]analysis.TextEdit{{Pos: start, End: end, NewText: []byte(text)}}, edits...)
	return analysis.SuggestedFix{Message: message, TextEdits: edits}, true
}
