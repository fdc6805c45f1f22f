package statuscheck

import (
	"bytes"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/httpvet/httpvet/analyzers/internal/httpmodel"
)

// Small helpers.

// nextLine returns the start of the line after n and the indentation of
// the line n starts on, when nothing but a comment follows n on its line.
// It works on the file's own bytes and offsets, never on line numbers: a
// //line directive remaps those, and a remapped line is not a line of
// this file. The file is read once per package, not once per fix.
func (c *checker) nextLine(n ast.Node) (token.Pos, string, bool) {
	tf := c.pass.Fset.File(n.Pos())
	if tf == nil {
		return token.NoPos, "", false
	}
	src, ok := c.fileSource(tf)
	if !ok {
		return token.NoPos, "", false
	}
	start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
	lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
	indent := src[lineStart:start]
	indent = indent[:len(indent)-len(bytes.TrimLeft(indent, " \t"))]
	nl := bytes.IndexByte(src[end:], '\n')
	if nl < 0 {
		return token.NoPos, "", false
	}
	if rest := bytes.TrimSpace(src[end : end+nl]); len(rest) != 0 && !bytes.HasPrefix(rest, []byte("//")) {
		return token.NoPos, "", false
	}
	return tf.Pos(end + nl + 1), string(indent), true
}

// fileSource returns the contents of tf, read once, when they match what
// was parsed.
func (c *checker) fileSource(tf *token.File) ([]byte, bool) {
	if src, ok := c.src[tf.Name()]; ok {
		return src, src != nil
	}
	var src []byte
	if c.pass.ReadFile != nil {
		if b, err := c.pass.ReadFile(tf.Name()); err == nil && len(b) == tf.Size() {
			src = b
		}
	}
	c.src[tf.Name()] = src
	return src, src != nil
}

func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// handlesResponse reports whether fd takes or returns a response.
func handlesResponse(info *types.Info, fd *ast.FuncDecl) bool {
	fn, ok := info.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Signature()
	for _, t := range []*types.Tuple{sig.Params(), sig.Results()} {
		for i := 0; i < t.Len(); i++ {
			if httpmodel.IsResponse(t.At(i).Type()) {
				return true
			}
		}
	}
	return false
}
