// Package widen is checked with -all-decodes: every encoding/json decode
// counts, whatever its source.
package widen

import (
	"encoding/json"
	"os"
)

type Config struct {
	Name *string `json:"name"`
}

func fromFile(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var v map[string]any
	json.Unmarshal(b, &v)     // want `error returned by json\.Unmarshal is not checked`
	return v["name"].(string) // want `unchecked type assertion v\["name"\]`
}

func typed(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	var c Config
	if err := json.NewDecoder(f).Decode(&c); err != nil {
		return ""
	}
	return *c.Name // want `\*c\.Name dereferences pointer field c\.Name`
}

// built by the program: still not decoded, still silent.
func built() string {
	n := "x"
	c := Config{Name: &n}
	return *c.Name
}
