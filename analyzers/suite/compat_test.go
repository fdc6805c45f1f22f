package suite_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The suite is compiled into custom builds of golangci-lint and gopls,
// which pin their own golang.org/x/tools. go.mod asks for v0.47.0 as a
// minimum; these are the versions those builds select, and the suite must
// compile against each.
var pinnedTools = map[string]string{
	"golangci-lint v2.15.0": "v0.52.0",
	"gopls v0.23.0":         "v0.47.1-0.20260707181000-a299dadba899",
}

// TestBuildsWithPinnedTools copies the module, moves it to each pinned
// x/tools (through the Go module proxy) and builds it.
func TestBuildsWithPinnedTools(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for who, version := range pinnedTools {
		t.Run(who, func(t *testing.T) {
			dir := t.TempDir()
			for _, name := range []string{"go.mod", "go.sum", "analyzers", "cmd"} {
				if out, err := exec.Command("cp", "-r", filepath.Join(root, name), dir).CombinedOutput(); err != nil {
					t.Fatalf("copy %s: %v\n%s", name, err, out)
				}
			}
			for _, args := range [][]string{
				{"mod", "edit", "-require=golang.org/x/tools@" + version},
				{"mod", "tidy"},
				{"build", "./..."},
				{"vet", "./analyzers/..."},
			} {
				cmd := exec.Command("go", args...)
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("go %v with x/tools %s: %v\n%s", args, version, err, out)
				}
			}
		})
	}
}
