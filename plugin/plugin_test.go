package plugin_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/httpvet/httpvet/analyzers/suite"
	"github.com/httpvet/httpvet/analyzers/timeout"
	"github.com/httpvet/httpvet/plugin"
)

// build builds the plugin as golangci-lint does: through the registry, with
// the settings as golangci-lint's configuration loader hands them over
// (maps of any, lists of any). It restores the defaults when the test ends.
func build(t *testing.T, settings any) ([]*analysis.Analyzer, error) {
	t.Helper()
	t.Cleanup(func() {
		if _, err := plugin.New(nil); err != nil {
			t.Errorf("restoring the defaults: %v", err)
		}
	})
	newPlugin, err := register.GetPlugin("httpvet")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(settings)
	if err != nil {
		return nil, err
	}
	if mode := p.GetLoadMode(); mode != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", mode, register.LoadModeTypesInfo)
	}
	return p.BuildAnalyzers()
}

func analyzerNames(as []*analysis.Analyzer) []string {
	var names []string
	for _, a := range as {
		names = append(names, a.Name)
	}
	return names
}

func option(t *testing.T, a *analysis.Analyzer, name string) string {
	t.Helper()
	f := a.Flags.Lookup(name)
	if f == nil {
		t.Fatalf("%s has no flag %s", a.Name, name)
	}
	return f.Value.String()
}

func TestSelection(t *testing.T) {
	all := analyzerNames(suite.All())
	for _, tc := range []struct {
		name     string
		settings any
		want     []string
	}{
		{"no settings", nil, all},
		{"empty settings", map[string]any{}, all},
		{"enable", map[string]any{"enable": []any{"statuscheck", "timeout"}}, []string{"timeout", "statuscheck"}},
		{"disable", map[string]any{"disable": []any{"timeout"}},
			slices.DeleteFunc(slices.Clone(all), func(n string) bool { return n == "timeout" })},
		{"empty lists", map[string]any{"enable": []any{}, "disable": []any{}}, all},
	} {
		t.Run(tc.name, func(t *testing.T) {
			as, err := build(t, tc.settings)
			if err != nil {
				t.Fatal(err)
			}
			if got := analyzerNames(as); !slices.Equal(got, tc.want) {
				t.Errorf("analyzers = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestOptions checks that options reach the analyzers' flags, and that a
// plugin built without them puts the defaults back.
func TestOptions(t *testing.T) {
	def := option(t, timeout.Analyzer, "default-timeout")
	_, err := build(t, map[string]any{
		"report-tests": true,
		"timeout":      map[string]any{"default-timeout": "10s"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := option(t, timeout.Analyzer, "default-timeout"); got != "10s" {
		t.Errorf("timeout.default-timeout = %s, want 10s", got)
	}
	if got := suite.ReportTestsFlag().Value.String(); got != "true" {
		t.Errorf("report-tests = %s, want true", got)
	}

	if _, err := build(t, map[string]any{"enable": []any{"ctxprop"}}); err != nil {
		t.Fatal(err)
	}
	if got := option(t, timeout.Analyzer, "default-timeout"); got != def {
		t.Errorf("after a plugin without options: timeout.default-timeout = %s, want the default %s", got, def)
	}
	if got := suite.ReportTestsFlag().Value.String(); got != "false" {
		t.Errorf("after a plugin without options: report-tests = %s, want false", got)
	}
}

// TestBadSettings checks that every mistake is an error that names its key.
func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings any
		want     string // in the error
	}{
		{"unknown key", map[string]any{"report-test": true}, "report-test: unknown setting"},
		{"unknown analyzer to enable", map[string]any{"enable": []any{"timeouts"}}, `enable: unknown analyzer "timeouts"`},
		{"unknown analyzer to disable", map[string]any{"disable": []any{"retry-me"}}, `disable: unknown analyzer "retry-me"`},
		{"enable not a list", map[string]any{"enable": "timeout"}, "enable: want a list"},
		{"enable and disable", map[string]any{"enable": []any{"timeout"}, "disable": []any{"ctxprop"}}, "enable, disable: give one"},
		{"nothing left", map[string]any{"disable": anyList(analyzerNames(suite.All()))}, "disable: leaves no analyzer"},
		{"unknown option", map[string]any{"timeout": map[string]any{"default-timout": "10s"}}, "timeout.default-timout: unknown option"},
		{"options not a mapping", map[string]any{"timeout": "10s"}, "timeout: want a mapping"},
		{"options empty", map[string]any{"timeout": nil}, "timeout: want a mapping"},
		{"bad duration", map[string]any{"timeout": map[string]any{"default-timeout": "ten"}}, `timeout.default-timeout: invalid value "ten"`},
		{"duration without unit", map[string]any{"timeout": map[string]any{"default-timeout": 10}}, `timeout.default-timeout: invalid value "10": parse error (want a duration with its unit`},
		{"option without value", map[string]any{"timeout": map[string]any{"default-timeout": nil}}, "timeout.default-timeout: no value"},
		{"option a mapping", map[string]any{"timeout": map[string]any{"default-timeout": map[string]any{"s": 1}}}, "timeout.default-timeout: want a single value"},
		{"bad bool", map[string]any{"report-tests": "yes"}, `report-tests: invalid value "yes": parse error (want true or false)`},
		{"not a mapping", []any{"timeout"}, "settings must be a mapping"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			def := option(t, timeout.Analyzer, "default-timeout")
			_, err := build(t, tc.settings)
			if err == nil {
				t.Fatalf("no error, want one containing %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "httpvet settings: ") {
				t.Errorf("error %q, want one starting with %q and containing %q", err, "httpvet settings: ", tc.want)
			}
			if got := option(t, timeout.Analyzer, "default-timeout"); got != def {
				t.Errorf("after the error, timeout.default-timeout = %s, want it left at %s", got, def)
			}
		})
	}
}

func anyList(names []string) []any {
	var l []any
	for _, n := range names {
		l = append(l, n)
	}
	return l
}

// TestAnalysis runs the plugin's timeout analyzer as golangci-lint would
// get it: the option reaches the fix, and the category ends the message.
func TestAnalysis(t *testing.T) {
	as, err := build(t, map[string]any{
		"enable":  []any{"timeout"},
		"timeout": map[string]any{"default-timeout": "10s"},
	})
	if err != nil {
		t.Fatal(err)
	}
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	results := analysistest.RunWithSuggestedFixes(t, testdata, as[0], "fix")
	fixes := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			fixes += len(d.SuggestedFixes)
		}
	}
	if fixes == 0 {
		t.Error("the timeout analyzer offered no fix")
	}
}

// TestDocsShowSamples checks that docs/golangci-lint.md shows the sample
// configuration files as they are: every setting line of a sample (without
// comments) appears in the page.
func TestDocsShowSamples(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("..", "docs", "golangci-lint.md"))
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]bool{}
	for _, line := range strings.Split(string(page), "\n") {
		shown[settingLine(line)] = true
	}
	for _, sample := range []string{sampleCustomGCL, sampleGolangci} {
		data, err := os.ReadFile(sample)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if l := settingLine(line); l != "" && !shown[l] {
				t.Errorf("docs/golangci-lint.md does not show %s's line %q", sample, l)
			}
		}
	}
}

// settingLine is a YAML line without its comment and surrounding space.
func settingLine(line string) string {
	if i := strings.Index(line, "#"); i >= 0 {
		line = line[:i]
	}
	return strings.TrimSpace(line)
}
