package driver

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// The SARIF 2.1.0 log, as much of it as httpvet fills in. Field names and
// nesting follow the OASIS standard; a test validates the output against
// its JSON schema.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                   `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResult               `json:"results"`
		Invocations        []sarifInvocation           `json:"invocations"`
		ColumnKind         string                      `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string            `json:"id"`
		ShortDescription     sarifText         `json:"shortDescription"`
		FullDescription      sarifText         `json:"fullDescription"`
		HelpURI              string            `json:"helpUri"`
		DefaultConfiguration sarifConfig       `json:"defaultConfiguration"`
		Properties           sarifRuleProperty `json:"properties"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifRuleProperty struct {
		Analyzer string   `json:"analyzer"`
		Category string   `json:"category"`
		HasFix   bool     `json:"hasFix"`
		Tags     []string `json:"tags"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifText       `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		Fixes            []sarifFix      `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               *int          `json:"id,omitempty"`
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
		Message          *sarifText    `json:"message,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           sarifRegion      `json:"region"`
	}
	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine,omitempty"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
		// Byte offsets, for the replacements of fixes: Go's edits are
		// byte ranges.
		ByteOffset *int `json:"byteOffset,omitempty"`
		ByteLength *int `json:"byteLength,omitempty"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent *sarifText  `json:"insertedContent,omitempty"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool                `json:"executionSuccessful"`
		Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level   string    `json:"level"`
		Message sarifText `json:"message"`
	}
)

// srcRoot is the base of relative artifact URIs: the directory httpvet
// runs in, as GitHub code scanning expects of a checkout's root.
const srcRoot = "%SRCROOT%"

// writeSARIF prints a SARIF 2.1.0 log of one run: a rule per category of
// each analyzer run, a result per finding.
func writeSARIF(w io.Writer, analyzers []*analysis.Analyzer, findings []*finding, broken map[*packages.Package]bool, initial []*packages.Package) error {
	wd, _ := os.Getwd()
	files := &sourceCache{m: map[string][]byte{}}
	driver := sarifDriver{Name: "httpvet", Version: version(), InformationURI: "https://github.com/httpvet/httpvet", Rules: []sarifRule{}}
	ruleIndex := map[string]int{}
	addRule := func(a *analysis.Analyzer, c Category) int {
		if i, ok := ruleIndex[c.ID()]; ok {
			return i
		}
		ruleIndex[c.ID()] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   c.ID(),
			ShortDescription:     sarifText{c.Summary},
			FullDescription:      sarifText{fullDescription(a, c)},
			HelpURI:              c.URL,
			DefaultConfiguration: sarifConfig{Level: "warning"},
			Properties:           sarifRuleProperty{Analyzer: a.Name, Category: c.Name, HasFix: c.HasFix, Tags: []string{"httpvet", a.Name}},
		})
		return ruleIndex[c.ID()]
	}
	for _, a := range analyzers {
		for _, c := range Categories(a) {
			addRule(a, c)
		}
	}
	artifact := func(filename string) sarifArtifactLoc {
		if rel, err := filepath.Rel(wd, filename); err == nil && wd != "" && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel) {
			return sarifArtifactLoc{URI: (&url.URL{Path: filepath.ToSlash(rel)}).String(), URIBaseID: srcRoot}
		}
		return sarifArtifactLoc{URI: fileURI(filename)}
	}
	location := func(fset *token.FileSet, pos, end token.Pos) sarifPhysical {
		p, e := fset.Position(pos), fset.Position(cmp.Or(end, pos))
		return sarifPhysical{
			ArtifactLocation: artifact(p.Filename),
			Region: sarifRegion{
				StartLine:   p.Line,
				StartColumn: files.utf16Column(p),
				EndLine:     e.Line,
				EndColumn:   files.utf16Column(e),
			},
		}
	}
	results := []sarifResult{}
	for _, f := range findings {
		r := sarifResult{
			RuleID:    f.category.ID(),
			RuleIndex: addRule(f.analyzer, f.category),
			Level:     "warning",
			Message:   sarifText{f.diag.Message},
			Locations: []sarifLocation{{PhysicalLocation: location(f.fset, f.diag.Pos, f.diag.End)}},
		}
		for i, rel := range f.diag.Related {
			id := i + 1
			r.RelatedLocations = append(r.RelatedLocations, sarifLocation{
				ID:               &id,
				PhysicalLocation: location(f.fset, rel.Pos, rel.End),
				Message:          &sarifText{rel.Message},
			})
		}
		for _, fix := range f.diag.SuggestedFixes {
			sf := sarifFix{Description: sarifText{fix.Message}}
			byFile := map[string]int{}
			for _, e := range fix.TextEdits {
				start, end := f.fset.Position(e.Pos), f.fset.Position(cmp.Or(e.End, e.Pos))
				off, n := start.Offset, end.Offset-start.Offset
				rep := sarifReplacement{DeletedRegion: sarifRegion{ByteOffset: &off, ByteLength: &n}}
				if len(e.NewText) > 0 {
					rep.InsertedContent = &sarifText{string(e.NewText)}
				}
				i, ok := byFile[start.Filename]
				if !ok {
					i = len(sf.ArtifactChanges)
					byFile[start.Filename] = i
					sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactChange{ArtifactLocation: artifact(start.Filename)})
				}
				sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, rep)
			}
			if len(sf.ArtifactChanges) > 0 {
				r.Fixes = append(r.Fixes, sf)
			}
		}
		results = append(results, r)
	}
	inv := sarifInvocation{ExecutionSuccessful: len(broken) == 0}
	printed := map[string]bool{}
	packages.Visit(initial, nil, func(p *packages.Package) {
		if len(p.Errors) > 0 {
			line := strings.TrimPrefix(errorLine(p), "httpvet: ")
			if !printed[line] {
				printed[line] = true
				inv.Notifications = append(inv.Notifications, sarifNotification{Level: "error", Message: sarifText{line}})
			}
		}
	})
	run := sarifRun{
		Tool:        sarifTool{Driver: driver},
		Results:     results,
		Invocations: []sarifInvocation{inv},
		ColumnKind:  "utf16CodeUnits",
	}
	if wd != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: fileURI(wd) + "/"}}
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	}
	data, err := json.MarshalIndent(log, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// fullDescription is a rule's full description: the category's summary,
// then the analyzer's documentation up to its first blank line after the
// summary paragraph.
func fullDescription(a *analysis.Analyzer, c Category) string {
	text := c.Summary + "."
	if c.Name == DirectiveCategory {
		return text + " A //httpvet:ignore directive must say, after the analyzers it names, why the finding does not apply; one without a reason is itself reported and silences nothing."
	}
	paras := strings.Split(a.Doc, "\n\n")
	if len(paras) > 1 {
		text += " " + strings.Join(strings.Fields(paras[1]), " ")
	}
	return text
}

// fileURI returns the file: URI of an absolute path.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// sourceCache holds the files whose columns are converted.
type sourceCache struct{ m map[string][]byte }

// utf16Column converts a position's byte column to the UTF-16 code units
// SARIF counts by default.
func (s *sourceCache) utf16Column(p token.Position) int {
	if p.Column == 0 {
		return 0
	}
	data, ok := s.m[p.Filename]
	if !ok {
		data, _ = os.ReadFile(p.Filename)
		s.m[p.Filename] = data
	}
	start := p.Offset - (p.Column - 1)
	if start < 0 || p.Offset > len(data) {
		return p.Column
	}
	prefix := data[start:p.Offset]
	n := 0
	for len(prefix) > 0 {
		r, size := utf8.DecodeRune(prefix)
		prefix = prefix[size:]
		n += len(utf16.Encode([]rune{r}))
	}
	return n + 1
}
