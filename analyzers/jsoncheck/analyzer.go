package jsoncheck

import (
	"fmt"
	"go/ast"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/httpvet/httpvet/analyzers/internal/analyzerdoc"
	"github.com/httpvet/httpvet/analyzers/internal/facttable"
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
		guards:      make(map[*ast.FuncDecl]*guards),
		aliases:     make(map[*types.Var]*types.Var),
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
	c.facts = facttable.New[decodeFact](pass)
	c.facts.OnLocalRead = c.dependFact
	c.collect(pass.ResultOf[inspect.Analyzer].(*inspector.Inspector))
	c.propagate()
	var fns []*types.Func
	for _, d := range c.decls {
		if fn, ok := c.info.Defs[d.Name].(*types.Func); ok {
			fns = append(fns, fn)
		}
	}
	c.facts.Export(fns, func(f *decodeFact) bool { return !f.empty() })
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
	facts         *facttable.Table[decodeFact, *decodeFact]
	// aliases maps a type switch's clause variable to the switched variable.
	aliases map[*types.Var]*types.Var

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
