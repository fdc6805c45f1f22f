package fixes

import (
	"go/format"
	"go/parser"
	"go/token"
	"strconv"
	"testing"
)

// TestImportEditGroups checks where a new import goes in the layouts
// goimports produces: standard-library packages into their group in
// sorted order, others after it.
func TestImportEditGroups(t *testing.T) {
	tests := []struct {
		name, path, imports, want string
	}{
		{"std into std group, sorted", "net", "\"fmt\"\n\t\"time\"\n\n\t\"example.com/x\"",
			"\"fmt\"\n\t\"net\"\n\t\"time\"\n\n\t\"example.com/x\""},
		{"std after the last std", "time", "\"fmt\"\n\n\t\"example.com/x\"",
			"\"fmt\"\n\t\"time\"\n\n\t\"example.com/x\""},
		{"std as a new first group", "time", "\"example.com/x\"\n\t\"example.com/y\"",
			"\"time\"\n\n\t\"example.com/x\"\n\t\"example.com/y\""},
		{"std before a spec with a doc comment", "context", "// for printing\n\t\"fmt\"",
			"\"context\"\n\t// for printing\n\t\"fmt\""},
		{"std after a trailing comment", "time", "\"fmt\" // printing\n\n\t\"example.com/x\"",
			"\"fmt\" // printing\n\t\"time\"\n\n\t\"example.com/x\""},
		{"std before a renamed std", "fmt", "str \"strings\"",
			"\"fmt\"\n\tstr \"strings\""},
		{"third party after the std group", "example.com/z", "\"fmt\"",
			"\"fmt\"\n\n\t\"example.com/z\""},
		{"third party at the end", "example.com/z", "\"fmt\"\n\n\t\"example.com/x\"",
			"\"fmt\"\n\n\t\"example.com/x\"\n\t\"example.com/z\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "package p\n\nimport (\n\t" + tt.imports + "\n)\n"
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "x.go", src, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			e := importEdit(f, tt.path, strconv.Quote(tt.path))
			start, end := fset.Position(e.Pos).Offset, fset.Position(e.End).Offset
			got := src[:start] + string(e.NewText) + src[end:]
			want := "package p\n\nimport (\n\t" + tt.want + "\n)\n"
			if got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
			if formatted, err := format.Source([]byte(got)); err != nil || string(formatted) != got {
				t.Errorf("result is not gofmt-clean (err %v):\n%s", err, formatted)
			}
		})
	}
}
