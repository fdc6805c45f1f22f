package plugin_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// E2EEnv names the environment variable that turns on the end-to-end test:
// it builds golangci-lint, which takes minutes.
const E2EEnv = "HTTPVET_E2E"

// The sample configuration files users copy; the end-to-end test builds and
// runs with them, so they stay valid.
var (
	sampleCustomGCL = filepath.Join("..", "docs", "golangci-lint", ".custom-gcl.yml")
	sampleGolangci  = filepath.Join("..", "docs", "golangci-lint", ".golangci.yml")
	fixtureDir      = filepath.Join("..", "testdata", "golangci")
)

// TestGolangciLint does offline what `golangci-lint custom` does with the
// sample .custom-gcl.yml (which clones golangci-lint from GitHub): it takes
// the golangci-lint module at the sample's version through the Go module
// proxy, writes the plugin import, replaces the httpvet module with this
// checkout, tidies and builds. It then runs the binary on the fixture module
// with the sample .golangci.yml and with a configuration that disables an
// analyzer, and checks the findings by file, line and analyzer.
func TestGolangciLint(t *testing.T) {
	if os.Getenv(E2EEnv) == "" {
		t.Skipf("set %s=1 to build golangci-lint with the plugin and run it (takes minutes)", E2EEnv)
	}
	if testing.Short() {
		t.Skip("-short")
	}
	bin := buildGolangciLint(t)

	t.Run("sample config", func(t *testing.T) {
		sample, err := os.ReadFile(sampleGolangci)
		if err != nil {
			t.Fatal(err)
		}
		issues := runGolangciLint(t, bin, sample)
		// Every analyzer fires; the category closes the message. (Line 27
		// also has timeout's transport-timeouts finding, which golangci-lint
		// drops: by default it shows one issue per line and linter.)
		expect(t, issues, true,
			finding{"app/app.go", 14, "timeout", "no-timeout"},
			finding{"app/app.go", 27, "clientreuse", "per-request"},
			finding{"app/app.go", 28, "timeout", "no-timeout"},
			finding{"app/app.go", 43, "statuscheck", "unchecked-status"},
			finding{"app/app.go", 48, "ctxprop", "dropped-context"},
			finding{"app/app.go", 53, "timeout", "no-timeout"},
		)
		expect(t, issues, false,
			finding{"app/app.go", 65, "timeout", ""},      // //nolint:httpvet
			finding{"app/app.go", 75, "timeout", ""},      // //httpvet:ignore timeout
			finding{"app/app_test.go", 15, "timeout", ""}, // report-tests: false
			finding{"app/app_test.go", 20, "statuscheck", ""},
		)
		// The sample's timeout.default-timeout (10s) reaches the fix.
		fix := issueAt(issues, "app/app.go", 28, "timeout").fixText()
		if !strings.Contains(fix, "Timeout: 10 * time.Second") {
			t.Errorf("fix of app/app.go:28 = %q, want the sample's default-timeout of 10s", fix)
		}
	})

	t.Run("disable and report-tests", func(t *testing.T) {
		config := []byte(`version: "2"
linters:
  default: none
  enable: [httpvet]
  settings:
    custom:
      httpvet:
        type: module
        settings:
          disable: [timeout]
          report-tests: true
`)
		issues := runGolangciLint(t, bin, config)
		expect(t, issues, true,
			finding{"app/app.go", 27, "clientreuse", "per-request"},
			finding{"app/app.go", 43, "statuscheck", "unchecked-status"},
			finding{"app/app.go", 48, "ctxprop", "dropped-context"},
			finding{"app/app_test.go", 20, "statuscheck", "unchecked-status"},
		)
		for _, is := range issues {
			if is.analyzer() == "timeout" {
				t.Errorf("disabled analyzer reported: %s", is)
			}
		}
	})

	t.Run("bad settings", func(t *testing.T) {
		config := []byte(`version: "2"
linters:
  default: none
  enable: [httpvet]
  settings:
    custom:
      httpvet:
        type: module
        settings:
          timeout:
            default-timeout: ten seconds
`)
		out, code := golangciLint(t, bin, config)
		if code == 0 || code == 1 || !strings.Contains(out, `timeout.default-timeout: invalid value "ten seconds"`) {
			t.Errorf("invalid option value: exit code %d, want a failure naming timeout.default-timeout:\n%s", code, out)
		}
	})
}

// customGCL is what the test reads from the sample .custom-gcl.yml.
type customGCL struct {
	version               string // golangci-lint's
	module, importPath    string // the plugin's
	pluginVersion, plPath string
}

// readCustomGCL reads the few keys of a .custom-gcl.yml (a flat mapping and
// one list of plugins) without a YAML library.
func readCustomGCL(t *testing.T, path string) customGCL {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var c customGCL
	plugins := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		indented := line[0] == ' '
		item := strings.HasPrefix(strings.TrimSpace(line), "- ")
		if item {
			plugins++
		}
		key, value, ok := strings.Cut(strings.TrimPrefix(strings.TrimSpace(line), "- "), ":")
		if !ok {
			t.Fatalf("%s: cannot read line %q", path, line)
		}
		value = strings.Trim(strings.TrimSpace(value), `"'`)
		switch {
		case !indented && key == "version":
			c.version = value
		case !indented && (key == "name" || key == "destination" || key == "plugins"):
		case indented && plugins == 1 && key == "module":
			c.module = value
		case indented && plugins == 1 && key == "import":
			c.importPath = value
		case indented && plugins == 1 && key == "version":
			c.pluginVersion = value
		case indented && plugins == 1 && key == "path":
			c.plPath = value
		default:
			t.Fatalf("%s: unexpected key %q", path, key)
		}
	}
	switch {
	case plugins != 1:
		t.Fatalf("%s: %d plugins, want httpvet only", path, plugins)
	case !strings.HasPrefix(c.version, "v2."):
		t.Fatalf("%s: version %q, want a golangci-lint v2 release", path, c.version)
	case c.module != "github.com/httpvet/httpvet" || c.importPath != "github.com/httpvet/httpvet/plugin":
		t.Fatalf("%s: plugin module %q import %q, want this module and its plugin package", path, c.module, c.importPath)
	case (c.pluginVersion == "") == (c.plPath == ""):
		t.Fatalf("%s: the plugin needs exactly one of version and path", path)
	}
	return c
}

// buildGolangciLint builds golangci-lint with the plugin, as golangci-lint
// custom would with the sample .custom-gcl.yml but with the plugin module
// replaced by this checkout, and returns the binary's path.
func buildGolangciLint(t *testing.T) string {
	t.Helper()
	cfg := readCustomGCL(t, sampleCustomGCL)
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	start := time.Now()

	// The module source through the proxy, instead of git clone.
	out := goCmd(t, tmp, "mod", "download", "-json", "github.com/golangci/golangci-lint/v2@"+cfg.version)
	var dl struct{ Dir, Error string }
	if err := json.Unmarshal([]byte(out), &dl); err != nil || dl.Dir == "" {
		t.Fatalf("go mod download: %v %s\n%s", err, dl.Error, out)
	}
	src := filepath.Join(tmp, "golangci-lint")
	copyTree(t, dl.Dir, src)

	// The plugin import, as golangci-lint custom writes it.
	plugins := fmt.Sprintf("package main\n\nimport (\n\t_ %q\n)\n", cfg.importPath)
	if err := os.WriteFile(filepath.Join(src, "cmd", "golangci-lint", "plugins.go"), []byte(plugins), 0o644); err != nil {
		t.Fatal(err)
	}
	goCmd(t, src, "mod", "edit", "-replace", cfg.module+"="+root)
	goCmd(t, src, "mod", "tidy")
	bin := filepath.Join(tmp, "custom-gcl")
	goCmd(t, src, "build", "-ldflags=-s -w -X main.version="+cfg.version+"-httpvet-e2e", "-o", bin, "./cmd/golangci-lint")
	t.Logf("built golangci-lint %s with the plugin in %s", cfg.version, time.Since(start).Round(time.Second))
	return bin
}

// goCmd runs the go command in dir and returns its standard output.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go %s (in %s): %v\n%s%s", strings.Join(args, " "), dir, err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// copyTree copies the module cache's read-only tree to a writable one.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// golangciLint runs the binary on a copy of the fixture module with config
// as its .golangci.yml, and returns the JSON report (standard output) and
// the exit code. The human-readable report is logged.
func golangciLint(t *testing.T, bin string, config []byte) (string, int) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "fixture")
	copyTree(t, fixtureDir, dir)
	if err := os.WriteFile(filepath.Join(dir, ".golangci.yml"), config, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "run", "--output.json.path=stdout", "--output.text.path=stderr", "--show-stats=false", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY=off",
		"GOLANGCI_LINT_CACHE="+filepath.Join(t.TempDir(), "cache"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("golangci-lint run: %v", err)
	}
	t.Logf("golangci-lint run (exit %d, %s):\n%s", code, time.Since(start).Round(time.Second), stderr.String())
	return stdout.String() + stderr.String(), code
}

// runGolangciLint runs golangci-lint and returns httpvet's issues.
func runGolangciLint(t *testing.T, bin string, config []byte) []issue {
	t.Helper()
	out, code := golangciLint(t, bin, config)
	if code != 0 && code != 1 { // 1: issues found
		t.Fatalf("golangci-lint run: exit code %d\n%s", code, out)
	}
	var report struct{ Issues []issue }
	if err := json.NewDecoder(strings.NewReader(out)).Decode(&report); err != nil {
		t.Fatalf("golangci-lint JSON report: %v\n%s", err, out)
	}
	var ours []issue
	for _, is := range report.Issues {
		if is.FromLinter == "httpvet" {
			ours = append(ours, is)
		}
	}
	return ours
}

// issue is the part of golangci-lint's JSON issue the test reads.
type issue struct {
	FromLinter string
	Text       string
	Pos        struct {
		Filename     string
		Line, Column int
	}
	SuggestedFixes []struct {
		Message   string
		TextEdits []struct{ NewText []byte }
	}
}

func (is issue) String() string {
	return fmt.Sprintf("%s:%d:%d: %s (%s)", is.Pos.Filename, is.Pos.Line, is.Pos.Column, is.Text, is.FromLinter)
}

// analyzer is the analyzer's name, which golangci-lint puts before the
// message when it is not the linter's name.
func (is issue) analyzer() string {
	name, _, _ := strings.Cut(is.Text, ": ")
	return name
}

func (is issue) fixText() string {
	var b strings.Builder
	for _, f := range is.SuggestedFixes {
		for _, e := range f.TextEdits {
			b.Write(e.NewText)
		}
	}
	return b.String()
}

// finding is an expected or unexpected issue of an analyzer on a line.
type finding struct {
	file     string
	line     int
	analyzer string
	category string
}

// issueAt returns httpvet's issue of the analyzer on the line, if any.
func issueAt(issues []issue, file string, line int, analyzer string) issue {
	for _, is := range issues {
		if filepath.ToSlash(is.Pos.Filename) == file && is.Pos.Line == line && is.analyzer() == analyzer {
			return is
		}
	}
	return issue{}
}

// expect checks that each finding is reported (with its category closing
// the message), or that it is not.
func expect(t *testing.T, issues []issue, reported bool, want ...finding) {
	t.Helper()
	var all strings.Builder
	for _, is := range issues {
		fmt.Fprintln(&all, is)
	}
	for _, w := range want {
		is := issueAt(issues, w.file, w.line, w.analyzer)
		switch {
		case reported && is.FromLinter == "":
			t.Errorf("missing: %s:%d %s finding; httpvet reported:\n%s", w.file, w.line, w.analyzer, all.String())
		case reported && !strings.HasSuffix(is.Text, " ["+w.category+"]"):
			t.Errorf("%s: the message does not end with the category [%s]", is, w.category)
		case !reported && is.FromLinter != "":
			t.Errorf("reported, but should not be: %s", is)
		}
	}
}
