package suite_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/packages"

	"github.com/httpvet/httpvet/analyzers/suite"
)

// benchFuncs is how many functions the generated package holds.
const benchFuncs = 2000

// The generated package mixes the shapes real services and SDKs have:
// good and bad code for every analyzer, so that each does real work.
var benchTemplates = []string{
	// A handler forwarding to an upstream with the inbound context.
	`func handler%[1]d(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://upstream/%[1]d", nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	resp, err := shared.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}`,
	// An SDK-style method: build, send, check, decode.
	`func (c *apiClient) Get%[1]d(ctx context.Context, id string) (*item, error) {
	req, err := c.newRequest(ctx, http.MethodGet, "items/%[1]d/"+id)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("get %%s: %%s", id, resp.Status)
	}
	var it item
	if err := json.NewDecoder(resp.Body).Decode(&it); err != nil {
		return nil, err
	}
	return &it, nil
}`,
	// A client built per call, with no timeout.
	`func fetch%[1]d(url string) ([]byte, error) {
	tr := &http.Transport{MaxIdleConns: %[1]d}
	c := &http.Client{Transport: tr}
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}`,
	// A bounded retry with backoff.
	`func retry%[1]d(ctx context.Context, c *apiClient) (*item, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		it, err := c.Get%[1]d(ctx, "x")
		if err == nil {
			return it, nil
		}
		lastErr = err
		time.Sleep(time.Duration(attempt+1) * 100 * time.Millisecond)
	}
	return nil, lastErr
}`,
	// Untyped JSON, checked and unchecked.
	`func card%[1]d(ctx context.Context) (string, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://users/%[1]d", nil)
	resp, err := shared.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %%s", resp.Status)
	}
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		return "", err
	}
	name, ok := m["name"].(string)
	if !ok {
		return "", fmt.Errorf("no name")
	}
	return name + m["id"].(string), nil
}`,
	// Two independent reads in sequence.
	`func page%[1]d(ctx context.Context, c *apiClient) error {
	a, err := c.Get%[1]d(ctx, "a")
	if err != nil {
		return err
	}
	b, err := c.Get%[1]d(ctx, "b")
	if err != nil {
		return err
	}
	_, _ = a, b
	return nil
}`,
	// Plain code with no HTTP at all.
	`func sum%[1]d(xs []int) (n int) {
	for _, x := range xs {
		if x%%2 == 0 {
			n += x
		}
	}
	return n
}`,
}

const benchHeader = `package gen

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

var _ = time.Second

var shared = &http.Client{Timeout: 10 * time.Second}

type item struct{ Name *string }

type apiClient struct {
	hc   *http.Client
	base string
}

func (c *apiClient) newRequest(ctx context.Context, method, path string) (*http.Request, error) {
	return http.NewRequestWithContext(ctx, method, c.base+path, nil)
}
`

// loadBench writes the generated module once and loads it with syntax for
// every package, as the drivers do when analyzers have facts.
func loadBench(b *testing.B) []*packages.Package {
	b.Helper()
	dir := b.TempDir()
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module gen\n\ngo 1.26\n"), 0o644))
	perFile := 100
	for f := 0; f*perFile < benchFuncs; f++ {
		var src strings.Builder
		src.WriteString(benchHeader)
		if f > 0 {
			src.Reset()
			src.WriteString(strings.Split(benchHeader, "var shared")[0])
		}
		for i := f * perFile; i < (f+1)*perFile && i < benchFuncs; i++ {
			fmt.Fprintf(&src, "\n%s\n", fmt.Sprintf(benchTemplates[i%len(benchTemplates)], i))
		}
		// Templates that call Get<i> need it to exist: every index gets one.
		for i := f * perFile; i < (f+1)*perFile && i < benchFuncs; i++ {
			if i%len(benchTemplates) != 1 {
				fmt.Fprintf(&src, "\n%s\n", fmt.Sprintf(benchTemplates[1], i))
			}
		}
		must(os.WriteFile(filepath.Join(dir, fmt.Sprintf("gen%02d.go", f)), []byte(src.String()), 0o644))
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Tests: false}
	pkgs, err := packages.Load(cfg, "./...")
	must(err)
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatal("generated package does not type-check")
	}
	return pkgs
}

type noFact struct{}

func (*noFact) AFact() {}

// floor does nothing, with the same requirements and fact loading as the
// analyzers: what the suite costs above it is its own work.
var floor = &analysis.Analyzer{
	Name: "floor", Doc: "does nothing", Requires: []*analysis.Analyzer{inspect.Analyzer},
	FactTypes: []analysis.Fact{new(noFact)}, ResultType: reflect.TypeFor[bool](),
	Run: func(*analysis.Pass) (any, error) { return true, nil },
}

// BenchmarkAnalyzers times each analyzer, the whole suite and the floor
// over the generated package (dependencies included, as facts require).
func BenchmarkAnalyzers(b *testing.B) {
	pkgs := loadBench(b)
	cases := []struct {
		name      string
		analyzers []*analysis.Analyzer
	}{{"floor", []*analysis.Analyzer{floor}}, {"suite", suite.All()}}
	for _, a := range suite.All() {
		cases = append(cases, struct {
			name      string
			analyzers []*analysis.Analyzer
		}{a.Name, []*analysis.Analyzer{a}})
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				graph, err := checker.Analyze(c.analyzers, pkgs, nil)
				if err != nil {
					b.Fatal(err)
				}
				for act := range graph.All() {
					if act.Err != nil {
						b.Fatalf("%s: %v", act, act.Err)
					}
				}
			}
		})
	}
}
