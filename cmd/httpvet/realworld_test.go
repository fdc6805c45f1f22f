package main_test

import (
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/httpvet/httpvet/analyzers/suite"
	"github.com/httpvet/httpvet/cmd/httpvet/internal/driver"
)

var update = flag.Bool("update", false, "rewrite testdata/corpus/findings.txt from this run, keeping the triage of known findings")

// finding is one diagnostic on real code, keyed without column or message
// so that wording changes do not churn the expectation file.
type finding struct {
	module, file string
	line         int
	analyzer     string
	category     string
}

func (f finding) String() string {
	return fmt.Sprintf("%s %s:%d %s %s", f.module, f.file, f.line, f.analyzer, f.category)
}

// jsonTree is the shape of the driver's -json output.
type jsonTree map[string]map[string]json.RawMessage

type jsonDiag struct {
	Posn, Message, Category string
	SuggestedFixes          []json.RawMessage `json:"suggested_fixes"`
}

// diagnostics decodes -json output; it fails the test on analysis errors.
func diagnostics(t *testing.T, out string) map[string][]jsonDiag {
	t.Helper()
	var tree jsonTree
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("-json output is not JSON: %v\n%s", err, out)
	}
	byAnalyzer := map[string][]jsonDiag{}
	for pkg, analyzers := range tree {
		for name, raw := range analyzers {
			var diags []jsonDiag
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Errorf("%s: analyzer %s failed: %s", pkg, name, raw)
				continue
			}
			byAnalyzer[name] = append(byAnalyzer[name], diags...)
		}
	}
	return byAnalyzer
}

// goEnv runs go env NAME.
func goEnv(t *testing.T, name string) string {
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// unescapeModule undoes the module cache's escaping of capital letters (!x for X).
func unescapeModule(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '!' && i+1 < len(s) {
			i++
			b.WriteString(strings.ToUpper(s[i : i+1]))
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var posnInCache = regexp.MustCompile(`^(.+?)@[^/]+/(.+):(\d+):\d+$`)

// corpusPackages returns what the corpus test lints: the packages that
// dir/corpus.go blank-imports (libraries; the imports also keep their modules
// in go.mod), then the package patterns of dir/packages.txt, one per line,
// blank lines and # comments skipped. The patterns name what an import
// cannot: applications' main packages and /... trees. Their modules are
// pinned in dir/go.mod, main packages as tool directives, so that go mod
// tidy keeps everything they need.
func corpusPackages(t *testing.T, dir string) []string {
	src, err := os.ReadFile(filepath.Join(dir, "corpus.go"))
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	for _, m := range regexp.MustCompile(`_ "([^"]+)"`).FindAllStringSubmatch(string(src), -1) {
		pkgs = append(pkgs, m[1])
	}
	list, err := os.ReadFile(filepath.Join(dir, "packages.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(list), "\n") {
		if line, _, _ = strings.Cut(line, "#"); strings.TrimSpace(line) != "" {
			pkgs = append(pkgs, strings.TrimSpace(line))
		}
	}
	return pkgs
}

// downloadCorpus fetches the corpus module's dependencies into the module
// cache, so that the lint (run with GOPROXY=off) finds every package the
// patterns load. It asks for the whole build list first, test-only
// dependencies of the patterns' packages included; a module the proxy
// refuses fails that, and the plain download (go.mod's requirements) is
// what must succeed.
func downloadCorpus(t *testing.T, dir string) {
	t.Helper()
	if out, err := exec.Command("go", "-C", dir, "mod", "download", "all").CombinedOutput(); err != nil {
		t.Logf("go mod download all (not required): %v\n%s", err, out)
	}
	if out, err := exec.Command("go", "-C", dir, "mod", "download").CombinedOutput(); err != nil {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
}

// TestCorpus lints real modules (testdata/corpus pins them; they come from
// the Go module proxy) and compares every finding with the triaged list in
// testdata/corpus/findings.txt. A new or vanished finding fails until the
// list is updated (go test ./cmd/httpvet -run TestCorpus -update) and the
// new lines are triaged true or false.
func TestCorpus(t *testing.T) {
	bin := buildHttpvet(t)
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	downloadCorpus(t, dir)
	args := append([]string{"-json", "-test=false"}, corpusPackages(t, dir)...)
	first, _ := run(t, dir, bin, args...)
	second, _ := run(t, dir, bin, args...)
	if first != second {
		t.Errorf("two runs over the corpus gave different -json output")
	}

	cache := goEnv(t, "GOMODCACHE") + string(filepath.Separator)
	var got []finding
	for analyzer, diags := range diagnostics(t, first) {
		for _, d := range diags {
			m := posnInCache.FindStringSubmatch(strings.TrimPrefix(d.Posn, cache))
			if m == nil {
				t.Errorf("finding outside the module cache: %s", d.Posn)
				continue
			}
			var line int
			fmt.Sscan(m[3], &line)
			got = append(got, finding{unescapeModule(m[1]), m[2], line, analyzer, d.Category})
		}
	}
	slices.SortFunc(got, func(a, b finding) int { return strings.Compare(a.String(), b.String()) })

	expPath := filepath.Join(dir, "findings.txt")
	header, verdicts := readFindings(t, expPath)
	if *update {
		writeFindings(t, expPath, header, got, verdicts)
	}
	_, verdicts = readFindings(t, expPath)
	seen := map[string]bool{}
	for _, f := range got {
		seen[f.String()] = true
		switch v, ok := verdicts[f.String()]; {
		case !ok:
			t.Errorf("new finding on real code, not in findings.txt: %s", f)
		case v != "true" && v != "false" && v != "disputable":
			t.Errorf("finding not triaged (want true, false or disputable, got %q): %s", v, f)
		}
	}
	for key := range verdicts {
		if !seen[key] {
			t.Errorf("finding in findings.txt no longer reported: %s", key)
		}
	}
}

// readFindings reads the expectation file: comment lines, then one
// finding per line followed by its verdict.
func readFindings(t *testing.T, path string) (header []string, verdicts map[string]string) {
	data, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	verdicts = map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
			header = append(header, line)
		case strings.TrimSpace(line) != "":
			i := strings.LastIndexByte(line, ' ')
			verdicts[line[:i]] = line[i+1:]
		}
	}
	return header, verdicts
}

func writeFindings(t *testing.T, path string, header []string, got []finding, verdicts map[string]string) {
	var buf bytes.Buffer
	for _, h := range header {
		buf.WriteString(h + "\n")
	}
	for _, f := range got {
		v := verdicts[f.String()]
		if v == "" {
			v = "untriaged"
		}
		fmt.Fprintf(&buf, "%s %s\n", f, v)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestNoCrashOnLargeCode runs the suite over the standard library and
// golang.org/x/tools: no panic, no analysis error.
func TestNoCrashOnLargeCode(t *testing.T) {
	bin := buildHttpvet(t)
	out, err := exec.Command("go", "mod", "download", "-json", "golang.org/x/tools@v0.47.0").Output()
	if err != nil {
		t.Fatalf("go mod download x/tools: %v", err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatal(err)
	}
	for _, target := range []struct{ name, dir, pattern string }{
		{"std", ".", "std"},
		{"golang.org/x/tools", mod.Dir, "./..."},
	} {
		cmd := exec.Command(bin, "-json", target.pattern)
		cmd.Dir = target.dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Errorf("%s: %v\n%s", target.name, err, stderr.String())
			continue
		}
		if s := stderr.String() + stdout.String(); strings.Contains(s, "panic") || strings.Contains(s, "internal error") {
			t.Errorf("%s: the suite crashed:\n%s", target.name, s)
		}
		n := 0
		for _, diags := range diagnostics(t, stdout.String()) {
			n += len(diags)
		}
		t.Logf("%s: %d findings", target.name, n)
	}
}

// TestDemoFixes applies every suggested fix to a copy of the demo: the
// result builds, the fixed findings are gone, and once -fix reports no
// conflicts another -fix changes nothing.
func TestDemoFixes(t *testing.T) {
	bin := buildHttpvet(t)
	src, err := filepath.Abs(filepath.Join("..", "..", "testdata", "demo"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "demo")
	if out, err := exec.Command("cp", "-r", src, dir).CombinedOutput(); err != nil {
		t.Fatalf("copy demo: %v\n%s", err, out)
	}
	before, _ := run(t, dir, bin, "-json", "./...")
	fixed := map[string]int{} // analyzer+message -> findings with a fix
	for analyzer, diags := range diagnostics(t, before) {
		for _, d := range diags {
			if len(d.SuggestedFixes) > 0 {
				fixed[analyzer+": "+d.Message]++
			}
		}
	}
	if len(fixed) == 0 {
		t.Fatal("no finding on the demo carries a fix")
	}
	// Two analyzers may fix the same expression (clientreuse hoists a
	// transport that timeout would give timeouts): the driver applies one,
	// and its next pass the other, so one -fix applies both and exits 0.
	if out, code := run(t, dir, bin, "-fix", "./..."); code != driver.ExitClean {
		t.Fatalf("httpvet -fix: exit code %d, want %d\n%s", code, driver.ExitClean, out)
	}
	if bout, bcode := run(t, dir, "go", "build", "./..."); bcode != 0 {
		t.Fatalf("the fixed demo does not build:\n%s", bout)
	}
	after, _ := run(t, dir, bin, "-json", "./...")
	remaining := map[string]int{}
	for analyzer, diags := range diagnostics(t, after) {
		for _, d := range diags {
			remaining[analyzer+": "+d.Message]++
		}
	}
	for key, n := range fixed {
		if remaining[key] >= n {
			t.Errorf("fixed finding still reported after -fix: %s", key)
		}
	}
	snapshot := func() string {
		out, _ := exec.Command("sh", "-c", "cd "+dir+" && find . -name '*.go' | sort | xargs cat").Output()
		return string(out)
	}
	once := snapshot()
	run(t, dir, bin, "-fix", "./...")
	if snapshot() != once {
		t.Errorf("a second -fix changed the demo again")
	}
}

// TestREADMEPrecision checks the README's precision table against the
// triaged corpus findings, so that the numbers users read are the ones CI
// measures.
func TestREADMEPrecision(t *testing.T) {
	_, verdicts := readFindings(t, filepath.Join("..", "..", "testdata", "corpus", "findings.txt"))
	trueCount, all := map[string]int{}, map[string]int{}
	for key, verdict := range verdicts {
		fields := strings.Fields(key) // module file:line analyzer category
		if len(fields) != 4 {
			t.Fatalf("malformed line in findings.txt: %q", key)
		}
		all[fields[2]]++
		if verdict == "true" {
			trueCount[fields[2]]++
		}
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range suite.All() {
		row := fmt.Sprintf("| %s | %d / %d |", a.Name, trueCount[a.Name], all[a.Name])
		if !strings.Contains(string(readme), row) {
			t.Errorf("README precision table: want the row %q", row)
		}
	}
}

// TestCorpusFixes applies every suggested fix httpvet offers on the corpus
// to a writable copy of the module it is in: the package still builds, the
// fixed findings are gone, and once -fix reports no conflicts another -fix
// changes nothing.
func TestCorpusFixes(t *testing.T) {
	bin := buildHttpvet(t)
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	downloadCorpus(t, dir)
	out, _ := run(t, dir, bin, append([]string{"-json", "-test=false"}, corpusPackages(t, dir)...)...)
	var tree map[string]map[string][]jsonDiag
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("-json output: %v", err)
	}
	cache := goEnv(t, "GOMODCACHE") + string(filepath.Separator)
	fixedPkgs := map[string]string{} // package path -> module root in the cache
	for pkg, byAnalyzer := range tree {
		for _, diags := range byAnalyzer {
			for _, d := range diags {
				if len(d.SuggestedFixes) == 0 {
					continue
				}
				rel := strings.TrimPrefix(d.Posn, cache)
				at := strings.Index(rel, "@")
				slash := strings.Index(rel[at:], "/")
				fixedPkgs[pkg] = cache + rel[:at+slash]
			}
		}
	}
	if len(fixedPkgs) == 0 {
		t.Skip("no finding on the corpus carries a fix")
	}
	for pkg, modRoot := range fixedPkgs {
		t.Run(pkg, func(t *testing.T) {
			copyDir := filepath.Join(t.TempDir(), "mod")
			if out, err := exec.Command("cp", "-r", modRoot, copyDir).CombinedOutput(); err != nil {
				t.Fatalf("copy: %v\n%s", err, out)
			}
			if out, err := exec.Command("chmod", "-R", "u+w", copyDir).CombinedOutput(); err != nil {
				t.Fatalf("chmod: %v\n%s", err, out)
			}
			modPath, _, _ := strings.Cut(strings.TrimPrefix(modRoot, cache), "@")
			rel := "./" + strings.TrimPrefix(strings.TrimPrefix(pkg, unescapeModule(modPath)), "/")
			lint := func(args ...string) (string, int) {
				cmd := exec.Command(bin, append(args, rel)...)
				cmd.Dir = copyDir
				cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
				b, err := cmd.CombinedOutput()
				code := 0
				if exit, ok := err.(*exec.ExitError); ok {
					code = exit.ExitCode()
				}
				return string(b), code
			}
			goCmd := func(args ...string) *exec.Cmd {
				cmd := exec.Command("go", args...)
				cmd.Dir = copyDir
				cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
				return cmd
			}
			var testsBefore map[string]string
			if projectTests {
				testsBefore = projectTestResults(t, goCmd("test", "-short", "-count=1", "-json", "-timeout=5m", rel))
			}
			beforeOut, _ := lint("-json", "-test=false")
			before := countFixable(t, beforeOut)
			if out, code := lint("-fix", "-test=false"); code != driver.ExitClean {
				t.Fatalf("httpvet -fix: exit code %d, want %d\n%s", code, driver.ExitClean, out)
			}
			if bout, err := goCmd("build", rel).CombinedOutput(); err != nil {
				t.Fatalf("the fixed package does not build: %v\n%s", err, bout)
			}
			if projectTests {
				// The project's own tests judge the fix: one that passed
				// before and fails after means -fix changed what the
				// program does.
				after := projectTestResults(t, goCmd("test", "-short", "-count=1", "-json", "-timeout=5m", rel))
				passed := 0
				for name, result := range testsBefore {
					if result != "pass" {
						continue
					}
					passed++
					if after[name] != "pass" {
						t.Errorf("%s passed before -fix and does not after (%s)", name, cmp.Or(after[name], "not run"))
					}
				}
				t.Logf("%d of the project's tests passed before -fix; each was run again after it", passed)
			}
			afterOut, _ := lint("-json", "-test=false")
			after := countFixable(t, afterOut)
			for key, n := range before {
				if after[key] >= n {
					t.Errorf("fixed finding still reported after -fix: %s", key)
				}
			}
			if out, code := lint("-fix", "-test=false"); code == 1 {
				t.Errorf("a further -fix failed:\n%s", out)
			}
			if final, _ := lint("-json", "-test=false"); final != afterOut {
				t.Errorf("a further -fix changed the package again")
			}
		})
	}
}

// projectTests makes TestCorpusFixes run the fixed package's own tests
// before and after -fix. They need the module's test dependencies, which
// the module proxy serves, and take a minute or two, so they run with the
// other slow tests: CI sets HTTPVET_E2E, a local go test ./... does not.
var projectTests = os.Getenv("HTTPVET_E2E") != ""

// projectTestResults runs cmd, a go test -json command, and returns each
// test's final action (pass, fail or skip) by its package and name. Tests
// that need the network or a service fail both times and so judge nothing;
// tests that no longer build after -fix are missing from the second run,
// which counts as a failure.
func projectTestResults(t *testing.T, cmd *exec.Cmd) map[string]string {
	t.Helper()
	out, err := cmd.Output()
	results := map[string]string{}
	for line := range strings.Lines(string(out)) {
		var ev struct{ Action, Package, Test string }
		if json.Unmarshal([]byte(line), &ev) != nil || ev.Test == "" {
			continue
		}
		switch ev.Action {
		case "pass", "fail", "skip":
			results[ev.Package+"."+ev.Test] = ev.Action
		}
	}
	if len(results) == 0 {
		t.Logf("%s: no test ran (%v)", strings.Join(cmd.Args, " "), err)
	}
	return results
}

// countFixable counts the findings that carry a fix, by analyzer and message.
func countFixable(t *testing.T, out string) map[string]int {
	counts := map[string]int{}
	for analyzer, diags := range diagnostics(t, out) {
		for _, d := range diags {
			if len(d.SuggestedFixes) > 0 {
				counts[analyzer+": "+d.Message]++
			}
		}
	}
	return counts
}
