package timeout

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/internal/fixes"
)

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
