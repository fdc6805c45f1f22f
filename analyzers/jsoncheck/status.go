package jsoncheck

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"

	"github.com/httpvet/httpvet/analyzers/internal/astq"
)

// What the code around a decode says about the status of the response it
// decodes. The questions are answered by structure, not by paths: the
// conditions of the if and switch statements enclosing the decode, and the
// early exits (an if or switch clause ending in return, panic, break,
// continue or goto) before it in each enclosing block. Each condition is
// evaluated for every status code from 100 to 599 in three-valued logic:
// comparisons of StatusCode (or StatusCode/100) with constants are true or
// false, anything else is unknown.

// tri is a three-valued truth.
type tri int8

const (
	triFalse tri = iota
	triUnknown
	triTrue
)

func (t tri) not() tri { return triTrue - t }

func (t tri) and(u tri) tri { return min(t, u) }

func (t tri) or(u tri) tri { return max(t, u) }

// constraint is something known to hold where the decode runs, as a
// function of the status code.
type constraint func(code int) tri

const minStatus, maxStatus = 100, 599

// statusView evaluates conditions about the status of one response (resp,
// when not nil) or of any response (for the lenient question, whether the
// status is known to be an error).
type statusView struct {
	c    *checker
	resp *types.Var
}

// constraintsAt returns what the enclosing conditions and earlier exits of
// the function say about the status at cur. Constraints that do not
// mention the status are dropped: they say nothing about it.
func (s statusView) constraintsAt(cur inspector.Cursor) []constraint {
	var out []constraint
	add := func(e ast.Expr, holds bool) {
		for _, part := range split(e, holds) {
			if s.mentions(part.e) {
				e, holds := part.e, part.holds
				out = append(out, func(code int) tri {
					t := s.eval(e, code)
					if !holds {
						t = t.not()
					}
					return t
				})
			}
		}
	}
	for ; cur.Valid(); cur = cur.Parent() {
		parent := cur.Parent()
		if !parent.Valid() {
			break
		}
		switch p := parent.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return out
		case *ast.IfStmt:
			switch cur.ParentEdgeKind() {
			case edge.IfStmt_Body:
				add(p.Cond, true)
			case edge.IfStmt_Else:
				add(p.Cond, false)
			}
		case *ast.CaseClause:
			if sw, ok := parent.Parent().Parent().Node().(*ast.SwitchStmt); ok && cur.ParentEdgeKind() == edge.CaseClause_Body && s.switchMentions(sw) {
				clause := p
				out = append(out, func(code int) tri { return s.clauseTaken(sw, clause, code) })
			}
		}
		// Earlier exits in the same statement list.
		var list []ast.Stmt
		switch p := parent.Node().(type) {
		case *ast.BlockStmt:
			if cur.ParentEdgeKind() == edge.BlockStmt_List {
				list = p.List
			}
		case *ast.CaseClause:
			if cur.ParentEdgeKind() == edge.CaseClause_Body {
				list = p.Body
			}
		}
		for _, st := range list {
			if st.Pos() >= cur.Node().Pos() {
				break
			}
			switch st := st.(type) {
			case *ast.IfStmt:
				if st.Else == nil && terminates(st.Body.List) {
					add(st.Cond, false)
				}
			case *ast.SwitchStmt:
				if s.switchMentions(st) {
					sw := st
					out = append(out, func(code int) tri { return s.passesSwitch(sw, code) })
				}
			}
		}
	}
	return out
}

// part is a conjunct of what is known: e holds (or, !holds, does not).
type part struct {
	e     ast.Expr
	holds bool
}

// split breaks a known condition into conjuncts: a && b that holds gives
// a and b; a || b that does not hold gives !a and !b.
func split(e ast.Expr, holds bool) []part {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.NOT {
		return split(u.X, !holds)
	}
	if b, ok := e.(*ast.BinaryExpr); ok {
		if (b.Op == token.LAND && holds) || (b.Op == token.LOR && !holds) {
			return append(split(b.X, holds), split(b.Y, holds)...)
		}
	}
	return []part{{e, holds}}
}

// terminates reports whether a statement list ends by leaving the
// enclosing block: return, panic, break, continue, goto.
func terminates(list []ast.Stmt) bool {
	if len(list) == 0 {
		return false
	}
	switch st := list[len(list)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		if call, ok := st.X.(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
		}
	case *ast.BlockStmt:
		return terminates(st.List)
	}
	return false
}

// mentions reports whether e reads the status of the view's response.
func (s statusView) mentions(e ast.Expr) bool {
	found := false
	if e == nil {
		return false
	}
	ast.Inspect(e, func(n ast.Node) bool {
		if x, ok := n.(ast.Expr); ok && s.isStatus(x) {
			found = true
		}
		return !found
	})
	return found
}

// switchMentions reports whether sw switches on the status: its tag, or
// for a tagless switch one of its case expressions, reads it.
func (s statusView) switchMentions(sw *ast.SwitchStmt) bool {
	if sw.Tag != nil {
		return s.mentions(sw.Tag)
	}
	for _, st := range sw.Body.List {
		for _, e := range st.(*ast.CaseClause).List {
			if s.mentions(e) {
				return true
			}
		}
	}
	return false
}

// isStatus reports whether e is resp.StatusCode of the view's response.
func (s statusView) isStatus(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok || !isStatusField(s.c.info, sel) {
		return false
	}
	if s.resp == nil {
		return true
	}
	return s.c.localVar(sel.X) == s.resp
}

// isStatusField reports whether sel selects the StatusCode field of an
// http.Response, directly or promoted through an SDK's response type.
func isStatusField(info *types.Info, sel *ast.SelectorExpr) bool {
	sn := info.Selections[sel]
	if sn == nil || sn.Kind() != types.FieldVal {
		return false
	}
	f := sn.Obj()
	return f.Name() == "StatusCode" && f.Pkg() != nil && f.Pkg().Path() == "net/http"
}

// value returns the value of e for status code code: the status itself,
// the status divided by a constant, or a constant; false otherwise.
func (s statusView) value(e ast.Expr, code int) (int64, bool) {
	e = ast.Unparen(e)
	if tv, ok := s.c.info.Types[e]; ok && tv.Value != nil {
		n, exact := constant.Int64Val(constant.ToInt(tv.Value))
		return n, exact
	}
	if s.isStatus(e) {
		return int64(code), true
	}
	if b, ok := e.(*ast.BinaryExpr); ok && (b.Op == token.QUO || b.Op == token.REM) {
		x, okx := s.value(b.X, code)
		y, oky := s.value(b.Y, code)
		if okx && oky && y != 0 {
			if b.Op == token.QUO {
				return x / y, true
			}
			return x % y, true
		}
	}
	return 0, false
}

// eval evaluates the condition e for status code code.
func (s statusView) eval(e ast.Expr, code int) tri {
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return s.eval(e.X, code).not()
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND:
			return s.eval(e.X, code).and(s.eval(e.Y, code))
		case token.LOR:
			return s.eval(e.X, code).or(s.eval(e.Y, code))
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			if !s.mentions(e) {
				return triUnknown
			}
			x, okx := s.value(e.X, code)
			y, oky := s.value(e.Y, code)
			if !okx || !oky {
				return triUnknown
			}
			if constant.Compare(constant.MakeInt64(x), e.Op, constant.MakeInt64(y)) {
				return triTrue
			}
			return triFalse
		}
	}
	return triUnknown
}

// caseMatches returns whether clause's expressions match code: against
// the tag of a tag switch, or as conditions of a tagless one. A default
// clause matches nothing here.
func (s statusView) caseMatches(sw *ast.SwitchStmt, clause *ast.CaseClause, code int) tri {
	m := triFalse
	for _, e := range clause.List {
		if sw.Tag == nil {
			m = m.or(s.eval(e, code))
			continue
		}
		x, okx := s.value(sw.Tag, code)
		y, oky := s.value(e, code)
		switch {
		case !okx || !oky:
			m = m.or(triUnknown)
		case x == y:
			m = triTrue
		}
	}
	return m
}

// clauseTaken returns whether code leads to clause in sw.
func (s statusView) clauseTaken(sw *ast.SwitchStmt, clause *ast.CaseClause, code int) tri {
	if sw.Tag != nil && !s.mentions(sw.Tag) {
		return triUnknown
	}
	earlier := triFalse // some earlier clause is taken
	for _, st := range sw.Body.List {
		cc := st.(*ast.CaseClause)
		if cc == clause {
			if cc.List == nil { // default: no other clause matches
				rest := earlier
				for _, st2 := range sw.Body.List {
					if o := st2.(*ast.CaseClause); o != cc && o.List != nil {
						rest = rest.or(s.caseMatches(sw, o, code))
					}
				}
				return rest.not()
			}
			return earlier.not().and(s.caseMatches(sw, cc, code))
		}
		if cc.List != nil {
			earlier = earlier.or(s.caseMatches(sw, cc, code))
		}
	}
	return triUnknown
}

// passesSwitch returns whether code gets past sw: the clause it takes
// does not leave the block.
func (s statusView) passesSwitch(sw *ast.SwitchStmt, code int) tri {
	stops := triFalse
	for _, st := range sw.Body.List {
		cc := st.(*ast.CaseClause)
		if terminates(cc.Body) {
			stops = stops.or(s.clauseTaken(sw, cc, code))
		}
	}
	return stops.not()
}

// codes evaluates constraints over the status codes in [lo, hi]: whether
// some code makes them all true, and whether every code makes one false.
func codes(cs []constraint, lo, hi int) (someTrue, allExcluded bool) {
	allExcluded = true
	for code := lo; code <= hi; code++ {
		t := triTrue
		for _, c := range cs {
			t = t.and(c(code))
		}
		if t == triTrue {
			someTrue = true
		}
		if t != triFalse {
			allExcluded = false
		}
	}
	return someTrue, allExcluded
}

// knownErrorAt reports whether the code around cur has established that
// the status of a response is an error: no 2xx status gets there.
func (c *checker) knownErrorAt(cur inspector.Cursor) bool {
	cs := statusView{c: c}.constraintsAt(cur)
	if len(cs) == 0 {
		return false
	}
	_, none := codes(cs, 200, 299)
	return none
}

// errorBodyAt reports whether the bytes src decoded at cur may be the body
// of an error response: they come from a response whose status the
// function sees whole, and some status of 400 or more certainly reaches
// cur (the status is not checked, or checked as > 400 or == 500). The
// response must be the function's own, obtained by a call in it, and used
// only in ways whose effect on the status is visible (its fields read, its
// status compared with constants): a response handed to a function may have
// its status checked there.
func (c *checker) errorBodyAt(cur inspector.Cursor, src ast.Expr) bool {
	resp := c.responseOf(src, 0)
	if resp == nil || !c.ownResponse(resp, cur) {
		return false
	}
	cs := statusView{c: c, resp: resp}.constraintsAt(cur)
	some, _ := codes(cs, 400, maxStatus)
	return some
}

// responseOf returns the local variable holding the response whose body e
// reads: resp in resp.Body, or through readers, decoders and bytes made
// from it (io.ReadAll, json.NewDecoder, io.LimitReader, bufio...).
func (c *checker) responseOf(e ast.Expr, depth int) *types.Var {
	if depth > 4 {
		return nil
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		if isBodyField(c.info, e) {
			return c.localVar(e.X)
		}
	case *ast.Ident:
		v := c.localVar(e)
		if v == nil {
			return nil
		}
		var found *types.Var
		for _, a := range c.model.AssignmentsOf(v) {
			if a.Value == nil {
				return nil
			}
			r := c.responseOf(a.Value, depth+1)
			if r == nil || (found != nil && r != found) {
				return nil
			}
			found = r
		}
		return found
	case *ast.CallExpr:
		if tv, ok := c.info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return c.responseOf(e.Args[0], depth+1) // string(b)
		}
		fn := c.model.Callee(e)
		switch {
		case httpmodel.IsFunc(fn, "net/http", "", "MaxBytesReader") && len(e.Args) == 3:
			return c.responseOf(e.Args[1], depth+1)
		case httpmodel.IsFunc(fn, "io", "", "ReadAll"), httpmodel.IsFunc(fn, "io/ioutil", "", "ReadAll"),
			httpmodel.IsFunc(fn, "encoding/json", "", "NewDecoder"), httpmodel.IsFunc(fn, "io", "", "LimitReader"),
			httpmodel.IsFunc(fn, "bufio", "", "NewReader"), httpmodel.IsFunc(fn, "bufio", "", "NewReaderSize"),
			httpmodel.IsFunc(fn, "bytes", "", "NewReader"), httpmodel.IsFunc(fn, "strings", "", "NewReader"):
			if len(e.Args) > 0 {
				return c.responseOf(e.Args[0], depth+1)
			}
		}
	}
	return nil
}

// ownResponse reports whether resp is a variable of the function enclosing
// cur, assigned only from calls made there, and used only in ways whose
// bearing on its status the analyzer sees.
func (c *checker) ownResponse(resp *types.Var, cur inspector.Cursor) bool {
	fn := httpmodel.EnclosingFunc(cur)
	if fn == nil || resp.Pos() < fn.Pos() || resp.Pos() >= fn.End() {
		return false
	}
	if r, ok := fn.(*ast.FuncDecl); ok && r.Type.Params != nil && resp.Pos() < r.Type.End() {
		return false // a parameter: its caller may have checked it
	}
	if l, ok := fn.(*ast.FuncLit); ok && resp.Pos() < l.Type.End() {
		return false
	}
	assigns := c.model.AssignmentsOf(resp)
	if len(assigns) == 0 {
		return false
	}
	for _, a := range assigns {
		if _, ok := ast.Unparen(a.Value).(*ast.CallExpr); !ok || a.Value == nil {
			return false
		}
	}
	for _, id := range c.model.Uses(resp) {
		idCur, ok := c.model.Cursor(id)
		if !ok || httpmodel.EnclosingFunc(idCur) != fn {
			return false // used in a closure: followed no further
		}
		if !c.plainUse(idCur) {
			return false
		}
	}
	return true
}

// plainUse reports whether the use of a response at cur leaves its status
// unexamined or examined visibly: a nil comparison, a field read other
// than StatusCode, or StatusCode compared with a constant, switched on or
// formatted.
func (c *checker) plainUse(cur inspector.Cursor) bool {
	parent := cur.Parent()
	switch p := parent.Node().(type) {
	case *ast.BinaryExpr:
		return (p.Op == token.EQL || p.Op == token.NEQ) && (astq.IsNil(c.info, p.X) || astq.IsNil(c.info, p.Y))
	case *ast.SelectorExpr:
		if p.X != cur.Node() {
			return false
		}
		if !isStatusField(c.info, p) {
			return true // resp.Body, resp.Header, ...
		}
		return c.statusUseSeen(parent)
	}
	return false
}

// statusUseSeen reports whether resp.StatusCode at cur is compared with a
// constant (possibly after dividing it), is a switch tag, or is an
// argument of a formatting or logging function.
func (c *checker) statusUseSeen(cur inspector.Cursor) bool {
	for {
		parent := cur.Parent()
		switch p := parent.Node().(type) {
		case *ast.ParenExpr:
			cur = parent
			continue
		case *ast.BinaryExpr:
			switch p.Op {
			case token.QUO, token.REM:
				cur = parent
				continue
			case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
				other := p.Y
				if p.Y == cur.Node() {
					other = p.X
				}
				tv, ok := c.info.Types[other]
				return ok && tv.Value != nil
			}
			return false
		case *ast.SwitchStmt:
			return p.Tag == cur.Node()
		case *ast.CallExpr:
			fn := c.model.Callee(p)
			if fn == nil || fn.Pkg() == nil {
				return false
			}
			switch fn.Pkg().Path() {
			case "fmt", "log", "log/slog", "strconv":
				return true
			case "net/http":
				return fn.Name() == "StatusText"
			}
			return false
		}
		return false
	}
}
