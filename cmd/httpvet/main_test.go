package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/httpvet/httpvet/analyzers/suite"
)

// buildHttpvet builds the command once per test binary run.
func buildHttpvet(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "httpvet")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func vetmod(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "vetmod"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// run runs a command in dir and returns its combined output and exit code.
func run(t *testing.T, dir string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return buf.String(), code
}

func TestCommand(t *testing.T) {
	bin := buildHttpvet(t)
	dir := vetmod(t)

	t.Run("findings", func(t *testing.T) {
		out, code := run(t, dir, bin, "./app", "./clients")
		if code != 3 {
			t.Errorf("exit code = %d, want 3 (findings)\n%s", code, out)
		}
		// The client factory's fact crosses the package boundary.
		if !strings.Contains(out, "app.go:10:9: request sent with an http.Client that has no Timeout") {
			t.Errorf("missing cross-package finding:\n%s", out)
		}
		if strings.Contains(out, "healthz") || strings.Contains(out, "app.go:15") {
			t.Errorf("suppressed finding reported:\n%s", out)
		}
		if strings.Contains(out, "app_test.go") {
			t.Errorf("finding in a test file reported without -report-tests:\n%s", out)
		}
	})

	t.Run("report-tests", func(t *testing.T) {
		out, _ := run(t, dir, bin, "-report-tests", "./app")
		if !strings.Contains(out, "app_test.go:8:32: http.Get has no timeout") {
			t.Errorf("-report-tests: missing the test file's finding:\n%s", out)
		}
	})

	t.Run("clean", func(t *testing.T) {
		out, code := run(t, dir, bin, "./clients")
		if code != 0 || out != "" {
			t.Errorf("clean package: exit code %d, output %q; want 0 and nothing", code, out)
		}
	})

	t.Run("json", func(t *testing.T) {
		out, code := run(t, dir, bin, "-json", "./app")
		if code != 0 {
			t.Errorf("-json: exit code = %d, want 0", code)
		}
		var tree map[string]map[string][]struct {
			Posn, Message, Category string
		}
		if err := json.Unmarshal([]byte(out), &tree); err != nil {
			t.Fatalf("-json output is not JSON: %v\n%s", err, out)
		}
		diags := tree["example.com/vetmod/app"]["timeout"]
		if len(diags) != 1 || diags[0].Category != "no-timeout" {
			t.Errorf("-json: got %+v, want one no-timeout diagnostic", diags)
		}
	})

	t.Run("type errors", func(t *testing.T) {
		out, code := run(t, dir, bin, "./broken")
		if code != 1 || !strings.Contains(out, "cannot use") {
			t.Errorf("package that fails to type-check: exit code %d, want 1 with the type error\n%s", code, out)
		}
	})

	t.Run("no packages", func(t *testing.T) {
		out, code := run(t, dir, bin, "./nosuchdir/...")
		if code == 0 {
			t.Errorf("pattern matching no packages: exit code 0, want non-zero\n%s", out)
		}
	})

	t.Run("bad flag", func(t *testing.T) {
		out, code := run(t, dir, bin, "-no-such-flag", "./app")
		if code != 2 || !strings.Contains(out, "flag provided but not defined") {
			t.Errorf("bad flag: exit code %d, want 2 with usage\n%s", code, out)
		}
	})
}

// TestGoVet runs the command as go vet's tool: facts travel between the
// separate per-package runs through vet's fact files.
func TestGoVet(t *testing.T) {
	bin := buildHttpvet(t)
	out, code := run(t, vetmod(t), "go", "vet", "-vettool="+bin, "./app", "./clients")
	if code == 0 {
		t.Errorf("go vet: exit code 0, want non-zero with findings\n%s", out)
	}
	if !strings.Contains(out, "app.go:10:9: request sent with an http.Client that has no Timeout") {
		t.Errorf("go vet: missing cross-package finding:\n%s", out)
	}
	if strings.Contains(out, "healthz") || strings.Contains(out, "app_test.go") {
		t.Errorf("go vet: suppressed or test-file finding reported:\n%s", out)
	}

	out, code = run(t, vetmod(t), "go", "vet", "-vettool="+bin, "-report-tests", "./app")
	if !strings.Contains(out, "app_test.go:8:32: http.Get has no timeout") {
		t.Errorf("go vet -report-tests: missing the test file's finding (exit %d):\n%s", code, out)
	}
}

// TestDemo runs the README's first command's equivalent on the demo
// module: every analyzer of the suite must fire on it.
func TestDemo(t *testing.T) {
	bin := buildHttpvet(t)
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "demo"))
	if err != nil {
		t.Fatal(err)
	}
	out, code := run(t, dir, bin, "-json", "./...")
	if code != 0 {
		t.Fatalf("httpvet -json on the demo: exit code %d\n%s", code, out)
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("-json output is not JSON: %v\n%s", err, out)
	}
	fired := map[string]bool{}
	for _, byAnalyzer := range tree {
		for name := range byAnalyzer {
			fired[name] = true
		}
	}
	for _, a := range suite.All() {
		if !fired[a.Name] {
			t.Errorf("analyzer %s reports nothing on the demo", a.Name)
		}
	}
}
