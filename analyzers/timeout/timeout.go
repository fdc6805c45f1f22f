package timeout

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/report"
)

// Analyzer reports requests with no timeout and transports without dial or
// TLS handshake timeouts.
var Analyzer = &analysis.Analyzer{
	Name:      "timeout",
	Doc:       analyzerdoc.Doc(doc, "timeout"),
	URL:       analyzerdoc.URL("timeout"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, httpmodel.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(noTimeoutClient)},
}

// Categories of the analyzer's diagnostics.
const (
	CategoryNoTimeout         = "no-timeout"
	CategoryTransportTimeouts = "transport-timeouts"
)

// defaultTimeout is the Timeout the fix writes into a client literal.
var defaultTimeout = positiveDuration(30 * time.Second)

func init() {
	Analyzer.Flags.Var(&defaultTimeout, "default-timeout",
		"the client Timeout that the no-timeout fix inserts, a positive `duration`")
}

// positiveDuration is a flag.Value that accepts only durations above zero:
// a zero or negative Timeout written by the fix would bound nothing (zero
// means no timeout to net/http), so such a value is refused when the flag
// is set instead of producing a fix that silently does not fix.
type positiveDuration time.Duration

// String returns the duration as the flag package prints defaults: 30s.
func (d *positiveDuration) String() string { return time.Duration(*d).String() }

// Get returns the time.Duration, so that drivers describe the flag as a duration.
func (d *positiveDuration) Get() any { return time.Duration(*d) }

// Set parses a duration and refuses one that is not positive.
func (d *positiveDuration) Set(s string) error {
	v, err := time.ParseDuration(s)
	if err != nil {
		return errors.New("parse error") // what the flag package says of a bad duration
	}
	if v <= 0 {
		return fmt.Errorf("must be a positive duration, got %v: a zero or negative Client.Timeout sets no timeout", v)
	}
	*d = positiveDuration(v)
	return nil
}

// noTimeoutClient marks a function that returns an *http.Client it builds
// without a Timeout, so that callers in other packages see through it.
type noTimeoutClient struct{}

func (*noTimeoutClient) AFact()         {}
func (*noTimeoutClient) String() string { return "noTimeoutClient" }

func run(pass *analysis.Pass) (any, error) {
	model := pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model)
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if !httpmodel.ImportsNetHTTP(pass.Pkg) && len(model.Requests) == 0 {
		return nil, nil
	}
	c := &checker{
		pass:      pass,
		model:     model,
		rep:       report.New(pass, model),
		timeout:   time.Duration(defaultTimeout),
		noTimeout: make(map[*types.Func]bool),
		fixed:     make(map[ast.Expr]bool),
	}
	c.exportClientFacts(insp)
	for _, req := range model.Requests {
		c.checkRequest(req)
	}
	c.checkTransports(insp)
	return nil, nil
}

type checker struct {
	pass      *analysis.Pass
	model     *httpmodel.Model
	rep       *report.Reporter
	timeout   time.Duration
	noTimeout map[*types.Func]bool // this package's functions returning a client without Timeout
	fixed     map[ast.Expr]bool    // client constructions that already carry a fix
}

// checkRequest reports a request whose client has no timeout and whose
// context has no deadline.
func (c *checker) checkRequest(req *httpmodel.Request) {
	if !req.Context.Unbounded() || req.Via != httpmodel.ViaNetHTTP {
		return
	}
	cl := req.Client
	what := ""
	switch {
	case req.Helper():
		what = "http." + req.Callee.Name()
	case cl.Kind == httpmodel.ClientDefault:
		what = "http.DefaultClient"
	case !c.clientLacksTimeout(cl, req.Func):
		return
	}
	ctxNote := c.contextNote(req.Context)
	if what != "" {
		c.rep.Report(analysis.Diagnostic{
			Pos:      req.Call.Pos(),
			End:      req.Call.End(),
			Category: CategoryNoTimeout,
			Message: fmt.Sprintf("%s has no timeout%s: a stalled server blocks this goroutine forever; use a shared http.Client with a Timeout or a context with a deadline",
				what, ctxNote),
		})
		return
	}
	d := analysis.Diagnostic{
		Pos:      req.Call.Pos(),
		End:      req.Call.End(),
		Category: CategoryNoTimeout,
		Message:  fmt.Sprintf("request sent with an http.Client that has no Timeout%s: a stalled server blocks this goroutine forever", ctxNote),
	}
	if fix, ok := c.timeoutFix(cl); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.rep.Report(d)
}

func (c *checker) contextNote(ctx httpmodel.Context) string {
	switch ctx.Kind {
	case httpmodel.CtxBackground:
		return " and its context has no deadline"
	case httpmodel.CtxDetached:
		return " and context.WithoutCancel drops the deadline"
	}
	return ""
}

// clientLacksTimeout reports whether the client visibly has a zero Timeout.
// Anything the package does not show counts as bounded.
func (c *checker) clientLacksTimeout(cl httpmodel.Client, fn ast.Node) bool {
	switch cl.Kind {
	case httpmodel.ClientDefault:
		return true
	case httpmodel.ClientLiteral, httpmodel.ClientPackageVar:
		return cl.Timeout == httpmodel.No
	case httpmodel.ClientCall:
		return c.returnsNoTimeoutClient(cl.Callee)
	case httpmodel.ClientField:
		return c.fieldLacksTimeout(cl.Var)
	}
	return false
}

func (c *checker) returnsNoTimeoutClient(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if fn.Pkg() == c.pass.Pkg {
		return c.noTimeout[fn]
	}
	return c.pass.ImportObjectFact(fn, new(noTimeoutClient))
}

// fieldLacksTimeout reports whether every initialisation of an unexported
// client field of this package is a client without a Timeout. Exported
// fields can be set by other packages, so they are never judged.
func (c *checker) fieldLacksTimeout(field *types.Var) bool {
	if field == nil || field.Exported() || field.Pkg() != c.pass.Pkg {
		return false
	}
	inits := c.model.AssignmentsOf(field)
	if len(inits) == 0 {
		return false
	}
	for _, a := range inits {
		if a.Value == nil || a.Index != 0 {
			return false
		}
		if !c.clientLacksTimeout(c.model.ClientOf(a.Value, nil), nil) {
			return false
		}
	}
	for _, s := range c.model.FieldSets(field) {
		if s.Field.Name() == "Timeout" {
			return false // s.client.Timeout = d somewhere
		}
	}
	return true
}

// exportClientFacts finds the functions that return a client built without a
// Timeout, iterating so that a chain of such functions is followed.
func (c *checker) exportClientFacts(insp *inspector.Inspector) {
	var decls []*ast.FuncDecl
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if ok && decl.Body != nil && clientResult(fn) >= 0 {
			decls = append(decls, decl)
		}
	}
	for changed, round := true, 0; changed && round < 4; round++ {
		changed = false
		for _, decl := range decls {
			fn := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if c.noTimeout[fn] {
				continue
			}
			if c.returnsOnlyNoTimeoutClients(decl, clientResult(fn)) {
				c.noTimeout[fn] = true
				changed = true
			}
		}
	}
	for fn := range c.noTimeout {
		c.pass.ExportObjectFact(fn, new(noTimeoutClient))
	}
}

func (c *checker) returnsOnlyNoTimeoutClients(decl *ast.FuncDecl, idx int) bool {
	rets := c.model.Returns(decl)
	if len(rets) == 0 {
		return false
	}
	for _, ret := range rets {
		if idx >= len(ret.Results) {
			return false
		}
		e := ret.Results[idx]
		if tv, ok := c.pass.TypesInfo.Types[e]; ok && tv.IsNil() {
			continue
		}
		if !c.clientLacksTimeout(c.model.ClientOf(e, decl), decl) {
			return false
		}
	}
	return true
}

// clientResult returns the index of fn's *http.Client result, or -1.
func clientResult(fn *types.Func) int {
	res := fn.Signature().Results()
	for i := 0; i < res.Len(); i++ {
		if httpmodel.IsPointerTo(res.At(i).Type(), "net/http", "Client") {
			return i
		}
	}
	return -1
}

// timeoutFix inserts a Timeout into the client's literal, once per literal.
func (c *checker) timeoutFix(cl httpmodel.Client) (analysis.SuggestedFix, bool) {
	cons := cl.Construction
	if cons == nil || c.fixed[cons] {
		return analysis.SuggestedFix{}, false
	}
	file := fixes.FileOf(c.pass, cons.Pos())
	if file == nil {
		return analysis.SuggestedFix{}, false
	}
	timeQual, edits := fixes.AddImport(c.pass.TypesInfo, c.pass.Pkg, file, cons.Pos(), "time", "time")
	value := renderDuration(c.timeout, timeQual)
	edit, ok := c.setTimeoutEdit(cons, value)
	if !ok {
		edit, ok = c.constructionEdit(cons, "Timeout: "+value)
	}
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	c.fixed[cons] = true
	return analysis.SuggestedFix{
		Message:   "Add a Timeout to the client",
		TextEdits: append([]analysis.TextEdit{edit}, edits...),
	}, true
}

// checkTransports reports Transport constructions without dial or TLS
// handshake timeouts whose clients have no Timeout either.
func (c *checker) checkTransports(insp *inspector.Inspector) {
	for cur := range insp.Root().Preorder((*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)) {
		var lit *ast.CompositeLit
		switch n := cur.Node().(type) {
		case *ast.CompositeLit:
			tv, ok := c.pass.TypesInfo.Types[n]
			if !ok || !httpmodel.IsNamed(tv.Type, "net/http", "Transport") {
				continue
			}
			lit = n
		case *ast.CallExpr:
			if !httpmodel.IsNewTransport(c.pass.TypesInfo, n) {
				continue
			}
		}
		cons := cur.Node().(ast.Expr)
		if lit != nil && setsTimeouts(lit) {
			continue
		}
		holder := c.holderOf(cur)
		if holder != nil && c.setLater(holder) {
			continue
		}
		if !c.givenToClientWithoutTimeout(cur, holder) {
			continue
		}
		d := analysis.Diagnostic{
			Pos:      cons.Pos(),
			End:      cons.End(),
			Category: CategoryTransportTimeouts,
			Message:  "http.Transport has no dial or TLS handshake timeout and its client no Timeout: a host that accepts the connection but never completes the handshake hangs the request forever",
		}
		if fix, ok := c.transportFix(cons); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		c.rep.Report(d)
	}
}

func isDialOrHandshake(field string) bool {
	switch field {
	case "DialContext", "Dial", "DialTLSContext", "DialTLS", "TLSHandshakeTimeout":
		return true
	}
	return false
}

func setsTimeouts(lit *ast.CompositeLit) bool {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && isDialOrHandshake(key.Name) {
				return true
			}
		}
	}
	return false
}

// holderOf returns the local variable a transport construction is assigned
// to (tr := &http.Transport{...}), or nil.
func (c *checker) holderOf(cur inspector.Cursor) types.Object {
	p := cur.Parent()
	if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		cur, p = p, p.Parent()
	}
	e := cur.Node()
	switch s := p.Node().(type) {
	case *ast.AssignStmt:
		for i, rhs := range s.Rhs {
			if rhs == e && i < len(s.Lhs) && len(s.Lhs) == len(s.Rhs) {
				if id, ok := s.Lhs[i].(*ast.Ident); ok {
					return c.objOf(id)
				}
			}
		}
	case *ast.ValueSpec:
		for i, v := range s.Values {
			if v == e && i < len(s.Names) && len(s.Names) == len(s.Values) {
				return c.pass.TypesInfo.Defs[s.Names[i]]
			}
		}
	}
	return nil
}

func (c *checker) objOf(id *ast.Ident) types.Object {
	if obj := c.pass.TypesInfo.Defs[id]; obj != nil {
		return obj
	}
	return c.pass.TypesInfo.Uses[id]
}

// setLater reports whether a dial function or handshake timeout is assigned
// to the transport variable after its construction (tr.DialContext = ...).
func (c *checker) setLater(holder types.Object) bool {
	for _, s := range c.model.FieldSets(holder) {
		if isDialOrHandshake(s.Field.Name()) {
			return true
		}
	}
	// Given to a function that takes the *http.Transport itself, a
	// configurator such as go-connections' sockets.ConfigureTransport: it
	// may set the dial function (wrappers take an http.RoundTripper).
	v, ok := holder.(*types.Var)
	if !ok {
		return false
	}
	for _, id := range c.model.Uses(v) {
		cur, ok := c.model.Cursor(id)
		if !ok {
			continue
		}
		if call, ok := cur.Parent().Node().(*ast.CallExpr); ok && cur.ParentEdgeKind() == edge.CallExpr_Args && configures(c.pass.TypesInfo, call, cur.ParentEdgeIndex()) {
			return true
		}
	}
	return false
}

// configures reports whether argument i of call is a *http.Transport
// parameter of a function outside net/http and x/net/http2 (whose
// configurators are known not to set a dial function).
func configures(info *types.Info, call *ast.CallExpr, i int) bool {
	fn := httpmodel.Callee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "net/http", "golang.org/x/net/http2":
		return false
	}
	params := fn.Signature().Params()
	if i >= params.Len() {
		return false
	}
	return httpmodel.IsPointerTo(params.At(i).Type(), "net/http", "Transport")
}

// retrievedLater reports whether the client literal at litCur is stored in
// a struct field whose Transport the package takes back out as an
// *http.Transport (c.client.Transport.(*http.Transport)) to configure it
// elsewhere: what it ends up with cannot be seen here.
func (c *checker) retrievedLater(litCur inspector.Cursor) bool {
	cur := litCur
	if u, ok := cur.Parent().Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		cur = cur.Parent()
	}
	var field *types.Var
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if cur.ParentEdgeKind() == edge.AssignStmt_Rhs && len(p.Lhs) == len(p.Rhs) {
			if sel, ok := ast.Unparen(p.Lhs[cur.ParentEdgeIndex()]).(*ast.SelectorExpr); ok {
				field, _ = c.pass.TypesInfo.Uses[sel.Sel].(*types.Var)
			}
		}
	case *ast.KeyValueExpr:
		if id, ok := p.Key.(*ast.Ident); ok {
			field, _ = c.pass.TypesInfo.Uses[id].(*types.Var)
		}
	}
	if field == nil || !field.IsField() {
		return false
	}
	for n := range litCur.Inspector().Root().Preorder((*ast.TypeAssertExpr)(nil)) {
		ta := n.Node().(*ast.TypeAssertExpr)
		if ta.Type == nil || !httpmodel.IsPointerTo(c.pass.TypesInfo.TypeOf(ta.Type), "net/http", "Transport") {
			continue
		}
		tr, ok := ast.Unparen(ta.X).(*ast.SelectorExpr)
		if !ok || tr.Sel.Name != "Transport" {
			continue
		}
		if holder, ok := ast.Unparen(tr.X).(*ast.SelectorExpr); ok && c.pass.TypesInfo.Uses[holder.Sel] == field {
			return true
		}
	}
	return false
}

// givenToClientWithoutTimeout reports whether the transport is visibly
// given to an http.Client without a Timeout: inline in its literal, or
// through the variable that holds it. A transport whose clients cannot be
// seen (returned, passed on) is not judged.
func (c *checker) givenToClientWithoutTimeout(cur inspector.Cursor, holder types.Object) bool {
	// Inline: &http.Client{Transport: &http.Transport{...}}.
	if kv, lit := enclosingClientField(c.pass.TypesInfo, cur); kv != nil {
		return !c.literalHasTimeout(lit) && !c.retrievedLater(lit)
	}
	if holder == nil {
		return false
	}
	// Through a variable: every client literal naming it in its Transport field.
	found := false
	for cl := range cur.Inspector().Root().Preorder((*ast.CompositeLit)(nil)) {
		lit := cl.Node().(*ast.CompositeLit)
		tv, ok := c.pass.TypesInfo.Types[lit]
		if !ok || !httpmodel.IsNamed(tv.Type, "net/http", "Client") {
			continue
		}
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			key, ok := kv.Key.(*ast.Ident)
			id, ok2 := ast.Unparen(kv.Value).(*ast.Ident)
			if !ok || !ok2 || key.Name != "Transport" || c.pass.TypesInfo.Uses[id] != holder {
				continue
			}
			if c.literalHasTimeout(cl) {
				return false
			}
			found = true
		}
	}
	return found
}

// enclosingClientField returns the Transport key-value and the client literal
// when cur (possibly under &) is the Transport field of an http.Client literal.
func enclosingClientField(info *types.Info, cur inspector.Cursor) (*ast.KeyValueExpr, inspector.Cursor) {
	p := cur.Parent()
	if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		p = p.Parent()
	}
	kv, ok := p.Node().(*ast.KeyValueExpr)
	if !ok {
		return nil, cur
	}
	key, ok := kv.Key.(*ast.Ident)
	if !ok || key.Name != "Transport" {
		return nil, cur
	}
	litCur := p.Parent()
	lit, ok := litCur.Node().(*ast.CompositeLit)
	if !ok {
		return nil, cur
	}
	if tv, ok := info.Types[lit]; !ok || !httpmodel.IsNamed(tv.Type, "net/http", "Client") {
		return nil, cur
	}
	return kv, litCur
}

// literalHasTimeout reports whether a client literal sets a Timeout, in the
// literal or by a later assignment to the variable that holds it.
func (c *checker) literalHasTimeout(litCur inspector.Cursor) bool {
	lit := litCur.Node().(*ast.CompositeLit)
	cl := c.model.ClientOf(lit, nil)
	if cl.Timeout != httpmodel.No {
		return true
	}
	if holder := c.holderOf(litCur); holder != nil {
		for _, s := range c.model.FieldSets(holder) {
			if s.Field.Name() == "Timeout" {
				return true
			}
		}
	}
	return false
}

// transportFix adds DialContext and TLSHandshakeTimeout with
// http.DefaultTransport's values.
func (c *checker) transportFix(cons ast.Expr) (analysis.SuggestedFix, bool) {
	file := fixes.FileOf(c.pass, cons.Pos())
	if file == nil {
		return analysis.SuggestedFix{}, false
	}
	netQual, netEdits := fixes.AddImport(c.pass.TypesInfo, c.pass.Pkg, file, cons.Pos(), "net", "net")
	timeQual, timeEdits := fixes.AddImport(c.pass.TypesInfo, c.pass.Pkg, file, cons.Pos(), "time", "time")
	dial := fmt.Sprintf("DialContext: (&%sDialer{Timeout: %s, KeepAlive: %s}).DialContext",
		netQual, renderDuration(30*time.Second, timeQual), renderDuration(30*time.Second, timeQual))
	handshake := "TLSHandshakeTimeout: " + renderDuration(10*time.Second, timeQual)
	edit, ok := c.constructionEdit(cons, dial, handshake)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	edits := append([]analysis.TextEdit{edit}, netEdits...)
	edits = append(edits, timeEdits...)
	return analysis.SuggestedFix{Message: "Add dial and TLS handshake timeouts", TextEdits: edits}, true
}

// setTimeoutEdit replaces the value of a Timeout the client literal already
// names (Timeout: 0), where adding a second one would not compile. Like
// addField's, the edit runs through the literal's closing brace.
func (c *checker) setTimeoutEdit(cons ast.Expr, value string) (analysis.TextEdit, bool) {
	lit, ok := ast.Unparen(cons).(*ast.CompositeLit)
	if u, isAddr := ast.Unparen(cons).(*ast.UnaryExpr); isAddr {
		lit, ok = ast.Unparen(u.X).(*ast.CompositeLit)
	}
	if !ok {
		return analysis.TextEdit{}, false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if key, isID := kv.Key.(*ast.Ident); !ok || !isID || key.Name != "Timeout" {
			continue
		}
		src, tf, ok := c.source(kv.Value.Pos())
		if !ok {
			return analysis.TextEdit{}, false
		}
		tail := src[tf.Offset(kv.Value.End()) : tf.Offset(lit.Rbrace)+1]
		return analysis.TextEdit{Pos: kv.Value.Pos(), End: lit.Rbrace + 1, NewText: []byte(value + string(tail))}, true
	}
	return analysis.TextEdit{}, false
}

// constructionEdit adds key-value fields to a construction: a composite
// literal, possibly under &, or new(T), which becomes &T{fields}.
func (c *checker) constructionEdit(cons ast.Expr, fields ...string) (analysis.TextEdit, bool) {
	switch x := ast.Unparen(cons).(type) {
	case *ast.UnaryExpr:
		if lit, ok := ast.Unparen(x.X).(*ast.CompositeLit); ok {
			return c.addField(lit, fields...)
		}
	case *ast.CompositeLit:
		return c.addField(x, fields...)
	case *ast.CallExpr: // new(T)
		if typ, ok := c.sourceText(x.Args[0]); ok {
			return analysis.TextEdit{Pos: x.Pos(), End: x.End(),
				NewText: []byte("&" + typ + "{" + strings.Join(fields, ", ") + "}")}, true
		}
	}
	return analysis.TextEdit{}, false
}

// addField adds key-value fields to a composite literal, placing them by
// the literal's own brace and element positions, whatever its layout:
//
//	T{}                  -> T{F: v}
//	T{                   -> T{
//	}                         F: v,
//	                          }
//	T{A: a}              -> T{A: a, F: v}
//	T{                   -> T{
//		A: a, // note            A: a, // note
//	}                             F: v,
//	                          }
//	T{                   -> T{
//		A: &U{                   A: &U{
//		}}                       },
//	                             F: v}
//
// The new fields go after the last element (or its trailing comma), never
// before a closing brace found by its line, so that a nested literal or a
// function literal closing on the same line cannot receive them. The edit
// always covers the literal's closing brace, so that a fix of another
// analyzer replacing the whole literal (clientreuse hoisting it) is seen by
// the driver as a conflict instead of being merged into it. Offsets are the
// file's own (unadjusted): a //line directive changes nothing here.
func (c *checker) addField(lit *ast.CompositeLit, fields ...string) (analysis.TextEdit, bool) {
	src, tf, ok := c.source(lit.Lbrace)
	if !ok || !lit.Rbrace.IsValid() {
		return analysis.TextEdit{}, false
	}
	for _, elt := range lit.Elts {
		if _, ok := elt.(*ast.KeyValueExpr); !ok {
			return analysis.TextEdit{}, false // positional elements: a keyed field cannot join them
		}
	}
	lb, rb := tf.Offset(lit.Lbrace), tf.Offset(lit.Rbrace)
	if rb >= len(src) || src[rb] != '}' || lb >= rb {
		return analysis.TextEdit{}, false
	}
	closing := lit.Rbrace + 1
	braceAlone := onlySpaceBefore(src, rb) // the closing brace starts its line

	if len(lit.Elts) == 0 {
		if braceAlone && hasNewline(src[lb:rb]) {
			// T{\n} or T{\n\t// comment\n}: one field per line, one level
			// deeper than the closing brace.
			braceIndent := indentOf(src, rb)
			text := ""
			for i, f := range fields {
				if i > 0 {
					text += braceIndent
				}
				text += "\t" + f + ",\n"
			}
			return analysis.TextEdit{Pos: lit.Rbrace, End: closing, NewText: []byte(text + braceIndent + "}")}, true
		}
		return analysis.TextEdit{Pos: lit.Rbrace, End: closing, NewText: []byte(strings.Join(fields, ", ") + "}")}, true
	}

	last := lit.Elts[len(lit.Elts)-1]
	le := tf.Offset(last.End())
	comma, ok := trailingComma(src, le, rb)
	if !ok {
		return analysis.TextEdit{}, false
	}
	firstOwnLine := hasNewline(src[lb:tf.Offset(lit.Elts[0].Pos())])
	elemIndent := indentOf(src, tf.Offset(last.Pos()))
	if !onlySpaceBefore(src, tf.Offset(last.Pos())) {
		elemIndent = indentOf(src, lb) + "\t" // the last element shares the opening brace's line
	}
	var at int // offset after which the fields go
	var text string
	switch {
	case braceAlone && comma >= 0:
		// One element per line, the brace on a line of its own: new lines
		// just before the brace's line, after any comment ending the last
		// element's line.
		at = lineStart(src, rb)
		for _, f := range fields {
			text += elemIndent + f + ",\n"
		}
	case firstOwnLine:
		// A multi-line literal whose brace closes on the last element's
		// line (}}, )}): continue it on new lines.
		at = le
		if comma >= 0 {
			at = comma + 1
		}
		for _, f := range fields {
			text += ",\n" + elemIndent + f
		}
		if comma >= 0 {
			text = text[1:] + ","
		}
	default:
		at = le
		if comma >= 0 {
			at = comma + 1
			text = " " + strings.Join(fields, ", ") + ","
		} else {
			text = ", " + strings.Join(fields, ", ")
		}
	}
	pos := tf.Pos(at)
	return analysis.TextEdit{Pos: pos, End: closing, NewText: []byte(text + string(src[at:rb+1]))}, true
}

// source returns the content of the file holding pos and its token.File,
// checking that they agree (the file read is the file parsed).
func (c *checker) source(pos token.Pos) ([]byte, *token.File, bool) {
	tf := c.pass.Fset.File(pos)
	if tf == nil || c.pass.ReadFile == nil {
		return nil, nil, false
	}
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil || len(src) != tf.Size() {
		return nil, nil, false
	}
	return src, tf, true
}

// sourceText returns the text of n as written, by the file's own offsets.
func (c *checker) sourceText(n ast.Node) (string, bool) {
	src, tf, ok := c.source(n.Pos())
	if !ok {
		return "", false
	}
	from, to := tf.Offset(n.Pos()), tf.Offset(n.End())
	if from > to || to > len(src) {
		return "", false
	}
	return string(src[from:to]), true
}

// trailingComma returns the offset of the comma that follows the last
// element (at offset from) before the closing brace (at offset to), or -1
// when there is none. Comments are skipped. It reports false on anything
// else, which a parsed literal cannot hold.
func trailingComma(src []byte, from, to int) (int, bool) {
	for i := from; i < to; {
		switch {
		case src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r':
			i++
		case src[i] == ',':
			return i, true
		case strings.HasPrefix(string(src[i:min(i+2, to)]), "//"):
			for i < to && src[i] != '\n' {
				i++
			}
		case strings.HasPrefix(string(src[i:min(i+2, to)]), "/*"):
			end := strings.Index(string(src[i+2:to]), "*/")
			if end < 0 {
				return 0, false
			}
			i += 2 + end + 2
		default:
			return 0, false
		}
	}
	return -1, true
}

// lineStart returns the offset of the start of the line holding offset off.
func lineStart(src []byte, off int) int {
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}

// onlySpaceBefore reports whether nothing but blanks precedes offset off on its line.
func onlySpaceBefore(src []byte, off int) bool {
	return strings.Trim(string(src[lineStart(src, off):off]), " \t") == ""
}

// indentOf returns the blanks that start the line holding offset off.
func indentOf(src []byte, off int) string {
	start := lineStart(src, off)
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}

func hasNewline(b []byte) bool { return strings.ContainsRune(string(b), '\n') }

// renderDuration writes d as Go source: 30 * time.Second, 1500 * time.Millisecond.
func renderDuration(d time.Duration, timeQual string) string {
	units := []struct {
		unit time.Duration
		name string
	}{{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"}, {time.Millisecond, "Millisecond"}, {time.Microsecond, "Microsecond"}}
	for _, u := range units {
		if d%u.unit == 0 && d != 0 {
			if d == u.unit {
				return timeQual + u.name
			}
			return fmt.Sprintf("%d * %s%s", d/u.unit, timeQual, u.name)
		}
	}
	return fmt.Sprintf("%sDuration(%d)", timeQual, int64(d))
}
