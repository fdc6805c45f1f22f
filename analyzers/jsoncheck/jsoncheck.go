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
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/fixes"
	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
	"github.com/httpvet/httpvet/analyzers/internal/report"
)

// Analyzer reports response JSON used without validation.
var Analyzer = &analysis.Analyzer{
	Name:      "jsoncheck",
	Doc:       analyzerdoc.Doc(doc, "jsoncheck"),
	URL:       analyzerdoc.URL("jsoncheck"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, httpmodel.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(decodeFact), new(fieldsFact)},
}

// Categories of the diagnostics.
const (
	CategoryUncheckedAssertion = "unchecked-assertion"
	CategoryNilDeref           = "nil-deref"
	CategoryIgnoredError       = "ignored-error"
	CategoryUnboundedRead      = "unbounded-read"
)

// Flags, read only inside run.
var (
	allDecodes    bool
	unboundedRead bool
	strictNil     bool
	maxBody       = byteSize(10 << 20)
)

// byteSize is the value of -max-body: a positive number of bytes. Zero or
// a negative size would make the fix empty every body, so Set rejects it.
type byteSize int64

func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

// Set parses a decimal or Go-style integer (10485760, 0xA00000, 10_485_760).
func (b *byteSize) Set(s string) error {
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil {
		return fmt.Errorf("not a number of bytes: %q", s)
	}
	if n <= 0 {
		return fmt.Errorf("must be a positive number of bytes, got %d", n)
	}
	*b = byteSize(n)
	return nil
}

func init() {
	Analyzer.Flags.BoolVar(&allDecodes, "all-decodes", false,
		"check data from every encoding/json decode, not only from HTTP responses")
	Analyzer.Flags.BoolVar(&unboundedRead, "unbounded-read", false,
		"report io.ReadAll and JSON decoders reading a response body with no size limit")
	Analyzer.Flags.Var(&maxBody, "max-body",
		"the byte limit (positive) the unbounded-read fix passes to http.MaxBytesReader")
	Analyzer.Flags.BoolVar(&strictNil, "strict-nil-deref", false,
		"report every dereferenced pointer field of response JSON, even without evidence that it can be nil")
}

// Flow is one path of data through a function, in terms of its parameters
// (receiver excluded) and results; From is -1 for an HTTP response body.
type Flow struct {
	From, To int
	// Ptr reports that the value points to the data rather than being it.
	Ptr bool
	// ErrBody reports that the response decoded may be an error response:
	// its status is not checked, or not fully (see errorBodyAt).
	ErrBody bool
}

// decodeFact describes how a function moves response JSON, so that callers
// in other packages see through request helpers and SDK methods. Facts are
// gob-encoded by go vet: fields stay exported and basic.
type decodeFact struct {
	// Into: the function decodes source From into what parameter To points to.
	Into []Flow
	// Returns: result To holds data decoded from From.
	Returns []Flow
	// Raw: result To holds the undecoded bytes (or a reader) of From.
	Raw []Flow
}

// AFact marks decodeFact as an analysis fact.
func (*decodeFact) AFact() {}

func (f *decodeFact) String() string {
	var parts []string
	show := func(kind string, fl []Flow) {
		for _, x := range fl {
			from := "resp"
			if x.From >= 0 {
				from = fmt.Sprintf("param%d", x.From)
			}
			star := ""
			if x.Ptr {
				star = "*"
			}
			if x.ErrBody {
				from += "!"
			}
			parts = append(parts, fmt.Sprintf("%s(%s->%s%d)", kind, from, star, x.To))
		}
	}
	show("into", f.Into)
	show("returns", f.Returns)
	show("raw", f.Raw)
	return strings.Join(parts, " ")
}

func (f *decodeFact) empty() bool {
	return len(f.Into) == 0 && len(f.Returns) == 0 && len(f.Raw) == 0
}

func (f *decodeFact) equal(g *decodeFact) bool {
	eq := func(a, b []Flow) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	return eq(f.Into, g.Into) && eq(f.Returns, g.Returns) && eq(f.Raw, g.Raw)
}

// mask is a set of origins: a response body, a parameter of the enclosing
// declaration (bit i), whether an unbounded body is read, and whether the
// data may have been decoded from an error response.
type mask uint64

const (
	fromResponse mask = 1 << 63
	unbounded    mask = 1 << 62
	errBody      mask = 1 << 61
	maxParams         = 61
)

func run(pass *analysis.Pass) (any, error) {
	model := pass.ResultOf[httpmodel.Analyzer].(*httpmodel.Model)
	if maxBody <= 0 {
		return nil, fmt.Errorf("-max-body must be a positive number of bytes, got %d", maxBody)
	}
	// Fast path: nothing here can see a response (net/http is not in the
	// import closure) and no JSON is decoded here (a decoding helper still
	// gets its fact).
	if !model.HTTP && !imports(pass.Pkg, "encoding/json") {
		return nil, nil
	}
	c := &checker{
		pass:        pass,
		info:        pass.TypesInfo,
		model:       model,
		rep:         report.New(pass, model),
		allDecodes:  allDecodes,
		strictNil:   strictNil,
		src:         make(map[*types.Var]mask),
		val:         make(map[*types.Var]mask),
		ptr:         make(map[*types.Var]mask),
		local:       make(map[*types.Func]*decodeFact),
		guards:      make(map[*ast.FuncDecl]*guards),
		aliases:     make(map[*types.Var]*types.Var),
		imported:    make(map[*types.Func]*decodeFact),
		readers:     make(map[*types.Var][]int32),
		factReaders: make(map[*types.Func][]int32),
		errBodies:   make(map[*ast.CallExpr]bool),
		ev: evidence{
			nullable: make(map[*types.Var]bool),
			checked:  make(map[*types.Var]bool),
			names:    make(map[*types.Var]string),
		},
		cur: -1,
	}
	c.collect(pass.ResultOf[inspect.Analyzer].(*inspector.Inspector))
	c.propagate()
	for _, d := range c.decls {
		fn, ok := c.info.Defs[d.Name].(*types.Func)
		if f := c.local[fn]; ok && f != nil && !f.empty() {
			g := *f
			pass.ExportObjectFact(fn, &g)
		}
	}
	c.exportFields()
	c.checkAssertions()
	c.checkDerefs()
	c.checkDecodes()
	if unboundedRead {
		c.checkReads()
	}
	return nil, nil
}

func imports(pkg *types.Package, path string) bool {
	for _, p := range pkg.Imports() {
		if p.Path() == path {
			return true
		}
	}
	return false
}

// checker holds what run computes for one package.
type checker struct {
	pass       *analysis.Pass
	info       *types.Info
	model      *httpmodel.Model
	rep        *report.Reporter
	allDecodes bool
	strictNil  bool // -strict-nil-deref

	// Origins of each local variable's value: src for bytes, readers and
	// decoders of a body; val for decoded data; ptr for pointers to it.
	src, val, ptr map[*types.Var]mask
	local         map[*types.Func]*decodeFact
	// aliases maps a type switch's clause variable to the switched variable.
	aliases map[*types.Var]*types.Var

	imported map[*types.Func]*decodeFact // facts of other packages' functions, nil when none
	// errBodies caches errorBodyOf for each decoding call.
	errBodies map[*ast.CallExpr]bool
	ev        evidence

	decls    []*ast.FuncDecl
	vars     []*types.Var
	ranges   []*ast.RangeStmt
	switches []*ast.TypeSwitchStmt
	calls    []node
	asserts  []node
	derefs   []node // *ast.SelectorExpr and *ast.StarExpr
	guards   map[*ast.FuncDecl]*guards

	// The worklist of propagate. An item is a piece of code that moves
	// origins: the assignments of c.vars[i], then c.ranges, c.switches,
	// c.calls and c.decls, numbered in that order. readers and factReaders
	// record which items read a variable's origins or a local function's
	// fact; cur is the item being evaluated (-1 outside propagate).
	readers     map[*types.Var][]int32
	factReaders map[*types.Func][]int32
	queue       []int32
	queued      []bool
	cur         int32
}

// node is a collected node with its cursor and outermost declaration.
type node struct {
	cur  inspector.Cursor
	decl *ast.FuncDecl
}

// guards lists what, in one declaration, shows that a value was checked.
type guards struct {
	nilCmps  []ast.Expr            // x in x == nil, x != nil
	assigned []ast.Expr            // left-hand sides of assignments
	getters  []*ast.CallExpr       // x.GetF() calls
	calls    []*ast.CallExpr       // every call, for validators
	commaOks []*ast.TypeAssertExpr // comma-ok assertions and type switch guards
}

// guardsOf returns the guards of d, collected on first need: only the
// declarations with something to report are looked at again.
func (c *checker) guardsOf(d *ast.FuncDecl) *guards {
	if g := c.guards[d]; g != nil {
		return g
	}
	g := new(guards)
	c.guards[d] = g
	root, ok := c.model.Cursor(d)
	if !ok {
		return g
	}
	filter := []ast.Node{
		(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.TypeSwitchStmt)(nil),
		(*ast.CallExpr)(nil), (*ast.BinaryExpr)(nil),
	}
	for cur := range root.Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			g.assigned = append(g.assigned, n.Lhs...)
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				if ta, ok := ast.Unparen(n.Rhs[0]).(*ast.TypeAssertExpr); ok {
					g.commaOks = append(g.commaOks, ta)
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 {
				if ta, ok := ast.Unparen(n.Values[0]).(*ast.TypeAssertExpr); ok {
					g.commaOks = append(g.commaOks, ta)
				}
			}
		case *ast.TypeSwitchStmt:
			if ta := switchGuard(n); ta != nil {
				g.commaOks = append(g.commaOks, ta)
			}
		case *ast.CallExpr:
			g.calls = append(g.calls, n)
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && strings.HasPrefix(sel.Sel.Name, "Get") {
				g.getters = append(g.getters, n)
			}
		case *ast.BinaryExpr:
			if n.Op == token.EQL || n.Op == token.NEQ {
				if c.isNil(n.Y) {
					g.nilCmps = append(g.nilCmps, n.X)
				} else if c.isNil(n.X) {
					g.nilCmps = append(g.nilCmps, n.Y)
				}
			}
		}
	}
	return g
}

// collect makes the one traversal of the package.
func (c *checker) collect(insp *inspector.Inspector) {
	seen := make(map[*types.Var]bool)
	addVar := func(e ast.Expr) {
		if v := c.localVar(e); v != nil && !seen[v] {
			seen[v] = true
			c.vars = append(c.vars, v)
		}
	}
	var decl *ast.FuncDecl
	filter := []ast.Node{
		(*ast.FuncDecl)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.RangeStmt)(nil),
		(*ast.TypeSwitchStmt)(nil), (*ast.CallExpr)(nil), (*ast.TypeAssertExpr)(nil),
		(*ast.SelectorExpr)(nil), (*ast.StarExpr)(nil), (*ast.StructType)(nil), (*ast.BinaryExpr)(nil),
	}
	for cur := range insp.Root().Preorder(filter...) {
		n := cur.Node()
		if fd, ok := n.(*ast.FuncDecl); ok {
			decl = fd
			c.decls = append(c.decls, fd)
			c.seedParams(fd)
			continue
		}
		if decl != nil && (n.Pos() < decl.Pos() || n.End() > decl.End()) {
			decl = nil
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				addVar(lhs)
			}
		case *ast.ValueSpec:
			for _, name := range n.Names {
				addVar(name)
			}
		case *ast.StructType:
			c.collectStruct(cur, n)
		case *ast.BinaryExpr:
			c.collectNilCheck(n, decl)
		case *ast.RangeStmt:
			c.ranges = append(c.ranges, n)
		case *ast.TypeSwitchStmt:
			c.switches = append(c.switches, n)
			c.recordAliases(n)
		case *ast.CallExpr:
			c.calls = append(c.calls, node{cur, decl})
		case *ast.TypeAssertExpr:
			if n.Type != nil && decl != nil {
				c.asserts = append(c.asserts, node{cur, decl})
			}
		case *ast.SelectorExpr:
			// Only a selection from a selection can dereference a field (see checkDerefs).
			if _, ok := ast.Unparen(n.X).(*ast.SelectorExpr); ok && decl != nil {
				c.derefs = append(c.derefs, node{cur, decl})
			}
		case *ast.StarExpr:
			if _, ok := ast.Unparen(n.X).(*ast.SelectorExpr); ok && decl != nil {
				c.derefs = append(c.derefs, node{cur, decl})
			}
		}
	}
}

// seedParams gives each parameter of a declaration its own origin bit.
func (c *checker) seedParams(fd *ast.FuncDecl) {
	if fd.Type.Params == nil {
		return
	}
	i := 0
	for _, field := range fd.Type.Params.List {
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, name := range field.Names {
			if v, ok := c.info.Defs[name].(*types.Var); ok && i < maxParams {
				c.src[v] |= 1 << i // before propagate: no readers yet
			}
			i++
		}
	}
}

// switchGuard returns the assertion of a type switch: x.(type) in
// switch v := x.(type) or switch x.(type).
func switchGuard(n *ast.TypeSwitchStmt) *ast.TypeAssertExpr {
	var e ast.Expr
	switch a := n.Assign.(type) {
	case *ast.AssignStmt:
		if len(a.Rhs) == 1 {
			e = a.Rhs[0]
		}
	case *ast.ExprStmt:
		e = a.X
	}
	ta, _ := ast.Unparen(e).(*ast.TypeAssertExpr)
	return ta
}

// propagate computes the origins of every variable and the facts of the
// package's functions, to a fixed point. Each item (see checker.queue) is
// evaluated once, and again only when what it read has changed since: a
// variable it read gained origins, or a local function's fact it consulted
// changed. What an evaluation reads is recorded as it reads it (depend,
// dependFact), so the dependencies are exact even where they follow facts.
// Origins only gain bits, so this ends; the bound guards against odd code.
func (c *checker) propagate() {
	nv, nr, ns, nc := len(c.vars), len(c.ranges), len(c.switches), len(c.calls)
	n := nv + nr + ns + nc + len(c.decls)
	c.queue = make([]int32, n)
	c.queued = make([]bool, n)
	for i := range c.queue {
		c.queue[i], c.queued[i] = int32(i), true
	}
	for head := 0; head < len(c.queue) && head < 32*n; head++ {
		i := c.queue[head]
		c.queued[i], c.cur = false, i
		switch j := int(i); {
		case j < nv:
			c.assignOrigins(c.vars[j])
		case j < nv+nr:
			c.rangeOrigins(c.ranges[j-nv])
		case j < nv+nr+ns:
			c.switchOrigins(c.switches[j-nv-nr])
		case j < nv+nr+ns+nc:
			c.callEffects(c.calls[j-nv-nr-ns].cur.Node().(*ast.CallExpr))
		default:
			c.deriveDecl(c.decls[j-nv-nr-ns-nc])
		}
	}
	c.cur, c.queue, c.queued, c.readers, c.factReaders = -1, nil, nil, nil, nil
}

// depend records that the item being evaluated reads the origins of v.
func (c *checker) depend(v *types.Var) {
	if c.cur < 0 {
		return
	}
	if rs := c.readers[v]; len(rs) == 0 || rs[len(rs)-1] != c.cur {
		c.readers[v] = append(rs, c.cur)
	}
}

// dependFact records that the item being evaluated reads the fact of fn.
func (c *checker) dependFact(fn *types.Func) {
	if c.cur < 0 {
		return
	}
	if rs := c.factReaders[fn]; len(rs) == 0 || rs[len(rs)-1] != c.cur {
		c.factReaders[fn] = append(rs, c.cur)
	}
}

// gain adds origins to v in m (c.src, c.val or c.ptr), and queues the
// items that read v when it gains any.
func (c *checker) gain(m map[*types.Var]mask, v *types.Var, bits mask) {
	if bits&^m[v] == 0 {
		return
	}
	m[v] |= bits
	c.requeue(c.readers[v])
}

func (c *checker) requeue(items []int32) {
	for _, i := range items {
		if c.queued != nil && !c.queued[i] {
			c.queued[i] = true
			c.queue = append(c.queue, i)
		}
	}
}

// srcVar and dataVar read the origins of a variable.
func (c *checker) srcVar(v *types.Var) mask {
	c.depend(v)
	return c.src[v]
}

func (c *checker) dataVar(v *types.Var) (val, ptr mask) {
	c.depend(v)
	return c.val[v], c.ptr[v]
}

func (c *checker) assignOrigins(v *types.Var) {
	for _, a := range c.model.AssignmentsOf(v) {
		if a.Value == nil {
			continue
		}
		val := ast.Unparen(a.Value)
		if call, ok := val.(*ast.CallExpr); ok {
			if _, tuple := c.info.TypeOf(call).(*types.Tuple); tuple {
				c.gain(c.src, v, c.callSrc(call, a.Index))
				dv, dp := c.callData(call, a.Index)
				c.gain(c.val, v, dv)
				c.gain(c.ptr, v, dp)
				continue
			}
		}
		if a.Index != 0 {
			continue // ok of a comma-ok form
		}
		c.gain(c.src, v, c.srcOf(val))
		dv, dp := c.dataOf(val)
		c.gain(c.val, v, dv)
		c.gain(c.ptr, v, dp)
	}
}

func (c *checker) rangeOrigins(r *ast.RangeStmt) {
	if r.Value == nil {
		return
	}
	v := c.localVar(r.Value)
	if v == nil {
		return
	}
	dv, dp := c.dataOf(r.X)
	if isPointerToArray(c.info.TypeOf(r.X)) {
		dv |= dp
	}
	c.gain(c.val, v, dv)
}

// switchOrigins gives the clause variables of a type switch over data the
// data's origins.
func (c *checker) switchOrigins(s *ast.TypeSwitchStmt) {
	ta := switchGuard(s)
	if ta == nil {
		return
	}
	dv, _ := c.dataOf(ta.X)
	for _, v := range c.clauseVars(s) {
		c.gain(c.val, v, dv)
	}
}

// recordAliases records the clause variables of a type switch as aliases
// of the switched variable, so that decoding into a clause variable fills
// what the variable points to.
func (c *checker) recordAliases(s *ast.TypeSwitchStmt) {
	ta := switchGuard(s)
	if ta == nil {
		return
	}
	if base := c.localVar(ta.X); base != nil {
		for _, v := range c.clauseVars(s) {
			c.aliases[v] = base
		}
	}
}

// clauseVars returns the variables a type switch declares in its clauses.
func (c *checker) clauseVars(s *ast.TypeSwitchStmt) []*types.Var {
	var vars []*types.Var
	for _, stmt := range s.Body.List {
		clause, ok := stmt.(*ast.CaseClause)
		if !ok {
			continue
		}
		if v, ok := c.info.Implicits[clause].(*types.Var); ok {
			vars = append(vars, v)
		}
	}
	return vars
}

// callEffects applies what a call does to its arguments: decoding into a
// destination, copying a body into a buffer.
func (c *checker) callEffects(call *ast.CallExpr) {
	fn := c.model.Callee(call)
	if fn == nil {
		return
	}
	if d := c.decodeOf(call); d != nil {
		m := d.src
		if m&fromResponse != 0 && c.errorBodyOf(call, d.from) {
			m |= errBody
		}
		c.markDest(d.dst, m)
		return
	}
	switch {
	case httpmodel.IsFunc(fn, "io", "", "Copy"), httpmodel.IsFunc(fn, "io", "", "CopyN"), httpmodel.IsFunc(fn, "io", "", "CopyBuffer"):
		if len(call.Args) >= 2 {
			if v := c.localVar(stripAddr(call.Args[0])); v != nil {
				c.gain(c.src, v, c.srcOf(call.Args[1]))
			}
		}
		return
	case httpmodel.IsFunc(fn, "bytes", "Buffer", "ReadFrom"), httpmodel.IsFunc(fn, "strings", "Builder", "ReadFrom"):
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && len(call.Args) == 1 {
			if v := c.localVar(stripAddr(sel.X)); v != nil {
				c.gain(c.src, v, c.srcOf(call.Args[0]))
			}
		}
		return
	}
	f := c.factOf(fn)
	if f == nil {
		return
	}
	for _, fl := range f.Into {
		dst := c.argOf(call, fn, fl.To)
		if dst == nil {
			continue
		}
		c.markDest(dst, c.dataOrigin(call, fn, fl))
	}
}

// dataOrigin returns the origins of data that a fact's flow decodes in a
// call, with errBody when the data may come from an error response: the
// callee says so, or the callee decodes a body the caller hands it, whose
// status the caller leaves unchecked.
func (c *checker) dataOrigin(call *ast.CallExpr, fn *types.Func, fl Flow) mask {
	m := c.flowOrigin(call, fn, fl.From)
	if m&fromResponse == 0 {
		return m
	}
	if fl.From < 0 {
		if fl.ErrBody {
			m |= errBody
		}
	} else if arg := c.argOf(call, fn, fl.From); arg != nil && c.errorBodyOf(call, arg) {
		m |= errBody
	}
	return m
}

// errorBodyOf is errorBodyAt for the source src of a decoding call,
// computed once per call.
func (c *checker) errorBodyOf(call *ast.CallExpr, src ast.Expr) bool {
	if v, ok := c.errBodies[call]; ok {
		return v
	}
	v := false
	if cur, ok := c.model.Cursor(call); ok {
		v = c.errorBodyAt(cur, src)
	}
	c.errBodies[call] = v
	return v
}

// decode is a direct call of json.Unmarshal or (*json.Decoder).Decode.
type decode struct {
	call *ast.CallExpr
	src  mask     // origins of the data decoded
	from ast.Expr // the bytes or decoder decoded
	dst  ast.Expr
}

func (c *checker) decodeOf(call *ast.CallExpr) *decode {
	fn := c.model.Callee(call)
	var d *decode
	switch {
	case httpmodel.IsFunc(fn, "encoding/json", "", "Unmarshal") && len(call.Args) == 2:
		d = &decode{call: call, src: c.srcOf(call.Args[0]), from: call.Args[0], dst: call.Args[1]}
	case httpmodel.IsFunc(fn, "encoding/json", "Decoder", "Decode") && len(call.Args) == 1:
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		d = &decode{call: call, src: c.srcOf(sel.X), from: sel.X, dst: call.Args[0]}
	default:
		return nil
	}
	d.src &^= unbounded
	if c.allDecodes {
		d.src |= fromResponse
	}
	return d
}

// markDest records that data of origins m was decoded into dst.
func (c *checker) markDest(dst ast.Expr, m mask) {
	if m == 0 {
		return
	}
	dst = ast.Unparen(dst)
	if u, ok := dst.(*ast.UnaryExpr); ok && u.Op == token.AND {
		if v := c.localVar(u.X); v != nil {
			c.gain(c.val, v, m)
		}
		return
	}
	v := c.localVar(dst)
	if v == nil {
		return
	}
	switch types.Unalias(v.Type()).Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.TypeParam:
		c.gain(c.ptr, v, m)
		if base := c.aliases[v]; base != nil {
			c.gain(c.ptr, base, m)
		}
	}
}

// flowOrigin returns the origins of a fact's source in a call.
func (c *checker) flowOrigin(call *ast.CallExpr, fn *types.Func, from int) mask {
	if from < 0 {
		return fromResponse
	}
	if arg := c.argOf(call, fn, from); arg != nil {
		return c.srcOf(arg) &^ unbounded
	}
	return 0
}

// argOf returns the argument of call for parameter i of fn, or nil.
func (c *checker) argOf(call *ast.CallExpr, fn *types.Func, i int) ast.Expr {
	sig := fn.Signature()
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sig.Recv() != nil {
		if s := c.info.Selections[sel]; s != nil && s.Kind() == types.MethodExpr {
			i++ // T.M(recv, args...)
		}
	}
	if i < 0 || i >= len(call.Args) || call.Ellipsis.IsValid() {
		return nil
	}
	if sig.Variadic() && i >= sig.Params().Len()-1 {
		return nil
	}
	return call.Args[i]
}

// srcOf returns the origins of the bytes, reader or decoder e.
func (c *checker) srcOf(e ast.Expr) mask {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := c.info.Uses[e].(*types.Var); ok {
			return c.srcVar(v)
		}
	case *ast.SelectorExpr:
		if isBodyField(c.info, e) {
			return fromResponse | unbounded
		}
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return c.srcOf(e.X)
		}
	case *ast.CallExpr:
		if _, tuple := c.info.TypeOf(e).(*types.Tuple); !tuple {
			return c.callSrc(e, 0)
		}
	}
	return 0
}

// isBodyField reports whether sel selects the Body field of an http.Response.
func isBodyField(info *types.Info, sel *ast.SelectorExpr) bool {
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return false
	}
	f := s.Obj()
	if f.Name() != "Body" || f.Pkg() == nil || f.Pkg().Path() != "net/http" {
		return false
	}
	// The field's struct is http.Response (not http.Request).
	t := s.Recv()
	for {
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
			continue
		}
		break
	}
	if httpmodel.IsNamed(t, "net/http", "Response") {
		return true
	}
	// An SDK response embedding *http.Response: the path goes through it.
	idx := s.Index()
	st, ok := t.Underlying().(*types.Struct)
	if !ok || len(idx) < 2 || idx[0] >= st.NumFields() {
		return false
	}
	ft := st.Field(idx[0]).Type()
	return httpmodel.IsPointerTo(ft, "net/http", "Response") || httpmodel.IsNamed(ft, "net/http", "Response")
}

// callSrc returns the origins of result idx of call as bytes or a reader.
func (c *checker) callSrc(call *ast.CallExpr, idx int) mask {
	if tv, ok := c.info.Types[call.Fun]; ok && tv.IsType() {
		if len(call.Args) == 1 && idx == 0 {
			return c.srcOf(call.Args[0]) // []byte(s), string(b)
		}
		return 0
	}
	fn := c.model.Callee(call)
	if fn == nil {
		return 0
	}
	arg := func(i int) mask {
		if i < len(call.Args) {
			return c.srcOf(call.Args[i])
		}
		return 0
	}
	if idx == 0 {
		switch {
		case httpmodel.IsFunc(fn, "io", "", "LimitReader"):
			return arg(0) &^ unbounded
		case httpmodel.IsFunc(fn, "net/http", "", "MaxBytesReader"):
			return arg(1) &^ unbounded
		case httpmodel.IsFunc(fn, "bufio", "", "NewReader"), httpmodel.IsFunc(fn, "bufio", "", "NewReaderSize"),
			httpmodel.IsFunc(fn, "io", "", "TeeReader"), httpmodel.IsFunc(fn, "io", "", "NopCloser"),
			httpmodel.IsFunc(fn, "compress/gzip", "", "NewReader"), httpmodel.IsFunc(fn, "compress/zlib", "", "NewReader"),
			httpmodel.IsFunc(fn, "compress/flate", "", "NewReader"),
			httpmodel.IsFunc(fn, "bytes", "", "NewReader"), httpmodel.IsFunc(fn, "bytes", "", "NewBuffer"),
			httpmodel.IsFunc(fn, "strings", "", "NewReader"),
			httpmodel.IsFunc(fn, "io", "", "ReadAll"), httpmodel.IsFunc(fn, "io/ioutil", "", "ReadAll"),
			httpmodel.IsFunc(fn, "encoding/json", "", "NewDecoder"):
			return arg(0)
		case httpmodel.IsFunc(fn, "bytes", "Buffer", "Bytes"), httpmodel.IsFunc(fn, "bytes", "Buffer", "String"),
			httpmodel.IsFunc(fn, "strings", "Builder", "String"):
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				return c.srcOf(stripAddr(sel.X)) &^ unbounded
			}
			return 0
		}
	}
	var m mask
	if f := c.factOf(fn); f != nil {
		for _, fl := range f.Raw {
			if fl.To == idx {
				m |= c.flowOrigin(call, fn, fl.From)
			}
		}
	}
	return m
}

// callData returns the origins of result idx of call as decoded data (val)
// or as a pointer to it (ptr).
func (c *checker) callData(call *ast.CallExpr, idx int) (val, ptr mask) {
	fn := c.model.Callee(call)
	if fn == nil {
		return 0, 0
	}
	f := c.factOf(fn)
	if f == nil {
		return 0, 0
	}
	for _, fl := range f.Returns {
		if fl.To != idx {
			continue
		}
		m := c.dataOrigin(call, fn, fl)
		if fl.Ptr {
			ptr |= m
		} else {
			val |= m
		}
	}
	return val, ptr
}

// dataOf returns the origins of e as decoded data (val), or as a pointer to
// decoded data (ptr).
func (c *checker) dataOf(e ast.Expr) (val, ptr mask) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := c.info.Uses[e].(*types.Var); ok {
			return c.dataVar(v)
		}
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			v, _ := c.dataOf(e.X)
			return 0, v
		}
	case *ast.StarExpr:
		v, p := c.dataOf(e.X)
		return v | p, 0
	case *ast.SelectorExpr:
		s := c.info.Selections[e]
		if s == nil || s.Kind() != types.FieldVal {
			return 0, 0
		}
		v, p := c.dataOf(e.X)
		if _, isPtr := types.Unalias(c.info.TypeOf(e.X)).Underlying().(*types.Pointer); isPtr {
			return v | p, 0
		}
		return v, 0
	case *ast.IndexExpr:
		switch types.Unalias(c.info.TypeOf(e.X)).Underlying().(type) {
		case *types.Map, *types.Slice, *types.Array:
			v, _ := c.dataOf(e.X)
			return v, 0
		case *types.Pointer:
			v, p := c.dataOf(e.X)
			return v | p, 0
		}
	case *ast.SliceExpr:
		v, _ := c.dataOf(e.X)
		return v, 0
	case *ast.TypeAssertExpr:
		v, _ := c.dataOf(e.X)
		return v, 0
	case *ast.CallExpr:
		if _, tuple := c.info.TypeOf(e).(*types.Tuple); !tuple {
			return c.callData(e, 0)
		}
	}
	return 0, 0
}

// deriveDecl computes the fact of a declaration from the origins known so
// far, and queues the items that read it when it changed.
func (c *checker) deriveDecl(d *ast.FuncDecl) {
	fn, ok := c.info.Defs[d.Name].(*types.Func)
	if !ok || d.Body == nil {
		return
	}
	f := c.deriveFact(d, fn)
	old := c.local[fn]
	if old == nil {
		old = new(decodeFact)
	}
	if !old.equal(f) {
		c.local[fn] = f
		c.requeue(c.factReaders[fn])
	}
}

func (c *checker) deriveFact(d *ast.FuncDecl, fn *types.Func) *decodeFact {
	f := new(decodeFact)
	sig := fn.Signature()
	// flows turns origins into flows to position to.
	flows := func(m mask, to int, ptr bool) []Flow {
		var out []Flow
		if m&fromResponse != 0 {
			out = append(out, Flow{From: -1, To: to, Ptr: ptr, ErrBody: m&errBody != 0})
		}
		for i := 0; i < maxParams && i < sig.Params().Len(); i++ {
			if m&(1<<i) != 0 {
				out = append(out, Flow{From: i, To: to, Ptr: ptr})
			}
		}
		return out
	}
	for i := 0; i < sig.Params().Len() && i < maxParams; i++ {
		p := sig.Params().At(i)
		_, pp := c.dataVar(p)
		f.Into = append(f.Into, flows(pp&^(1<<i), i, false)...)
	}
	results := sig.Results()
	var val, ptr, raw [maxParams]mask
	for _, ret := range c.model.Returns(d) {
		exprs := ret.Results
		if len(exprs) == 0 {
			for i := 0; i < results.Len() && i < maxParams; i++ {
				v, p := c.dataVar(results.At(i))
				val[i] |= v
				ptr[i] |= p
				raw[i] |= c.srcVar(results.At(i))
			}
			continue
		}
		if len(exprs) == 1 && results.Len() > 1 {
			call, ok := ast.Unparen(exprs[0]).(*ast.CallExpr)
			if !ok {
				continue
			}
			for i := 0; i < results.Len() && i < maxParams; i++ {
				v, p := c.callData(call, i)
				val[i] |= v
				ptr[i] |= p
				raw[i] |= c.callSrc(call, i)
			}
			continue
		}
		for i, e := range exprs {
			if i >= maxParams {
				break
			}
			v, p := c.dataOf(e)
			val[i] |= v
			ptr[i] |= p
			raw[i] |= c.srcOf(e)
		}
	}
	for i := 0; i < results.Len() && i < maxParams; i++ {
		if canHoldChecked(results.At(i).Type(), 0) {
			f.Returns = append(f.Returns, flows(val[i], i, false)...)
			f.Returns = append(f.Returns, flows(ptr[i], i, true)...)
		}
		if isRawType(results.At(i).Type()) {
			f.Raw = append(f.Raw, flows(raw[i]&^unbounded, i, false)...)
		}
	}
	return f
}

// canHoldChecked reports whether a value of type t can hold what the
// analyzer checks: untyped JSON or structs (which may have pointer fields).
// Strings and numbers taken out of the data need no fact.
func canHoldChecked(t types.Type, depth int) bool {
	if depth > 4 {
		return false
	}
	switch u := types.Unalias(t).(type) {
	case *types.TypeParam:
		return true
	case *types.Named:
		if _, ok := u.Underlying().(*types.Struct); ok {
			return true
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Interface:
		return u.Empty()
	case *types.Struct:
		return true
	case *types.Pointer:
		return canHoldChecked(u.Elem(), depth+1)
	case *types.Slice:
		return canHoldChecked(u.Elem(), depth+1)
	case *types.Array:
		return canHoldChecked(u.Elem(), depth+1)
	case *types.Map:
		return canHoldChecked(u.Elem(), depth+1)
	}
	return false
}

// isRawType reports whether t can carry undecoded bytes: []byte, string, a
// reader, a decoder.
func isRawType(t types.Type) bool {
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Slice:
		b, ok := types.Unalias(u.Elem()).(*types.Basic)
		return ok && b.Kind() == types.Byte
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Interface:
		return !u.Empty()
	case *types.Pointer:
		return httpmodel.IsNamed(u.Elem(), "encoding/json", "Decoder") || httpmodel.IsNamed(u.Elem(), "bytes", "Buffer") ||
			httpmodel.IsNamed(u.Elem(), "bytes", "Reader") || httpmodel.IsNamed(u.Elem(), "bufio", "Reader")
	}
	return false
}

// factOf returns the fact of fn, from this package or imported.
func (c *checker) factOf(fn *types.Func) *decodeFact {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		c.dependFact(fn)
		return c.local[fn]
	}
	f, seen := c.imported[fn]
	if !seen {
		f = new(decodeFact)
		if !c.pass.ImportObjectFact(fn, f) {
			f = nil
		}
		c.imported[fn] = f
	}
	return f
}

// ---- unchecked-assertion ----

func (c *checker) checkAssertions() {
	for _, n := range c.asserts {
		ta := n.cur.Node().(*ast.TypeAssertExpr)
		if commaOk(n.cur) {
			continue
		}
		if v, _ := c.dataOf(ta.X); v&fromResponse == 0 {
			continue
		}
		if !isEmptyInterface(c.info.TypeOf(ta.X)) {
			continue
		}
		if c.testedBefore(ta, c.guardsOf(n.decl)) {
			continue
		}
		c.reportAssertion(n, ta)
	}
}

// commaOk reports whether the assertion at cur is the value of a comma-ok form.
func commaOk(cur inspector.Cursor) bool {
	for {
		if _, ok := cur.Parent().Node().(*ast.ParenExpr); !ok {
			break
		}
		cur = cur.Parent()
	}
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		return len(p.Lhs) == 2 && len(p.Rhs) == 1
	case *ast.ValueSpec:
		return len(p.Names) == 2 && len(p.Values) == 1
	}
	return false
}

// testedBefore reports whether an earlier comma-ok assertion or type switch
// of the function tested the same expression.
func (c *checker) testedBefore(ta *ast.TypeAssertExpr, g *guards) bool {
	for _, ok := range g.commaOks {
		if ok.Pos() < ta.Pos() && c.sameExpr(ok.X, ta.X) {
			return true
		}
	}
	return false
}

func (c *checker) reportAssertion(n node, ta *ast.TypeAssertExpr) {
	d := analysis.Diagnostic{
		Pos:      ta.Pos(),
		End:      ta.End(),
		Category: CategoryUncheckedAssertion,
		Message: fmt.Sprintf("unchecked type assertion %s on JSON from an HTTP response panics when the value is null, absent or not %s; use the comma-ok form or a typed struct",
			shorten(c.source(ta)), types.ExprString(ta.Type)),
	}
	if fix, ok := c.assertionFix(n, ta); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.rep.Report(d)
}

// shorten keeps messages on one line and of a readable length.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

func isEmptyInterface(t types.Type) bool {
	if t == nil {
		return false
	}
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return false
	}
	i, ok := t.Underlying().(*types.Interface)
	return ok && i.Empty()
}

// ---- nil-deref ----

// fieldKey names a field path within a declaration.
type fieldKey struct {
	decl *ast.FuncDecl
	path string
}

func (c *checker) checkDerefs() {
	reported := make(map[ast.Expr]bool)
	seenField := make(map[fieldKey]bool)
	for _, n := range c.derefs {
		var field *ast.SelectorExpr // the pointer field dereferenced
		var at ast.Expr
		switch e := n.cur.Node().(type) {
		case *ast.StarExpr:
			if _, ok := c.info.Types[e]; !ok || c.info.Types[e].IsType() {
				continue
			}
			sel, ok := ast.Unparen(e.X).(*ast.SelectorExpr)
			if !ok {
				continue
			}
			field, at = sel, e
		case *ast.SelectorExpr:
			sel, ok := ast.Unparen(e.X).(*ast.SelectorExpr)
			if !ok || !c.derefsThrough(e) {
				continue
			}
			field, at = sel, e
		}
		fv, base := c.pointerField(field)
		if fv == nil || reported[at] {
			continue
		}
		v, p := c.dataOf(base)
		if (v|p)&fromResponse == 0 {
			continue
		}
		if c.customDecoded(base) || c.checked(field, c.guardsOf(n.decl)) {
			continue
		}
		why, ok := c.nilEvidence(fv, v|p)
		if !ok {
			continue
		}
		// One finding per field and function: the first dereference.
		key := fieldKey{n.decl, types.ExprString(field)}
		if seenField[key] {
			continue
		}
		seenField[key] = true
		reported[at] = true
		c.rep.Report(analysis.Diagnostic{
			Pos:      at.Pos(),
			End:      at.End(),
			Category: CategoryNilDeref,
			Message: fmt.Sprintf("%s dereferences pointer field %s of JSON from an HTTP response without a nil check: it is nil when the field is null or absent, and this panics%s",
				shorten(c.source(at)), shorten(c.source(field)), why),
		})
	}
}

// nilEvidence returns why the field f of data of origins m may be nil, as
// a clause for the message, and false when nothing shows it (unless
// -strict-nil-deref asks for every dereference).
func (c *checker) nilEvidence(f *types.Var, m mask) (string, bool) {
	if m&errBody != 0 {
		return " (the body decoded may be an error response: its status is not checked for every error)", true
	}
	ev := c.fieldEvidenceOf(f)
	switch {
	case ev&evNullable != 0:
		return " (the field's comment says it may be null or absent)", true
	case ev&evChecked != 0:
		return " (other code compares this field with nil)", true
	case c.strictNil:
		return "", true
	}
	return "", false
}

// derefsThrough reports whether the selector e dereferences its operand
// (a pointer): it selects a field, or a method with a value receiver.
func (c *checker) derefsThrough(e *ast.SelectorExpr) bool {
	s := c.info.Selections[e]
	if s == nil {
		return false
	}
	if _, ok := types.Unalias(c.info.TypeOf(e.X)).Underlying().(*types.Pointer); !ok {
		return false
	}
	if len(s.Index()) != 1 {
		return false // promoted through embedded fields: not followed
	}
	switch s.Kind() {
	case types.FieldVal:
		return true
	case types.MethodVal:
		fn, ok := s.Obj().(*types.Func)
		if !ok {
			return false
		}
		_, ptrRecv := types.Unalias(fn.Signature().Recv().Type()).(*types.Pointer)
		return !ptrRecv
	}
	return false
}

// pointerField returns the field that sel selects when it is a field of
// pointer type, and the expression it is selected from.
func (c *checker) pointerField(sel *ast.SelectorExpr) (*types.Var, ast.Expr) {
	s := c.info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return nil, nil
	}
	f, ok := s.Obj().(*types.Var)
	if !ok {
		return nil, nil
	}
	if _, ok := types.Unalias(f.Type()).Underlying().(*types.Pointer); !ok {
		return nil, nil
	}
	if _, ok := types.Unalias(f.Type()).(*types.TypeParam); ok {
		return nil, nil
	}
	return f, sel.X
}

// customDecoded reports whether the struct holding the field decodes itself
// (an UnmarshalJSON method may fill or validate its fields).
func (c *checker) customDecoded(base ast.Expr) bool {
	t := c.info.TypeOf(base)
	if t == nil {
		return false
	}
	if p, ok := types.Unalias(t).Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if _, ok := types.Unalias(t).(*types.Named); !ok {
		return false
	}
	ms := types.NewMethodSet(types.NewPointer(t))
	for i := 0; i < ms.Len(); i++ {
		if ms.At(i).Obj().Name() == "UnmarshalJSON" {
			return true
		}
	}
	return false
}

// checked reports whether the function shows the field, or a value it is
// reached from, examined: compared with nil, assigned, read through a GetX
// accessor, or handed to a validating function or method.
func (c *checker) checked(field *ast.SelectorExpr, g *guards) bool {
	for _, e := range g.nilCmps {
		if c.sameExpr(e, field) {
			return true
		}
		if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && c.isGetterOf(call, field) {
			return true
		}
	}
	for _, e := range g.assigned {
		if c.sameExpr(e, field) {
			return true
		}
	}
	for _, call := range g.getters {
		if c.isGetterOf(call, field) {
			return true
		}
	}
	// A validator: a call, not of the standard library, returning an error
	// or a bool, that receives the field's value or what it is reached from.
	for _, call := range g.calls {
		if !c.validates(call) {
			continue
		}
		var operands []ast.Expr
		operands = append(operands, call.Args...)
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s := c.info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
				operands = append(operands, sel.X)
			}
		}
		for _, op := range operands {
			for x := ast.Expr(field); x != nil; x = parentPath(x) {
				if c.sameExpr(stripAddr(op), x) {
					return true
				}
			}
		}
	}
	return false
}

// isGetterOf reports whether call is x.GetF() for field x.F.
func (c *checker) isGetterOf(call *ast.CallExpr, field *ast.SelectorExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Get"+field.Sel.Name && c.sameExpr(sel.X, field.X)
}

// validates reports whether call may validate its operands: a function or
// method outside the standard library with an error or bool result, that
// is not itself a decoder or a GetX accessor.
func (c *checker) validates(call *ast.CallExpr) bool {
	fn := c.model.Callee(call)
	if fn == nil || fn.Pkg() == nil || strings.HasPrefix(fn.Name(), "Get") {
		return false
	}
	if fn.Pkg() != c.pass.Pkg && isStd(fn.Pkg().Path()) {
		return false
	}
	if f := c.factOf(fn); f != nil && len(f.Into) > 0 {
		return false // a decoding helper, not a check
	}
	res := fn.Signature().Results()
	for i := 0; i < res.Len(); i++ {
		t := res.At(i).Type()
		if fixes.IsError(t) {
			return true
		}
		if b, ok := t.Underlying().(*types.Basic); ok && b.Kind() == types.Bool {
			return true
		}
	}
	return false
}

// isStd reports whether path looks like a standard library package.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// parentPath returns the operand of a selector, index or dereference path.
func parentPath(e ast.Expr) ast.Expr {
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		return e.X
	case *ast.IndexExpr:
		return e.X
	case *ast.StarExpr:
		return e.X
	}
	return nil
}

// sameExpr reports whether a and b denote the same variable path.
func (c *checker) sameExpr(a, b ast.Expr) bool {
	a, b = ast.Unparen(a), ast.Unparen(b)
	switch a := a.(type) {
	case *ast.Ident:
		b, ok := b.(*ast.Ident)
		if !ok {
			return false
		}
		oa, ob := c.info.ObjectOf(a), c.info.ObjectOf(b)
		return oa != nil && oa == ob
	case *ast.SelectorExpr:
		b, ok := b.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		oa, ob := c.info.ObjectOf(a.Sel), c.info.ObjectOf(b.Sel)
		if oa == nil || oa != ob {
			return false
		}
		if _, isVar := oa.(*types.Var); !isVar {
			return false
		}
		return c.sameExpr(a.X, b.X)
	case *ast.IndexExpr:
		b, ok := b.(*ast.IndexExpr)
		if !ok || !c.sameExpr(a.X, b.X) {
			return false
		}
		ta, tb := c.info.Types[a.Index], c.info.Types[b.Index]
		if ta.Value != nil && tb.Value != nil {
			return ta.Value.ExactString() == tb.Value.ExactString()
		}
		return c.sameExpr(a.Index, b.Index)
	case *ast.StarExpr:
		b, ok := b.(*ast.StarExpr)
		return ok && c.sameExpr(a.X, b.X)
	case *ast.TypeAssertExpr:
		b, ok := b.(*ast.TypeAssertExpr)
		return ok && a.Type != nil && b.Type != nil && c.sameExpr(a.X, b.X) &&
			types.Identical(c.info.TypeOf(a.Type), c.info.TypeOf(b.Type))
	}
	return false
}

// ---- ignored-error ----

func (c *checker) checkDecodes() {
	for _, n := range c.calls {
		call := n.cur.Node().(*ast.CallExpr)
		d := c.decodeOf(call)
		if d == nil || d.src&fromResponse == 0 || n.decl == nil {
			continue
		}
		stmt, form := c.discarded(n.cur)
		if stmt == nil || c.decodedBefore(d, n) {
			continue
		}
		// Best effort on an error response: the error is being reported
		// anyway, and the decode only adds the API's message to it. Turning
		// its failure into the returned error would replace the API's own
		// error ("404: no such user") with "invalid character '<'".
		if c.knownErrorAt(n.cur) || c.buildsError(n.cur, call) {
			continue
		}
		if !c.destUsedAfter(d, n.cur) {
			continue
		}
		what := "json.Unmarshal"
		if !httpmodel.IsFunc(c.model.Callee(call), "encoding/json", "", "Unmarshal") {
			what = "(*json.Decoder).Decode"
		}
		diag := analysis.Diagnostic{
			Pos:      call.Pos(),
			End:      call.End(),
			Category: CategoryIgnoredError,
			Message: fmt.Sprintf("error returned by %s is not checked: a malformed or truncated response body leaves zero values that are then used as data",
				what),
		}
		if form != formAssigned {
			if fix, ok := c.decodeFix(n.cur, stmt, call); ok {
				diag.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
		c.rep.Report(diag)
	}
}

// buildsError reports whether the function around the decode at cur
// returns a non-nil error on every return after it: the function builds
// an error (a parseError(resp) helper), and what is decoded only enriches
// it.
func (c *checker) buildsError(cur inspector.Cursor, call *ast.CallExpr) bool {
	fd, ok := httpmodel.EnclosingFunc(cur).(*ast.FuncDecl)
	if !ok {
		return false
	}
	sig := fixes.Signature(c.info, fd)
	if sig == nil || sig.Results().Len() == 0 || !fixes.IsError(sig.Results().At(sig.Results().Len()-1).Type()) {
		return false
	}
	n := 0
	for _, ret := range c.model.Returns(fd) {
		if ret.Pos() < call.End() {
			continue
		}
		if len(ret.Results) != sig.Results().Len() || !c.nonNilError(ret.Results[len(ret.Results)-1]) {
			return false
		}
		n++
	}
	return n > 0
}

// nonNilError reports whether e, an expression of a function's error
// result, is never nil: fmt.Errorf, errors.New, the address of a value, or
// a value of a non-pointer, non-interface type.
func (c *checker) nonNilError(e ast.Expr) bool {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok {
		fn := c.model.Callee(call)
		return httpmodel.IsFunc(fn, "fmt", "", "Errorf") || httpmodel.IsFunc(fn, "errors", "", "New")
	}
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		return true
	}
	t := c.info.TypeOf(e)
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Interface, *types.Pointer, *types.Map, *types.Slice, *types.Chan, *types.Signature:
		return false
	}
	return !c.isNil(e)
}

// decodedBefore reports whether the same bytes were decoded earlier in the
// declaration with the error examined: the data is known to be valid JSON,
// and a second decode into another shape (optional extras) may ignore it.
func (c *checker) decodedBefore(d *decode, n node) bool {
	arg, ok := sourceArg(d.call)
	if !ok {
		return false
	}
	for _, m := range c.calls {
		if m.decl != n.decl || m.cur.Node().Pos() >= d.call.Pos() {
			continue
		}
		other := m.cur.Node().(*ast.CallExpr)
		if c.decodeOf(other) == nil {
			continue
		}
		if a, ok := sourceArg(other); ok && c.sameExpr(a, arg) {
			if stmt, _ := c.discarded(m.cur); stmt == nil {
				return true
			}
		}
	}
	return false
}

// sourceArg returns the bytes decoded by json.Unmarshal.
func sourceArg(call *ast.CallExpr) (ast.Expr, bool) {
	if len(call.Args) != 2 {
		return nil, false
	}
	return call.Args[0], true
}

type discardForm int

const (
	formExpr     discardForm = iota // json.Unmarshal(b, &v)
	formBlank                       // _ = json.Unmarshal(b, &v)
	formAssigned                    // err = json.Unmarshal(b, &v), err never read
)

// discarded returns the statement that discards the error of the call at
// cur, or nil when the error is used.
func (c *checker) discarded(cur inspector.Cursor) (ast.Stmt, discardForm) {
	for {
		if _, ok := cur.Parent().Node().(*ast.ParenExpr); !ok {
			break
		}
		cur = cur.Parent()
	}
	parent := cur.Parent()
	switch p := parent.Node().(type) {
	case *ast.ExprStmt:
		if inStmtList(parent) {
			return p, formExpr
		}
		return nil, 0
	case *ast.AssignStmt:
		if len(p.Lhs) != 1 || len(p.Rhs) != 1 || (p.Tok != token.ASSIGN && p.Tok != token.DEFINE) {
			return nil, 0
		}
		if id, ok := p.Lhs[0].(*ast.Ident); ok && id.Name == "_" {
			return p, formBlank
		}
		v := c.localVar(p.Lhs[0])
		if v == nil || !c.unread(v, parent) {
			return nil, 0
		}
		return p, formAssigned
	}
	return nil, 0
}

// unread reports whether the local variable v, assigned by the statement
// at stmt, is never read before it is overwritten. Only plain cases are
// claimed: no later use in the function, outside loops.
func (c *checker) unread(v *types.Var, stmt inspector.Cursor) bool {
	var fnCur inspector.Cursor
	for f := range stmt.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fnCur = f
		break
	}
	if !fnCur.Valid() {
		return false
	}
	var body *ast.BlockStmt
	switch f := fnCur.Node().(type) {
	case *ast.FuncDecl:
		body = f.Body
	case *ast.FuncLit:
		body = f.Body
	}
	if body == nil || v.Pos() < body.Pos() || v.Pos() >= body.End() {
		return false // parameter or named result
	}
	for l := range stmt.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch l.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if v.Pos() < l.Node().Pos() {
				return false // a read earlier in the loop may see it
			}
		}
		break
	}
	end := stmt.Node().End()
	for _, id := range c.model.Uses(v) {
		if id.Pos() > end {
			return false
		}
	}
	return true
}

// destUsedAfter reports whether the decode's destination is used after the call.
func (c *checker) destUsedAfter(d *decode, cur inspector.Cursor) bool {
	v := c.localVar(stripAddr(d.dst))
	if v == nil {
		return true // a field or an expression: assume used
	}
	fn := httpmodel.EnclosingFunc(cur)
	if fn == nil {
		return false
	}
	for _, id := range c.model.Uses(v) {
		if id.Pos() > d.call.End() && id.Pos() < fn.End() {
			return true
		}
	}
	return false
}

// ---- unbounded-read ----

func (c *checker) checkReads() {
	for _, n := range c.calls {
		call := n.cur.Node().(*ast.CallExpr)
		fn := c.model.Callee(call)
		if len(call.Args) == 0 || !(httpmodel.IsFunc(fn, "io", "", "ReadAll") || httpmodel.IsFunc(fn, "io/ioutil", "", "ReadAll") ||
			httpmodel.IsFunc(fn, "encoding/json", "", "NewDecoder")) {
			continue
		}
		if c.srcOf(call.Args[0])&(fromResponse|unbounded) != fromResponse|unbounded {
			continue
		}
		what := "io.ReadAll"
		if fn.Pkg().Path() == "io/ioutil" {
			what = "ioutil.ReadAll"
		} else if fn.Name() == "NewDecoder" {
			what = "json.NewDecoder"
		}
		d := analysis.Diagnostic{
			Pos:      call.Pos(),
			End:      call.End(),
			Category: CategoryUnboundedRead,
			Message: fmt.Sprintf("%s reads an HTTP response body with no size limit: a huge or endless body exhausts memory; wrap it in io.LimitReader",
				what),
		}
		if fix, ok := c.limitFix(n, call.Args[0]); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		c.rep.Report(d)
	}
}

// ---- fixes ----

// assertionFix rewrites x := e.(T) (or x = e.(T)) to the comma-ok form
// followed by a guard returning an error.
func (c *checker) assertionFix(n node, ta *ast.TypeAssertExpr) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	stmtCur := n.cur.Parent()
	as, ok := stmtCur.Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != ta || !inStmtList(stmtCur) {
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
			if len(n.Results) != res.Len() || c.isNil(n.Results[len(n.Results)-1]) {
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
	if c.isNil(e) {
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
	if !ok || !c.zeroReturnSafe(fn) {
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

// ---- small helpers ----

// localVar returns the variable (not a field) that e names, or nil.
func (c *checker) localVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	obj := c.info.Defs[id]
	if obj == nil {
		obj = c.info.Uses[id]
	}
	v, ok := obj.(*types.Var)
	if !ok || v.IsField() {
		return nil
	}
	return v
}

func (c *checker) isNil(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && c.info.Uses[id] == types.Universe.Lookup("nil")
}

func stripAddr(e ast.Expr) ast.Expr {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		return ast.Unparen(u.X)
	}
	return e
}

func isPointerToArray(t types.Type) bool {
	if t == nil {
		return false
	}
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	_, ok = p.Elem().Underlying().(*types.Array)
	return ok
}

// inStmtList reports whether cur is a statement of a block or clause body.
func inStmtList(cur inspector.Cursor) bool {
	switch cur.ParentEdgeKind() {
	case edge.BlockStmt_List, edge.CaseClause_Body, edge.CommClause_Body:
		return true
	}
	return false
}
