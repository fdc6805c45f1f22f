// Command httpvet-gopls builds a gopls binary that runs the httpvet
// analyzers next to gopls's own, so that editors show httpvet findings as
// diagnostics and offer its suggested fixes as quick fixes.
//
// gopls cannot load analyzers at run time (golang/go#59869), so the only
// way in is a build of gopls that links them. The command:
//
//  1. downloads a pinned gopls release through the Go module proxy;
//  2. copies its module source to a temporary directory;
//  3. adds one generated file to gopls's analyzer registry
//     (internal/settings) that appends the httpvet suite to gopls's list
//     at init, as warnings, enabled by default; no existing gopls file is
//     changed;
//  4. points the copy's go.mod at httpvet: this checkout (a replace
//     directive) or a released version;
//  5. refuses to continue if httpvet would move any of gopls's pinned
//     dependencies, then builds gopls to the named destination and runs
//     its "version" subcommand once to prove it starts.
//
// Usage:
//
//	go run ./cmd/httpvet-gopls -o ~/bin/gopls-httpvet
//	httpvet-gopls -o ./bin/gopls -gopls v0.23.0 -httpvet v1.2.0
//
// Flags:
//
//	-o path       where to write the gopls binary (required; a directory
//	              receives a file named gopls)
//	-gopls v      the gopls release to build (default v0.23.0)
//	-httpvet x    a directory holding an httpvet checkout, or a version of
//	              github.com/httpvet/httpvet; by default the checkout around
//	              the current directory, else the version this command was
//	              installed at
//	-work         keep the temporary directory and print its name
//
// The analyzers then run under gopls's usual settings: each can be turned
// off by name, e.g. "analyses": {"timeout": false}. See docs/gopls.md.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
)

const (
	httpvetModule = "github.com/httpvet/httpvet"
	goplsModule   = "golang.org/x/tools/gopls"

	// defaultGopls is the gopls release the command is tested with.
	defaultGopls = "v0.23.0"

	// registryDir is gopls's analyzer-registry package, relative to the
	// gopls module root, and registryFile the file added to it.
	registryDir  = "internal/settings"
	registryFile = "httpvet_analyzers.go"

	// replaceVersion is the version required when a replace directive
	// supplies the module from a directory.
	replaceVersion = "v0.0.0-00010101000000-000000000000"
)

func main() {
	log := func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "httpvet-gopls: "+format+"\n", args...)
	}
	var cfg config
	flag.StringVar(&cfg.out, "o", "", "write the gopls binary to `path` (required)")
	flag.StringVar(&cfg.gopls, "gopls", defaultGopls, "the gopls `version` to build")
	flag.StringVar(&cfg.httpvet, "httpvet", "", "an httpvet checkout `dir`ectory or module version (default: the checkout around the current directory)")
	flag.BoolVar(&cfg.keepWork, "work", false, "keep the temporary directory and print its name")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: httpvet-gopls -o path [-gopls version] [-httpvet dir|version] [-work]\n\n")
		fmt.Fprintf(os.Stderr, "Builds gopls with the httpvet analyzers added. See docs/gopls.md.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if cfg.out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	cfg.log = log
	if err := build(&cfg); err != nil {
		log("%v", err)
		os.Exit(1)
	}
}

type config struct {
	out      string // destination of the binary
	gopls    string // gopls version
	httpvet  string // checkout directory or module version; "" = detect
	keepWork bool
	log      func(format string, args ...any)
}

func build(cfg *config) error {
	out, err := destination(cfg.out)
	if err != nil {
		return err
	}
	source, err := resolveHttpvet(cfg.httpvet)
	if err != nil {
		return err
	}

	// 1. Download gopls.
	cfg.log("downloading %s@%s through the module proxy", goplsModule, cfg.gopls)
	var dl struct{ Dir, Version, Error string }
	if err := goJSON(&dl, "", "mod", "download", "-json", goplsModule+"@"+cfg.gopls); err != nil {
		return err
	}
	if dl.Error != "" {
		return fmt.Errorf("downloading %s@%s: %s", goplsModule, cfg.gopls, dl.Error)
	}

	// 2. Copy it somewhere writable.
	work, err := os.MkdirTemp("", "httpvet-gopls-")
	if err != nil {
		return err
	}
	if cfg.keepWork {
		cfg.log("work directory: %s", work)
	} else {
		defer os.RemoveAll(work)
	}
	dir := filepath.Join(work, "gopls")
	if err := copyTree(dl.Dir, dir); err != nil {
		return fmt.Errorf("copying gopls source: %v", err)
	}

	// 3. Add the registry file.
	if err := checkRegistry(filepath.Join(dir, registryDir)); err != nil {
		return fmt.Errorf("gopls %s: %v; this gopls version is not supported by httpvet-gopls", dl.Version, err)
	}
	if err := os.WriteFile(filepath.Join(dir, registryDir, registryFile), []byte(registrySource(dl.Version)), 0o644); err != nil {
		return err
	}

	// 4. Point the copy at httpvet, without moving gopls's own pins.
	pinned, err := moduleVersions(dir)
	if err != nil {
		return err
	}
	if source.dir != "" {
		cfg.log("using the httpvet checkout at %s", source.dir)
		if _, err := goCmd(dir, "mod", "edit",
			"-require="+httpvetModule+"@"+replaceVersion,
			"-replace="+httpvetModule+"="+source.dir); err != nil {
			return err
		}
	} else {
		cfg.log("using %s@%s", httpvetModule, source.version)
		if _, err := goCmd(dir, "get", httpvetModule+"@"+source.version); err != nil {
			return err
		}
	}
	selected, err := moduleVersions(dir)
	if err != nil {
		return err
	}
	if moved := movedPins(pinned, selected); len(moved) > 0 {
		return fmt.Errorf("httpvet requires newer modules than gopls %s pins:\n\t%s\n"+
			"lower httpvet's requirements or build a newer gopls (-gopls)", dl.Version, strings.Join(moved, "\n\t"))
	}

	// 5. Build and check that the binary starts (init ran).
	cfg.log("building gopls %s with the httpvet analyzers", dl.Version)
	if _, err := goCmd(dir, "build", "-mod=mod", "-o", out, "."); err != nil {
		return err
	}
	version, err := exec.Command(out, "version").CombinedOutput()
	if err != nil {
		return fmt.Errorf("the built gopls does not start: %v\n%s", err, version)
	}
	cfg.log("wrote %s", out)
	return nil
}

// destination returns the absolute path of the binary to write, creating
// the folder it goes in (as go build -o does): -o ~/bin/gopls-httpvet must
// work on a machine without ~/bin. A path that ends with a separator, or
// names an existing directory, gets the binary inside it, named gopls.
func destination(out string) (string, error) {
	isDir := strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(filepath.Separator))
	out, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		isDir = true
	}
	if isDir {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return "", fmt.Errorf("-o: %v", err)
		}
		exe, err := goCmd("", "env", "GOEXE")
		if err != nil {
			return "", err
		}
		out = filepath.Join(out, "gopls"+strings.TrimSpace(exe))
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return "", fmt.Errorf("-o %s: %v", out, err)
	}
	return out, nil
}

// httpvetSource says where the build takes httpvet from: a checkout
// directory, or a module version from the proxy.
type httpvetSource struct{ dir, version string }

func resolveHttpvet(flagValue string) (httpvetSource, error) {
	if flagValue != "" {
		if fi, err := os.Stat(flagValue); err == nil && fi.IsDir() {
			return checkout(flagValue)
		}
		if strings.ContainsAny(flagValue, `/\`) || strings.HasPrefix(flagValue, ".") {
			return httpvetSource{}, fmt.Errorf("-httpvet %s: no such directory", flagValue)
		}
		return httpvetSource{version: flagValue}, nil
	}
	// The checkout around the current directory, if there is one.
	if gomod, err := goCmd("", "env", "GOMOD"); err == nil {
		gomod = strings.TrimSpace(gomod)
		if gomod != "" && gomod != os.DevNull {
			if src, err := checkout(filepath.Dir(gomod)); err == nil {
				return src, nil
			}
		}
	}
	// Else the version this command was installed at.
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Path == httpvetModule {
		if v := bi.Main.Version; strings.HasPrefix(v, "v") && !strings.Contains(v, "+") {
			return httpvetSource{version: v}, nil
		}
	}
	return httpvetSource{}, errors.New("cannot tell which httpvet to build in: run inside an httpvet checkout or pass -httpvet dir|version")
}

// checkout returns the source for the httpvet module rooted at dir.
func checkout(dir string) (httpvetSource, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return httpvetSource{}, err
	}
	gomod := filepath.Join(dir, "go.mod")
	if _, err := os.Stat(gomod); err != nil {
		return httpvetSource{}, fmt.Errorf("%s is not an httpvet checkout: it has no go.mod", dir)
	}
	var mod struct{ Module struct{ Path string } }
	if err := goJSON(&mod, "", "mod", "edit", "-json", gomod); err != nil {
		return httpvetSource{}, err
	}
	if mod.Module.Path != httpvetModule {
		return httpvetSource{}, fmt.Errorf("%s holds module %s, not %s", dir, mod.Module.Path, httpvetModule)
	}
	return httpvetSource{dir: dir}, nil
}

// checkRegistry verifies that gopls's settings package still has the
// shape the generated file relies on: a package-level AllAnalyzers list of
// *Analyzer, whose struct has analyzer and severity fields.
func checkRegistry(dir string) error {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("no analyzer registry: %v", err)
	}
	var list, fields bool
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if name == registryFile {
			return fmt.Errorf("%s already has a file named %s", registryDir, registryFile)
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range gen.Specs {
				switch spec := spec.(type) {
				case *ast.ValueSpec:
					for _, id := range spec.Names {
						if id.Name == "AllAnalyzers" && gen.Tok == token.VAR {
							list = true
						}
					}
				case *ast.TypeSpec:
					if st, ok := spec.Type.(*ast.StructType); ok && spec.Name.Name == "Analyzer" {
						fields = hasFields(st, "analyzer", "severity")
					}
				}
			}
		}
	}
	switch {
	case !list:
		return fmt.Errorf("%s declares no AllAnalyzers variable", registryDir)
	case !fields:
		return fmt.Errorf("%s has no Analyzer struct with analyzer and severity fields", registryDir)
	}
	return nil
}

func hasFields(st *ast.StructType, names ...string) bool {
	have := map[string]bool{}
	for _, f := range st.Fields.List {
		for _, id := range f.Names {
			have[id.Name] = true
		}
	}
	for _, n := range names {
		if !have[n] {
			return false
		}
	}
	return true
}

// registrySource is the file added to gopls's settings package.
func registrySource(goplsVersion string) string {
	return `// Code generated by httpvet-gopls for gopls ` + goplsVersion + `. DO NOT EDIT.

package settings

import (
	"fmt"

	httpvet "` + httpvetModule + `/analyzers/suite"
	"golang.org/x/tools/gopls/internal/protocol"
)

// init adds the httpvet analyzers to the list gopls runs. Package-level
// variables are initialised before any init function runs, so the list
// is complete here. Each analyzer is on unless the "analyses" setting
// turns it off by name, and reports warnings; its suggested fixes become
// quick fixes.
func init() {
	taken := make(map[string]bool, len(AllAnalyzers))
	for _, a := range AllAnalyzers {
		taken[a.Analyzer().Name] = true
	}
	for _, a := range httpvet.All() {
		if taken[a.Name] {
			// Two analyzers with one name could not be told apart in
			// the settings; the build's smoke run catches this.
			panic(fmt.Sprintf("httpvet-gopls: analyzer %q: gopls already has an analyzer of that name", a.Name))
		}
		taken[a.Name] = true
		AllAnalyzers = append(AllAnalyzers, &Analyzer{analyzer: a, severity: protocol.SeverityWarning})
	}
}
`
}

// moduleVersions returns the selected version of every module in the
// build list of the module in dir.
func moduleVersions(dir string) (map[string]string, error) {
	out, err := goCmd(dir, "list", "-mod=mod", "-m", "-f", "{{.Path}} {{.Version}}", "all")
	if err != nil {
		return nil, err
	}
	versions := map[string]string{}
	for line := range strings.Lines(out) {
		if path, version, ok := strings.Cut(strings.TrimSpace(line), " "); ok {
			versions[path] = version
		}
	}
	return versions, nil
}

// movedPins lists the modules whose selected version differs between
// before and after, ignoring modules after added.
func movedPins(before, after map[string]string) []string {
	var moved []string
	for path, v := range before {
		if w, ok := after[path]; ok && w != v {
			moved = append(moved, fmt.Sprintf("%s %s -> %s", path, v, w))
		}
	}
	sort.Strings(moved)
	return moved
}

// copyTree copies the regular files under src to dst, making them
// writable (the module cache's are read-only).
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		o, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return err
		}
		if _, err := io.Copy(o, in); err != nil {
			o.Close()
			return err
		}
		return o.Close()
	})
}

// goCmd runs the go command in dir ("" = the current directory) with
// workspaces off, and returns its standard output.
func goCmd(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return stdout.String(), nil
}

func goJSON(v any, dir string, args ...string) error {
	out, err := goCmd(dir, args...)
	if err != nil && out == "" {
		return err
	}
	if jerr := json.Unmarshal([]byte(out), v); jerr != nil {
		if err != nil {
			return err
		}
		return fmt.Errorf("go %s: %v", strings.Join(args, " "), jerr)
	}
	return nil
}
