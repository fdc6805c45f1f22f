package timeout

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/facttable"
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

// reportCommands also reports in programs that show no sign of running
// long (httpmodel's ShortLived: command-line tools), which are skipped by
// default.
var reportCommands bool

func init() {
	Analyzer.Flags.Var(&defaultTimeout, "default-timeout",
		"the client Timeout that the no-timeout fix inserts, a positive `duration`")
	Analyzer.Flags.BoolVar(&reportCommands, "commands", false,
		"also report in command-line programs: package main with no server, ticker or waiting poll loop")
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
		decls:     make(map[*types.Func]*ast.FuncDecl),
	}
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		if fn, ok := pass.TypesInfo.Defs[decl.Name].(*types.Func); ok && decl.Body != nil {
			c.decls[fn] = decl
		}
	}
	c.exportClientFacts(insp)
	if model.ShortLived() && !reportCommands {
		// A command's stalled request is seen, and interrupted, by whoever
		// runs it: nothing waits on it unattended.
		return nil, nil
	}
	c.indexRequests()
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
	noTimeout map[*types.Func]bool          // this package's functions returning a client without Timeout
	fixed     map[ast.Expr]bool             // client constructions that already carry a fix
	decls     map[*types.Func]*ast.FuncDecl // this package's function declarations

	// The requests through each client construction (a composite literal or
	// new(http.Client)), all of them and those no timeout bounds, and the
	// unbounded requests through each unexported client field.
	byConstruction   map[ast.Expr][]*httpmodel.Request
	unboundedByCons  map[ast.Expr][]*httpmodel.Request
	unboundedByField map[*types.Var][]*httpmodel.Request
}

// indexRequests fills the per-client indexes of requests.
func (c *checker) indexRequests() {
	c.byConstruction = make(map[ast.Expr][]*httpmodel.Request)
	c.unboundedByCons = make(map[ast.Expr][]*httpmodel.Request)
	c.unboundedByField = make(map[*types.Var][]*httpmodel.Request)
	for _, req := range c.model.Requests {
		key := constructionKey(req.Client.Construction)
		if key != nil {
			c.byConstruction[key] = append(c.byConstruction[key], req)
		}
		if !c.unbounded(req) {
			continue
		}
		if key != nil {
			c.unboundedByCons[key] = append(c.unboundedByCons[key], req)
		}
		if req.Client.Kind == httpmodel.ClientField && req.Client.Var != nil {
			c.unboundedByField[req.Client.Var] = append(c.unboundedByField[req.Client.Var], req)
		}
	}
}

// constructionKey returns the composite literal or new(T) call of a
// construction, without parentheses and &, or nil.
func constructionKey(e ast.Expr) ast.Expr {
	if e == nil {
		return nil
	}
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch e.(type) {
	case *ast.CompositeLit, *ast.CallExpr:
		return e
	}
	return nil
}

// unbounded reports whether no timeout visibly bounds the request: sent by
// net/http, with a context that ends nothing, through a client that has
// no Timeout.
func (c *checker) unbounded(req *httpmodel.Request) bool {
	if !req.Context.Unbounded() || req.Via != httpmodel.ViaNetHTTP {
		return false
	}
	if req.Helper() || req.Client.Kind == httpmodel.ClientDefault {
		return !c.defaultClientBounded()
	}
	return c.clientLacksTimeout(req.Client, req.Func)
}

// defaultClientBounded reports whether the package sets
// http.DefaultClient.Timeout, as some programs do in main or init: then the
// package helpers and http.DefaultClient have a timeout.
func (c *checker) defaultClientBounded() bool {
	for _, imp := range c.pass.Pkg.Imports() {
		if imp.Path() != "net/http" {
			continue
		}
		if v, ok := imp.Scope().Lookup("DefaultClient").(*types.Var); ok {
			for _, s := range c.model.FieldSets(v) {
				if s.Field.Name() == "Timeout" && !isZeroConst(c.pass.TypesInfo, s.Value) {
					return true
				}
			}
		}
	}
	return false
}

// checkRequest reports a request whose client has no timeout and whose
// context has no deadline.
func (c *checker) checkRequest(req *httpmodel.Request) {
	if !c.unbounded(req) || c.model.OneShot(req.Call) {
		return
	}
	cl := req.Client
	what := ""
	switch {
	case req.Helper():
		what = "http." + req.Callee.Name()
	case cl.Kind == httpmodel.ClientDefault:
		what = "http.DefaultClient"
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
	// Passing the caller's context bounds this request, and is ctxprop's
	// fix: a Timeout would be a second, different bound on the same request
	// (and one that also covers every other request of the client).
	if !c.dropsCallerContext(req) {
		if fix, ok := c.timeoutFix(cl); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
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

// clientLacksTimeout reports whether the client visibly has a zero Timeout
// and nothing else bounds its requests. Anything the package does not
// show counts as bounded.
func (c *checker) clientLacksTimeout(cl httpmodel.Client, fn ast.Node) bool {
	if cl.Timeout == httpmodel.TriYes || c.mayBeConfigured(cl.Var) || c.transportBounds(cl) {
		return false
	}
	switch cl.Kind {
	case httpmodel.ClientDefault:
		return !c.defaultClientBounded()
	case httpmodel.ClientLiteral, httpmodel.ClientPackageVar:
		return cl.Timeout == httpmodel.TriNo
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
		if s.Field.Name() == "Timeout" && !isZeroConst(c.pass.TypesInfo, s.Value) {
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
	facttable.Settle(4, func() bool {
		changed := false
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
		return changed
	})
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
	if cons == nil || c.fixed[cons] || !c.timeoutIsSafe(cl) {
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
