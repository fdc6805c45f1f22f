package main_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/httpvet/httpvet/analyzers/suite"
)

// TestGopls builds gopls with the httpvet analyzers, end to end: the
// command downloads gopls through the module proxy and builds it against
// this checkout; the built binary must then report httpvet findings, offer
// httpvet's fixes as quick fixes, and honour the "analyses" setting.
//
// It takes about a minute with a warm build cache (several on a cold
// one), so it runs only when HTTPVET_E2E is set (as the golangci-lint
// end-to-end test).
func TestGopls(t *testing.T) {
	if os.Getenv("HTTPVET_E2E") == "" {
		t.Skip("set HTTPVET_E2E=1 to build gopls with the httpvet analyzers and run it (takes a minute or more)")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	tmp := t.TempDir()

	cmdBin := filepath.Join(tmp, "httpvet-gopls")
	if out, err := exec.Command("go", "build", "-o", cmdBin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	gopls := filepath.Join(tmp, "gopls")
	start := time.Now()
	// Run from this directory: the command finds the checkout around it.
	build := exec.Command(cmdBin, "-o", gopls)
	build.Env = append(os.Environ(), "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("httpvet-gopls: %v\n%s", err, out)
	}
	t.Logf("built gopls in %v", time.Since(start).Round(time.Second))

	fixture := testdata(t, "gopls")

	t.Run("check", func(t *testing.T) {
		out := goplsRun(t, gopls, fixture, "check", "fetch/fetch.go", "app/app.go", "fix/fix.go")
		for _, want := range []string{
			"fetch/fetch.go:12:15-28: http.Get has no timeout",
			"fetch/fetch.go:17:12-33: body of the response from http.Get is read without checking resp.StatusCode",
			// Needs the fact exported for clients.New, so facts
			// cross packages (gob-encoded) inside gopls.
			"app/app.go:10:15-26: request sent with an http.Client that has no Timeout",
			"fix/fix.go:17:15-55: request sent with an http.Client that has no Timeout",
		} {
			if !strings.Contains(out, fixture+"/"+want) {
				t.Errorf("gopls check: missing %q in\n%s", want, out)
			}
		}
	})

	t.Run("type errors", func(t *testing.T) {
		out := goplsRun(t, gopls, fixture, "check", "broken/broken.go")
		if !strings.Contains(out, "cannot use \"failed\"") {
			t.Errorf("gopls check on a package with type errors: want the type error, got\n%s", out)
		}
		if strings.Contains(strings.ToLower(out), "panic") {
			t.Errorf("gopls check on a package with type errors:\n%s", out)
		}
	})

	t.Run("quickfix", func(t *testing.T) {
		list := goplsRun(t, gopls, fixture, "codeaction", "-kind=quickfix", "fix/fix.go")
		if !strings.Contains(list, `"Add a Timeout to the client" [quickfix]`) {
			t.Fatalf("gopls codeaction: httpvet's fix is not offered:\n%s", list)
		}
		got := goplsRun(t, gopls, fixture, "codeaction", "-kind=quickfix", "-title=^Add a Timeout", "-exec", "fix/fix.go:17:15")
		want, err := os.ReadFile(filepath.Join(fixture, "fix", "fix.go.golden"))
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("gopls codeaction -exec: fixed file differs from fix.go.golden\ngot:\n%s\nwant:\n%s", got, want)
		}
	})

	t.Run("demo", func(t *testing.T) {
		demo := testdata(t, "demo")
		out := goplsRun(t, gopls, demo, "check", "weather/weather.go")
		for _, want := range []string{
			"weather/weather.go:21:17-28: fetch sends a request without a context",
			"weather/weather.go:32:15-48: http.Transport built on every call of fetch",
			"weather/weather.go:34:15-97: request sent with an http.Client that has no Timeout",
		} {
			if !strings.Contains(out, demo+"/"+want) {
				t.Errorf("gopls check on the demo: missing %q in\n%s", want, out)
			}
		}
	})

	// The command line shows neither the analyzer nor the severity, and
	// cannot pass settings: speak LSP to "gopls serve" for those.
	t.Run("lsp", func(t *testing.T) {
		diags := lspDiagnostics(t, gopls, fixture, nil, "fetch/fetch.go", "statuscheck")
		var sources []string
		for _, d := range diags {
			sources = append(sources, d.Source)
			if isHttpvet(d.Source) && d.Severity != 2 {
				t.Errorf("%s diagnostic %q: severity %d, want 2 (warning)", d.Source, d.Message, d.Severity)
			}
		}
		for _, want := range []string{"timeout", "statuscheck"} {
			if !slices.Contains(sources, want) {
				t.Errorf("no diagnostic from %s on fetch.go; sources: %v", want, sources)
			}
		}
		for _, d := range diags {
			if d.Source == "timeout" && (d.Range.Start.Line != 11 || d.Range.Start.Character != 14) {
				t.Errorf("timeout diagnostic at %d:%d, want 11:14 (0-based)", d.Range.Start.Line, d.Range.Start.Character)
			}
		}
	})

	t.Run("disable", func(t *testing.T) {
		config := map[string]any{"analyses": map[string]any{"timeout": false}}
		for _, d := range lspDiagnostics(t, gopls, fixture, config, "fetch/fetch.go", "statuscheck") {
			if d.Source == "timeout" {
				t.Errorf(`"analyses": {"timeout": false} did not disable timeout: %q`, d.Message)
			}
		}
	})
}

func testdata(t *testing.T, name string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// fixtureEnv keeps gopls inside the fixture module, which needs nothing
// from the network.
func fixtureEnv() []string {
	return append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=-mod=mod")
}

// goplsRun runs a gopls subcommand in dir and returns its standard output.
func goplsRun(t *testing.T, gopls, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(gopls, args...)
	cmd.Dir = dir
	cmd.Env = fixtureEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("gopls %s: %v\n%s%s", strings.Join(args, " "), err, stdout.Bytes(), stderr.Bytes())
	}
	return stdout.String()
}

func isHttpvet(source string) bool {
	for _, a := range suite.All() {
		if a.Name == source {
			return true
		}
	}
	return false
}

type position struct{ Line, Character int }

type diagnostic struct {
	Range    struct{ Start, End position }
	Severity int
	Source   string
	Message  string
}

// message is a JSON-RPC 2.0 message in either direction.
type message struct {
	JSONRPC string           `json:"jsonrpc"`
	ID      *json.RawMessage `json:"id,omitempty"`
	Method  string           `json:"method,omitempty"`
	Params  json.RawMessage  `json:"params,omitempty"`
	Result  json.RawMessage  `json:"result,omitempty"`
	Error   *struct {
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// lspDiagnostics starts "gopls serve" in dir, answers its configuration
// requests with config, opens file, and returns the first diagnostics
// published for it that include one from the analyzer named until (gopls
// publishes a package's analyzer findings together).
func lspDiagnostics(t *testing.T, gopls, dir string, config map[string]any, file, until string) []diagnostic {
	t.Helper()
	cmd := exec.Command(gopls, "serve")
	cmd.Dir = dir
	cmd.Env = fixtureEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	t.Cleanup(func() {
		close(stop)
		stdin.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("gopls serve's stderr:\n%s", stderr.Bytes())
		}
	})

	incoming := make(chan message)
	go func() {
		defer close(incoming)
		r := bufio.NewReader(stdout)
		for {
			m, err := readMessage(r)
			if err != nil {
				return
			}
			select {
			case incoming <- m:
			case <-stop:
				return
			}
		}
	}()

	nextID := 0
	send := func(method string, params any, request bool) int {
		m := map[string]any{"jsonrpc": "2.0", "method": method, "params": params}
		if request {
			nextID++
			m["id"] = nextID
		}
		writeMessage(t, stdin, m)
		return nextID
	}
	reply := func(id *json.RawMessage, result any) {
		writeMessage(t, stdin, map[string]any{"jsonrpc": "2.0", "id": id, "result": result})
	}
	if config == nil {
		config = map[string]any{}
	}
	uri := fileURI(filepath.Join(dir, file))
	deadline := time.After(2 * time.Minute)

	// serve handles incoming messages until done returns true for one.
	serve := func(done func(message) bool) {
		for {
			select {
			case m, ok := <-incoming:
				if !ok {
					t.Fatal("gopls serve exited")
				}
				switch {
				case m.ID != nil && m.Method == "workspace/configuration":
					var p struct{ Items []json.RawMessage }
					json.Unmarshal(m.Params, &p)
					res := make([]any, len(p.Items))
					for i := range res {
						res[i] = config
					}
					reply(m.ID, res)
				case m.ID != nil && m.Method != "":
					reply(m.ID, nil) // progress, registrations, ...
				}
				if done(m) {
					return
				}
			case <-deadline:
				t.Fatalf("no diagnostics from %s on %s within the deadline", until, file)
			}
		}
	}

	id := send("initialize", map[string]any{
		"processId": nil,
		"rootUri":   fileURI(dir),
		"capabilities": map[string]any{
			"workspace":    map[string]any{"configuration": true, "workspaceFolders": true},
			"textDocument": map[string]any{"publishDiagnostics": map[string]any{}},
		},
		"workspaceFolders": []any{map[string]any{"uri": fileURI(dir), "name": "fixture"}},
	}, true)
	serve(func(m message) bool {
		if m.Method == "" && m.ID != nil && string(*m.ID) == strconv.Itoa(id) {
			if m.Error != nil {
				t.Fatalf("initialize: %s", m.Error.Message)
			}
			return true
		}
		return false
	})
	send("initialized", map[string]any{}, false)

	text, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	send("textDocument/didOpen", map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": "go", "version": 1, "text": string(text)},
	}, false)

	var diags []diagnostic
	serve(func(m message) bool {
		if m.Method != "textDocument/publishDiagnostics" {
			return false
		}
		var p struct {
			URI         string
			Diagnostics []diagnostic
		}
		if err := json.Unmarshal(m.Params, &p); err != nil || p.URI != uri {
			return false
		}
		for _, d := range p.Diagnostics {
			if d.Source == until {
				diags = p.Diagnostics
				return true
			}
		}
		return false
	})

	id = send("shutdown", nil, true)
	serve(func(m message) bool { return m.Method == "" && m.ID != nil && string(*m.ID) == strconv.Itoa(id) })
	send("exit", nil, false)
	return diags
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

func writeMessage(t *testing.T, w io.Writer, m any) {
	body, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fmt.Fprintf(w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		t.Errorf("writing to gopls: %v", err)
	}
}

func readMessage(r *bufio.Reader) (message, error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return message{}, err
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length:"); ok {
			length, err = strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				return message{}, err
			}
		}
	}
	if length < 0 {
		return message{}, fmt.Errorf("message without Content-Length")
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return message{}, err
	}
	var m message
	err := json.Unmarshal(body, &m)
	return m, err
}
