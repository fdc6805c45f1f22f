package main_test

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/httpvet/httpvet/analyzers/suite"
	"github.com/httpvet/httpvet/cmd/httpvet/internal/driver"
)

// copyDemo copies the demo module to a writable temporary folder.
func copyDemo(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("..", "..", "testdata", "demo"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "demo")
	if out, err := exec.Command("cp", "-r", src, dir).CombinedOutput(); err != nil {
		t.Fatalf("copy demo: %v\n%s", err, out)
	}
	return dir
}

func demoDir(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "demo"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

var textFinding = regexp.MustCompile(`^(.+?):(\d+):(\d+): (.*) \(([a-z]+)/([a-z-]+)\)$`)

// TestCLI checks the command line as users and scripts see it: named,
// sorted, de-duplicated findings; -tags; version; help; error lines;
// flag errors; and every exit status.
func TestCLI(t *testing.T) {
	bin := buildHttpvet(t)
	dir := vetmod(t)

	t.Run("golden text", func(t *testing.T) {
		out, code := run(t, dir, bin, "-tags=integration", "./app", "./clients", "./tagged")
		if code != driver.ExitFindings {
			t.Errorf("exit code %d, want %d", code, driver.ExitFindings)
		}
		got := strings.ReplaceAll(out, dir+string(filepath.Separator), "")
		golden := filepath.Join("testdata", "vetmod.golden")
		if *update {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("text output differs from %s (go test -run TestCLI -update rewrites it):\ngot:\n%s\nwant:\n%s", golden, got, want)
		}
	})

	t.Run("named, sorted, once", func(t *testing.T) {
		out, _ := run(t, demoDir(t), bin, "./...")
		type posn struct {
			file      string
			line, col int
		}
		var prev posn
		seen := map[string]bool{}
		known := map[string]bool{}
		for _, a := range suite.All() {
			for _, c := range driver.Categories(a) {
				known[c.ID()] = true
			}
		}
		n := 0
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if strings.Contains(line, ": \t") || strings.HasPrefix(line, "\t") {
				continue // a related position of the finding above
			}
			m := textFinding.FindStringSubmatch(line)
			if m == nil {
				t.Errorf("finding without its analyzer/category: %q", line)
				continue
			}
			n++
			if !known[m[5]+"/"+m[6]] {
				t.Errorf("finding named %s/%s, which the analyzers do not declare: %q", m[5], m[6], line)
			}
			if seen[line] {
				t.Errorf("finding reported twice: %q", line)
			}
			seen[line] = true
			l, _ := strconv.Atoi(m[2])
			c, _ := strconv.Atoi(m[3])
			p := posn{m[1], l, c}
			if p.file < prev.file || p.file == prev.file && (p.line < prev.line || p.line == prev.line && p.col < prev.col) {
				t.Errorf("output not sorted by position: %q after %v", line, prev)
			}
			prev = p
		}
		if n == 0 {
			t.Fatalf("no findings on the demo:\n%s", out)
		}
	})

	t.Run("json once across package variants", func(t *testing.T) {
		out, code := run(t, dir, bin, "-json", "-report-tests", "./app")
		if code != 0 {
			t.Errorf("-json: exit code %d, want 0", code)
		}
		var tree map[string]map[string][]struct{ Posn, Category, URL string }
		if err := json.Unmarshal([]byte(out), &tree); err != nil {
			t.Fatalf("-json output is not JSON: %v\n%s", err, out)
		}
		where := map[string][]string{}
		for pkg, byAnalyzer := range tree {
			for _, diags := range byAnalyzer {
				for _, d := range diags {
					where[filepath.Base(d.Posn)] = append(where[filepath.Base(d.Posn)], pkg)
					if !strings.Contains(d.URL, "/docs/timeout.md#") {
						t.Errorf("finding %s: url %q, want the section of docs/timeout.md", d.Posn, d.URL)
					}
				}
			}
		}
		if pkgs := where["app.go:10:9"]; !slices.Equal(pkgs, []string{"example.com/vetmod/app"}) {
			t.Errorf("app.go:10:9 listed under %v, want once under example.com/vetmod/app", pkgs)
		}
		if pkgs := where["app_test.go:8:32"]; len(pkgs) != 1 || !strings.Contains(pkgs[0], ".test]") {
			t.Errorf("app_test.go:8:32 listed under %v, want once under the test variant", pkgs)
		}
	})

	t.Run("tags", func(t *testing.T) {
		out, code := run(t, dir, bin, "./tagged")
		if code != 0 || out != "" {
			t.Errorf("without -tags: exit code %d, output %q; want 0 and nothing", code, out)
		}
		out, code = run(t, dir, bin, "-tags", "integration", "./tagged")
		if code != driver.ExitFindings || !strings.Contains(out, "integration.go:9:15: http.Get has no timeout") {
			t.Errorf("-tags integration: exit code %d, want 3 with the tagged file's finding\n%s", code, out)
		}
	})

	t.Run("version", func(t *testing.T) {
		short := regexp.MustCompile(`^httpvet version (v\S+|devel( [0-9a-f]{12}.*)?) \S+/\S+ go\S+\n$`)
		for _, args := range [][]string{{"-V"}, {"version"}} {
			out, code := run(t, dir, bin, args...)
			if code != 0 || !short.MatchString(out) {
				t.Errorf("httpvet %s: exit code %d, output %q; want 0 and the version", args[0], code, out)
			}
		}
		out, code := run(t, dir, bin, "-V=full")
		if code != 0 || !regexp.MustCompile(`^httpvet version \S.* buildID=[0-9a-f]{64}\n$`).MatchString(out) {
			t.Errorf("-V=full: exit code %d, output %q; want go vet's form with a buildID", code, out)
		}
	})

	t.Run("help", func(t *testing.T) {
		out, code := run(t, dir, bin, "help")
		if code != 0 {
			t.Errorf("help: exit code %d", code)
		}
		for _, want := range []string{"Usage:", "Exit status:", "docs/cli.md", "-format", "-tags", "-timeout.default-timeout"} {
			if !strings.Contains(out, want) {
				t.Errorf("help lacks %q:\n%s", want, out)
			}
		}
		for _, a := range suite.All() {
			summary, _, _ := strings.Cut(a.Doc, "\n")
			if !strings.Contains(out, a.Name) || !strings.Contains(out, summary) {
				t.Errorf("help does not list %s with its summary", a.Name)
			}
		}
		for _, boilerplate := range []string{"Printf", "fixtool", "SplitSeq"} {
			if strings.Contains(out, boilerplate) {
				t.Errorf("help still has the x/tools boilerplate %q", boilerplate)
			}
		}
		// Every flag help lists is documented in docs/cli.md.
		ref, err := os.ReadFile(filepath.Join("..", "..", "docs", "cli.md"))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`(?m)^  -([a-zA-Z-]+)(?: |$)`).FindAllStringSubmatch(out, -1) {
			if !strings.Contains(string(ref), "`-"+m[1]) {
				t.Errorf("flag -%s is not documented in docs/cli.md", m[1])
			}
		}
		if h, _ := run(t, dir, bin, "-h"); h != out {
			t.Errorf("-h differs from help")
		}
		out, code = run(t, dir, bin, "help", "timeout/no-timeout")
		if code != 0 || !strings.Contains(out, "timeout/no-timeout") || !strings.Contains(out, "docs/timeout.md#no-timeout") || !strings.Contains(out, "-timeout.default-timeout") {
			t.Errorf("help timeout/no-timeout: exit code %d\n%s", code, out)
		}
		out, code = run(t, dir, bin, "help", "nosuch")
		if code != driver.ExitUsage || !strings.Contains(out, `no analyzer "nosuch"`) {
			t.Errorf("help nosuch: exit code %d, want 2\n%s", code, out)
		}
	})

	t.Run("load errors", func(t *testing.T) {
		out, code := run(t, dir, bin, "./broken", "./app")
		if code != driver.ExitError {
			t.Errorf("exit code %d, want 1", code)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		var brokenLines []string
		for _, l := range lines {
			if strings.Contains(l, "broken") {
				brokenLines = append(brokenLines, l)
			}
		}
		want := regexp.MustCompile(`^httpvet: example.com/vetmod/broken: .*broken.go:3:23: cannot use`)
		if len(brokenLines) != 1 || !want.MatchString(brokenLines[0]) {
			t.Errorf("want one line for the broken package, got %q", brokenLines)
		}
		for _, noise := range []string{"httpmodel", "analysis skipped", "failed prerequisites"} {
			if strings.Contains(out, noise) {
				t.Errorf("output mentions %q:\n%s", noise, out)
			}
		}
		if !strings.Contains(out, "app.go:10:9: request sent with an http.Client that has no Timeout") {
			t.Errorf("the package that loads is not analysed:\n%s", out)
		}
	})

	t.Run("bad flag values", func(t *testing.T) {
		for _, tc := range []struct{ arg, want string }{
			{"-timeout.default-timeout=5", `invalid value "5" for -timeout.default-timeout: want a duration with its unit, such as 10s`},
			{"-retry.max-attempts=many", `invalid value "many" for -retry.max-attempts`},
			{"-format=xml", `invalid value "xml" for -format: want text, json or sarif`},
			{"-timeout=maybe", `invalid boolean value "maybe" for -timeout: want true or false`},
		} {
			out, code := run(t, dir, bin, tc.arg, "./app")
			if code != driver.ExitUsage || !strings.Contains(out, tc.want) {
				t.Errorf("%s: exit code %d, want 2 with %q\n%s", tc.arg, code, tc.want, out)
			}
			if n := strings.Count(out, "\n"); n > 2 {
				t.Errorf("%s: %d lines of output, want the error and a pointer to help:\n%s", tc.arg, n, out)
			}
		}
	})

	t.Run("exit statuses", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			args []string
			want int
		}{
			{"clean", []string{"./clients"}, driver.ExitClean},
			{"findings", []string{"./app"}, driver.ExitFindings},
			{"json with findings", []string{"-json", "./app"}, driver.ExitClean},
			{"sarif with findings", []string{"-format=sarif", "./app"}, driver.ExitClean},
			{"type error", []string{"./broken"}, driver.ExitError},
			{"pattern matching nothing", []string{"./nosuchdir/..."}, driver.ExitError},
			{"unknown flag", []string{"-no-such-flag", "./app"}, driver.ExitUsage},
			{"no packages", nil, driver.ExitUsage},
		} {
			if out, code := run(t, dir, bin, tc.args...); code != tc.want {
				t.Errorf("%s (httpvet %s): exit code %d, want %d\n%s", tc.name, strings.Join(tc.args, " "), code, tc.want, out)
			}
		}
	})

	t.Run("fix passes", func(t *testing.T) {
		// The demo has two analyzers fixing the same transport: with one
		// pass the second fix conflicts (status 4); the default passes
		// apply it and exit as a clean apply.
		demo := copyDemo(t)
		out, code := run(t, demo, bin, "-fix", "-fix-passes=1", "./...")
		if code != driver.ExitFixConflict || !strings.Contains(out, "run httpvet -fix again") {
			t.Errorf("-fix -fix-passes=1: exit code %d, want 4\n%s", code, out)
		}
		demo = copyDemo(t)
		out, code = run(t, demo, bin, "-fix", "-diff", "./weather")
		if code != driver.ExitFixConflict || !strings.Contains(out, "+++ ") || !strings.Contains(out, "not in the diff") {
			t.Errorf("-fix -diff with conflicting fixes: exit code %d, want 4 with the diff of the others\n%s", code, out)
		}
		out, code = run(t, demo, bin, "-fix", "./...")
		if code != driver.ExitClean || strings.Contains(out, "Re-run") {
			t.Errorf("-fix: exit code %d, want 0 with every fix applied\n%s", code, out)
		}
		if bout, bcode := run(t, demo, "go", "build", "./..."); bcode != 0 {
			t.Errorf("the fixed demo does not build:\n%s", bout)
		}
		after, _ := run(t, demo, bin, "-json", "./...")
		if n := strings.Count(after, `"suggested_fixes"`); n != 0 {
			t.Errorf("%d findings with fixes left after -fix:\n%s", n, after)
		}
	})
}

// TestVetNames: under go vet -vettool, findings end with their name too.
func TestVetNames(t *testing.T) {
	bin := buildHttpvet(t)
	out, _ := run(t, vetmod(t), "go", "vet", "-vettool="+bin, "./app")
	if !strings.Contains(out, "app.go:10:9: request sent with an http.Client that has no Timeout: a stalled server blocks this goroutine forever (timeout/no-timeout)") {
		t.Errorf("go vet: finding without its name:\n%s", out)
	}
	out, code := run(t, vetmod(t), "go", "vet", "-vettool="+bin, "-timeout.default-timeout=5", "./app")
	if code == 0 || !strings.Contains(out, `httpvet: invalid value "5" for -timeout.default-timeout: want a duration`) || strings.Contains(out, "Usage of") {
		t.Errorf("go vet with a bad flag value: exit code %d, want the flag's error without usage\n%s", code, out)
	}
}

// sarifSchemaModule ships the SARIF 2.1.0 JSON schema (OASIS errata 01) in
// its Go source; the test takes the schema from there, through the module
// proxy, rather than from a copy of our own.
const sarifSchemaModule = "github.com/owenrumney/go-sarif/v3@v3.3.1"

// sarifSchema returns the SARIF 2.1.0 schema: the string constant named
// schema in the module's pkg/report/v210/sarif/schema.go.
func sarifSchema(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "mod", "download", "-json", sarifSchemaModule).Output()
	if err != nil {
		t.Fatalf("go mod download %s: %v", sarifSchemaModule, err)
	}
	var mod struct{ Dir, Error string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Error != "" {
		t.Fatalf("go mod download %s: %v %s", sarifSchemaModule, err, mod.Error)
	}
	file, err := parser.ParseFile(token.NewFileSet(), filepath.Join(mod.Dir, "pkg", "report", "v210", "sarif", "schema.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, decl := range file.Decls {
		if gen, ok := decl.(*ast.GenDecl); ok {
			for _, spec := range gen.Specs {
				if vs, ok := spec.(*ast.ValueSpec); ok && vs.Names[0].Name == "schema" {
					s, err := strconv.Unquote(vs.Values[0].(*ast.BasicLit).Value)
					if err != nil {
						t.Fatal(err)
					}
					return s
				}
			}
		}
	}
	t.Fatalf("%s: no schema constant", sarifSchemaModule)
	return ""
}

// TestSARIF validates -format=sarif on the demo (findings with fixes and
// related positions) against the SARIF 2.1.0 schema, and checks what code
// scanning relies on: one rule per analyzer/category, results pointing at
// their rule, regions, fixes and help URIs.
func TestSARIF(t *testing.T) {
	bin := buildHttpvet(t)
	cmd := exec.Command(bin, "-format=sarif", "./...")
	cmd.Dir = demoDir(t)
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("httpvet -format=sarif: %v\n%s", err, stderr.String())
	}

	schemaDoc, err := jsonschema.UnmarshalJSON(strings.NewReader(sarifSchema(t)))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(stdout.Bytes()))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("output does not validate against the SARIF 2.1.0 schema: %v", err)
	}

	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct {
						ID               string
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
						HelpURI          string
					}
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
				RelatedLocations []json.RawMessage
				Fixes            []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion struct{ ByteOffset, ByteLength *int }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	rules := map[string]int{}
	for i, r := range run.Tool.Driver.Rules {
		rules[r.ID] = i
		if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || !strings.HasPrefix(r.HelpURI, "https://") {
			t.Errorf("rule %s: incomplete description or help URI: %+v", r.ID, r)
		}
	}
	for _, a := range suite.All() {
		for _, cat := range driver.Categories(a) {
			i, ok := rules[cat.ID()]
			if !ok {
				t.Errorf("no rule %s", cat.ID())
				continue
			}
			if got := run.Tool.Driver.Rules[i].HelpURI; got != cat.URL {
				t.Errorf("rule %s: helpUri %q, want %q", cat.ID(), got, cat.URL)
			}
		}
	}
	fixes, related := 0, 0
	for _, r := range run.Results {
		if i, ok := rules[r.RuleID]; !ok || i != r.RuleIndex {
			t.Errorf("result for %s: ruleIndex %d does not name its rule", r.RuleID, r.RuleIndex)
		}
		if len(r.Locations) != 1 {
			t.Errorf("result for %s: %d locations, want 1", r.RuleID, len(r.Locations))
			continue
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || strings.HasPrefix(loc.ArtifactLocation.URI, "/") || loc.Region.StartLine == 0 || loc.Region.StartColumn == 0 {
			t.Errorf("result for %s: want a path relative to %%SRCROOT%% and a region, got %+v", r.RuleID, loc)
		}
		related += len(r.RelatedLocations)
		for _, f := range r.Fixes {
			fixes++
			for _, ch := range f.ArtifactChanges {
				for _, rep := range ch.Replacements {
					if rep.DeletedRegion.ByteOffset == nil || rep.DeletedRegion.ByteLength == nil {
						t.Errorf("result for %s: a replacement without its byte range", r.RuleID)
					}
				}
			}
		}
	}
	if len(run.Results) == 0 || fixes == 0 || related == 0 {
		t.Errorf("the demo's SARIF has %d results, %d fixes, %d related locations; want some of each", len(run.Results), fixes, related)
	}
}

// TestSingleCheckers builds each analyzer's own command and runs it on
// the demo: it reports its analyzer's findings and no other's.
func TestSingleCheckers(t *testing.T) {
	bin := t.TempDir()
	var pkgs []string
	for _, a := range suite.All() {
		pkgs = append(pkgs, "github.com/httpvet/httpvet/analyzers/"+a.Name+"/cmd/"+a.Name)
	}
	if out, err := exec.Command("go", append([]string{"build", "-o", bin + string(filepath.Separator)}, pkgs...)...).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, a := range suite.All() {
		out, code := run(t, demoDir(t), filepath.Join(bin, a.Name), "-json", "./...")
		if code != 0 {
			t.Errorf("%s -json: exit code %d\n%s", a.Name, code, out)
			continue
		}
		var tree map[string]map[string]json.RawMessage
		if err := json.Unmarshal([]byte(out), &tree); err != nil {
			t.Fatalf("%s -json: %v\n%s", a.Name, err, out)
		}
		fired := false
		for _, byAnalyzer := range tree {
			for name := range byAnalyzer {
				if name != a.Name {
					t.Errorf("cmd/%s reported for %s", a.Name, name)
				}
				fired = true
			}
		}
		if !fired {
			t.Errorf("cmd/%s reports nothing on the demo", a.Name)
		}
	}
}
