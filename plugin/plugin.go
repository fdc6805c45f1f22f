// Package plugin is the golangci-lint module plugin of httpvet.
//
// Its init registers the plugin "httpvet" with
// github.com/golangci/plugin-module-register. A golangci-lint binary built
// with this package blank-imported (golangci-lint custom, driven by a
// .custom-gcl.yml) runs the httpvet analyzers when .golangci.yml enables it:
//
//	linters:
//	  enable: [httpvet]
//	  settings:
//	    custom:
//	      httpvet:
//	        type: module
//	        settings:
//	          disable: [clientreuse]
//	          report-tests: false
//	          timeout:
//	            default-timeout: 10s
//
// The settings are those of the httpvet command: enable or disable select
// analyzers (like -<analyzer> and -<analyzer>=false), report-tests is
// -report-tests, and each analyzer's options sit under its name with the
// names of its flags (-timeout.default-timeout above). Unknown keys and
// values the flag does not accept are errors that name the key.
//
// golangci-lint reports every finding under the linter name httpvet, so
// //nolint:httpvet silences them all; it prefixes the message with the
// analyzer's name and drops the diagnostic's category, which this plugin
// therefore appends to the message in brackets:
//
//	app.go:12:9: timeout: http.Get has no timeout [no-timeout] (httpvet)
//
// The analyzers' options are flags of the analyzers, which are package
// variables: New resets every option to its default before applying the
// settings, so the last plugin built decides them. golangci-lint builds one
// per run.
package plugin

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/httpvet/httpvet/analyzers/suite"
)

// Name is the plugin's name: the key under linters.settings.custom in
// .golangci.yml and the linter name in golangci-lint's output.
const Name = "httpvet"

func init() {
	register.Plugin(Name, New)
}

// Setting keys besides the analyzers' names.
const (
	keyEnable  = "enable"
	keyDisable = "disable"
)

// Settings are the plugin's settings, decoded from the settings block of
// linters.settings.custom.httpvet.
type Settings struct {
	// Enable, when not empty, runs only the named analyzers.
	Enable []string
	// Disable runs all analyzers but the named ones. Enable and Disable
	// cannot both be given.
	Disable []string
	// ReportTests, when set, is the value of the suite-wide report-tests
	// option: report findings in _test.go files too.
	ReportTests *string
	// Options holds each analyzer's options: analyzer name, then flag
	// name, then the value in the flag's own syntax (10s, 5, true).
	Options map[string]map[string]string
}

// UnmarshalJSON decodes the settings (register.DecodeSettings hands them
// over as JSON). Top-level keys are enable, disable, report-tests and the
// analyzers' names; an analyzer's keys are its flags' names. Any other key
// is an error naming it, and so is a value that is not a scalar (or, for
// an option, a list of scalars, which is joined with commas).
func (s *Settings) UnmarshalJSON(data []byte) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return nil
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return fmt.Errorf("settings must be a mapping of keys to values: %v", err)
	}
	analyzers := analyzersByName()
	for _, key := range sortedKeys(top) {
		raw := top[key]
		switch {
		case key == keyEnable || key == keyDisable:
			names, err := decodeNames(key, raw, analyzers)
			if err != nil {
				return err
			}
			if key == keyEnable {
				s.Enable = names
			} else {
				s.Disable = names
			}
		case key == suite.ReportTestsFlag().Name:
			v, err := scalar(key, raw)
			if err != nil {
				return err
			}
			s.ReportTests = &v
		case analyzers[key] != nil:
			opts, err := decodeOptions(analyzers[key], raw)
			if err != nil {
				return err
			}
			if s.Options == nil {
				s.Options = make(map[string]map[string]string)
			}
			s.Options[key] = opts
		default:
			return fmt.Errorf("%s: unknown setting (known: %s, %s, %s and the analyzers %s)",
				key, keyEnable, keyDisable, suite.ReportTestsFlag().Name, strings.Join(names(), ", "))
		}
	}
	return nil
}

// decodeNames decodes the list of analyzer names under key.
func decodeNames(key string, raw json.RawMessage, analyzers map[string]*analysis.Analyzer) ([]string, error) {
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("%s: want a list of analyzer names, got %s", key, raw)
	}
	for _, name := range list {
		if analyzers[name] == nil {
			return nil, fmt.Errorf("%s: unknown analyzer %q (known: %s)", key, name, strings.Join(names(), ", "))
		}
	}
	return list, nil
}

// decodeOptions decodes an analyzer's option mapping, checking each key
// against the analyzer's flags.
func decodeOptions(a *analysis.Analyzer, raw json.RawMessage) (map[string]string, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		return nil, fmt.Errorf("%s: want a mapping of %s's options to values, got %s", a.Name, a.Name, raw)
	}
	opts := make(map[string]string, len(m))
	for _, key := range sortedKeys(m) {
		f := lookupFlag(&a.Flags, key)
		if f == nil {
			var known []string
			a.Flags.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
			has := "it has no options"
			if len(known) > 0 {
				has = "known: " + strings.Join(known, ", ")
			}
			return nil, fmt.Errorf("%s.%s: unknown option of analyzer %s (%s)", a.Name, key, a.Name, has)
		}
		v, err := optionValue(a.Name+"."+f.Name, m[key])
		if err != nil {
			return nil, err
		}
		opts[f.Name] = v
	}
	return opts, nil
}

// lookupFlag finds a flag by name. golangci-lint's configuration loader
// lowercases keys, so a flag whose name has capitals is matched regardless
// of case.
func lookupFlag(fs *flag.FlagSet, name string) *flag.Flag {
	if f := fs.Lookup(name); f != nil {
		return f
	}
	var found *flag.Flag
	fs.VisitAll(func(f *flag.Flag) {
		if strings.EqualFold(f.Name, name) {
			found = f
		}
	})
	return found
}

// optionValue turns an option's JSON value into the flag's text: a
// scalar as written, a list of scalars joined with commas.
func optionValue(key string, raw json.RawMessage) (string, error) {
	if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(t, &list); err != nil {
			return "", fmt.Errorf("%s: %v", key, err)
		}
		parts := make([]string, len(list))
		for i, item := range list {
			v, err := scalar(key, item)
			if err != nil {
				return "", err
			}
			parts[i] = v
		}
		return strings.Join(parts, ","), nil
	}
	return scalar(key, raw)
}

// scalar returns the text of a JSON string, number or boolean.
func scalar(key string, raw json.RawMessage) (string, error) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return "", fmt.Errorf("%s: no value", key)
	}
	switch t[0] {
	case '"':
		var s string
		if err := json.Unmarshal(t, &s); err != nil {
			return "", fmt.Errorf("%s: %v", key, err)
		}
		return s, nil
	case '{', '[':
		return "", fmt.Errorf("%s: want a single value, got %s", key, t)
	case 'n':
		return "", fmt.Errorf("%s: no value", key)
	}
	return string(t), nil // a number or true/false, as written
}

// New builds the plugin from golangci-lint's settings for it. It is
// registered under Name.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("%s settings: %w", Name, err)
	}
	analyzers, err := s.selected()
	if err != nil {
		return nil, fmt.Errorf("%s settings: %w", Name, err)
	}
	if err := s.apply(); err != nil {
		return nil, fmt.Errorf("%s settings: %w", Name, err)
	}
	p := &Plugin{}
	for _, a := range analyzers {
		p.analyzers = append(p.analyzers, withCategory(a))
	}
	return p, nil
}

// selected returns the analyzers that Enable and Disable leave, in the
// suite's order.
func (s *Settings) selected() ([]*analysis.Analyzer, error) {
	if len(s.Enable) > 0 && len(s.Disable) > 0 {
		return nil, fmt.Errorf("%s, %s: give one of them, not both", keyEnable, keyDisable)
	}
	var out []*analysis.Analyzer
	for _, a := range suite.All() {
		if len(s.Enable) > 0 && !slices.Contains(s.Enable, a.Name) || slices.Contains(s.Disable, a.Name) {
			continue
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: leaves no analyzer to run (to run none, do not enable the linter)", keyDisable)
	}
	return out, nil
}

// apply resets every option of the suite to its default, then sets those
// the settings give. On error every option is back at its default.
func (s *Settings) apply() error {
	reset := func() error {
		var errs []error
		for _, f := range allFlags() {
			if err := f.Value.Set(f.DefValue); err != nil {
				errs = append(errs, fmt.Errorf("resetting %s: %v", f.Name, err))
			}
		}
		return errors.Join(errs...)
	}
	if err := reset(); err != nil {
		return err
	}
	set := func(key string, f *flag.Flag, v string) error {
		if err := f.Value.Set(v); err != nil {
			reset()
			return fmt.Errorf("%s: invalid value %q: %v%s", key, v, err, want(f))
		}
		return nil
	}
	if s.ReportTests != nil {
		f := suite.ReportTestsFlag()
		if err := set(f.Name, f, *s.ReportTests); err != nil {
			return err
		}
	}
	analyzers := analyzersByName()
	for _, name := range sortedKeys(s.Options) {
		a := analyzers[name]
		if a == nil {
			reset()
			return fmt.Errorf("%s: unknown analyzer (known: %s)", name, strings.Join(names(), ", "))
		}
		opts := s.Options[name]
		for _, key := range sortedKeys(opts) {
			f := lookupFlag(&a.Flags, key)
			if f == nil {
				reset()
				return fmt.Errorf("%s.%s: unknown option of analyzer %s", name, key, name)
			}
			if err := set(name+"."+f.Name, f, opts[key]); err != nil {
				return err
			}
		}
	}
	return nil
}

// want says what kind of value a standard flag takes, for error messages.
func want(f *flag.Flag) string {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return ""
	}
	switch g.Get().(type) {
	case time.Duration:
		return " (want a duration with its unit, such as 10s or 1m30s)"
	case bool:
		return " (want true or false)"
	case int, int64, uint, uint64:
		return " (want an integer)"
	case float64:
		return " (want a number)"
	}
	return ""
}

// Plugin is the httpvet golangci-lint plugin: the analyzers its settings
// selected.
type Plugin struct {
	analyzers []*analysis.Analyzer
}

// BuildAnalyzers returns the selected analyzers.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return p.analyzers, nil
}

// GetLoadMode returns typesinfo: the analyzers need type information.
func (p *Plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}

// withCategory returns a copy of a whose diagnostics carry their category
// at the end of the message, "[no-timeout]": golangci-lint keeps only the
// message, and the category is what a user excludes or looks up by. The
// copy has a's name, requirements and fact types, so facts and results
// flow as they do for a.
func withCategory(a *analysis.Analyzer) *analysis.Analyzer {
	w := *a
	run := a.Run
	w.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			if d.Category != "" {
				d.Message += " [" + d.Category + "]"
			}
			pass.Report(d)
		}
		return run(&p)
	}
	return &w
}

// allFlags returns the suite's options: report-tests and every analyzer's flags.
func allFlags() []*flag.Flag {
	fs := []*flag.Flag{suite.ReportTestsFlag()}
	for _, a := range suite.All() {
		a.Flags.VisitAll(func(f *flag.Flag) { fs = append(fs, f) })
	}
	return fs
}

func analyzersByName() map[string]*analysis.Analyzer {
	m := make(map[string]*analysis.Analyzer)
	for _, a := range suite.All() {
		m[a.Name] = a
	}
	return m
}

func names() []string {
	var ns []string
	for _, a := range suite.All() {
		ns = append(ns, a.Name)
	}
	return ns
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
