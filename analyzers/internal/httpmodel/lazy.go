package httpmodel

import (
	"go/ast"
	"go/types"
	"strings"
)

// lazyGuards says which calls of one method run only to initialise state
// kept by the method's receiver: Docker's API-version negotiation pings the
// daemon only while cli.negotiated is false and then sets it; a token
// source fetches a token only while s.token is empty. A call is guarded
// when it sits in the body of an if whose condition reads a field of the
// receiver that the same body writes (directly, or in methods of this
// package it calls on the receiver), or in a function given to
// (*sync.Once).Do.
type lazyGuards struct {
	guardedCalls map[*ast.CallExpr]bool
}

func (g *lazyGuards) guarded(call *ast.CallExpr) bool { return g.guardedCalls[call] }

// lazyGuardsOf finds the guarded calls of decl.
func (r *resolver) lazyGuardsOf(decl *ast.FuncDecl) *lazyGuards {
	g := &lazyGuards{guardedCalls: make(map[*ast.CallExpr]bool)}
	if decl.Body == nil {
		return g
	}
	recv := r.receiverOf(decl)
	var stack []ast.Node
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if call, ok := n.(*ast.CallExpr); ok && r.guardedBy(call, stack, recv) {
			g.guardedCalls[call] = true
		}
		stack = append(stack, n)
		return true
	})
	return g
}

// guardedBy reports whether call, under the nodes of stack (outermost
// first), runs only to initialise the receiver's state.
func (r *resolver) guardedBy(call *ast.CallExpr, stack []ast.Node, recv *types.Var) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit:
			if i > 0 {
				if outer, ok := stack[i-1].(*ast.CallExpr); ok && IsFunc(Callee(r.info, outer), "sync", "Once", "Do") {
					return true
				}
			}
		case *ast.BlockStmt:
			if recv == nil || i == 0 {
				continue
			}
			ifs, ok := stack[i-1].(*ast.IfStmt)
			if !ok || ifs.Body != n {
				continue
			}
			reads := r.recvPaths(ifs.Cond, recv)
			if len(reads) == 0 {
				continue
			}
			writes := make(map[string]bool)
			r.recvWrites(n, recv, writes, 0)
			for rd := range reads {
				for w := range writes {
					if rd == w || strings.HasPrefix(rd, w+".") || strings.HasPrefix(w, rd+".") {
						return true
					}
				}
			}
		}
	}
	return false
}

// receiverOf returns the named receiver of a method declaration, or nil.
func (r *resolver) receiverOf(decl *ast.FuncDecl) *types.Var {
	if decl.Recv == nil || len(decl.Recv.List) == 0 || len(decl.Recv.List[0].Names) == 0 {
		return nil
	}
	v, _ := r.info.Defs[decl.Recv.List[0].Names[0]].(*types.Var)
	return v
}

// recvPath returns the fields e selects from recv, "a.b" for recv.a.b, or "".
func (r *resolver) recvPath(e ast.Expr, recv *types.Var) string {
	var fields []string
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			sel, ok := r.info.Selections[x]
			if !ok || sel.Kind() != types.FieldVal {
				return ""
			}
			fields = append(fields, x.Sel.Name)
			e = x.X
			continue
		case *ast.StarExpr:
			e = x.X
			continue
		case *ast.Ident:
			if len(fields) == 0 || r.info.Uses[x] != recv {
				return ""
			}
			for i, j := 0, len(fields)-1; i < j; i, j = i+1, j-1 {
				fields[i], fields[j] = fields[j], fields[i]
			}
			return strings.Join(fields, ".")
		}
		return ""
	}
}

// recvPaths returns the receiver fields an expression reads.
func (r *resolver) recvPaths(e ast.Expr, recv *types.Var) map[string]bool {
	paths := make(map[string]bool)
	ast.Inspect(e, func(n ast.Node) bool {
		if x, ok := n.(ast.Expr); ok {
			if p := r.recvPath(x, recv); p != "" {
				paths[p] = true
				return false
			}
		}
		return true
	})
	return paths
}

// recvWrites adds the receiver fields that body writes: assignments, ++/--,
// Store, Swap, CompareAndSwap and Add on an atomic field, and what the
// methods of this package called on the receiver write to theirs.
func (r *resolver) recvWrites(body ast.Node, recv *types.Var, writes map[string]bool, depth int) {
	if depth > 3 {
		return
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if p := r.recvPath(lhs, recv); p != "" {
					writes[p] = true
				}
			}
		case *ast.IncDecStmt:
			if p := r.recvPath(n.X, recv); p != "" {
				writes[p] = true
			}
		case *ast.CallExpr:
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if !ok {
				return true
			}
			switch sel.Sel.Name {
			case "Store", "Swap", "CompareAndSwap", "Add":
				if p := r.recvPath(sel.X, recv); p != "" {
					writes[p] = true
				}
				return true
			}
			id, ok := ast.Unparen(sel.X).(*ast.Ident)
			if !ok || r.info.Uses[id] != recv {
				return true
			}
			if d := r.declOf(Callee(r.info, n)); d != nil {
				if inner := r.receiverOf(d); inner != nil && d.Body != nil {
					r.recvWrites(d.Body, inner, writes, depth+1)
				}
			}
		}
		return true
	})
}

// declOf returns the declaration of a function of this package, or nil.
// The index is built on first use while the model is built (indexDecls
// completes it before the model is shared, so later calls only read).
func (r *resolver) declOf(fn *types.Func) *ast.FuncDecl {
	if fn == nil || fn.Pkg() != r.pass.Pkg {
		return nil
	}
	r.indexDecls()
	return r.decls[fn.Origin()]
}

// indexDecls builds the index of the package's function declarations,
// once.
func (r *resolver) indexDecls() {
	if r.decls != nil {
		return
	}
	r.decls = make(map[*types.Func]*ast.FuncDecl)
	for _, f := range r.pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if obj, ok := r.info.Defs[fd.Name].(*types.Func); ok {
					r.decls[obj] = fd
				}
			}
		}
	}
}
