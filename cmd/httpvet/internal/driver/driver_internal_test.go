package driver

import (
	"flag"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

func TestUTF16Column(t *testing.T) {
	name := filepath.Join(t.TempDir(), "x.go")
	// "é" is two bytes and one UTF-16 unit; "𝄞" four bytes and two units.
	src := "ab\né𝄞x\n"
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	s := &sourceCache{m: map[string][]byte{}}
	for _, tc := range []struct {
		offset, line, column, want int
	}{
		{0, 1, 1, 1},
		{1, 1, 2, 2},
		{3, 2, 1, 1}, // é
		{5, 2, 3, 2}, // 𝄞, after é's two bytes
		{9, 2, 7, 4}, // x, after 𝄞's two units
		{0, 1, 0, 0}, // no column
	} {
		p := token.Position{Filename: name, Offset: tc.offset, Line: tc.line, Column: tc.column}
		if got := s.utf16Column(p); got != tc.want {
			t.Errorf("utf16Column(offset %d, byte column %d) = %d, want %d", tc.offset, tc.column, got, tc.want)
		}
	}
}

func TestWanted(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	d := fs.Duration("d", time.Second, "")
	n := fs.Int("n", 1, "")
	b := fs.Bool("b", false, "")
	_, _, _ = d, n, b
	for name, want := range map[string]string{
		"d": "want a duration with its unit, such as 10s or 1m30s",
		"n": "want an integer, such as 5",
		"b": "want true or false",
	} {
		if got := wanted(fs.Lookup(name).Value); got != want {
			t.Errorf("wanted(-%s) = %q, want %q", name, got, want)
		}
	}
}

// TestVersionLine checks the -V=full form against what the go command
// parses: "NAME version VERSION ... buildID=ID", where a "devel" version
// must end with the build ID.
func TestVersionLine(t *testing.T) {
	full := versionLine(true)
	if !regexp.MustCompile(`^httpvet version \S.* buildID=[0-9a-f]{64}$`).MatchString(full) {
		t.Errorf("versionLine(true) = %q, want httpvet version ... buildID=<sha256>", full)
	}
	if short := versionLine(false); short+" buildID="+executableHash() != full {
		t.Errorf("versionLine(false) = %q, want the full line without its buildID", short)
	}
}

func TestSuffix(t *testing.T) {
	if got := suffix("timeout", "no-timeout"); got != "timeout/no-timeout" {
		t.Errorf("suffix = %q", got)
	}
	if got := suffix("timeout", ""); got != "timeout" {
		t.Errorf("suffix without category = %q", got)
	}
}
