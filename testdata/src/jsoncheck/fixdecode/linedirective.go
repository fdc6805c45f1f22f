// Package fixdecode: this file's //line directives renumber its own lines,
// as generators that keep the file name do: fixes must be placed by
// the file's own offsets, not by the remapped lines.
package fixdecode

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

func rendered(resp *http.Response) (string, error) {
//line linedirective.go:105
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", fmt.Errorf("read: %w", err)
	}
	var v map[string]any
	json.Unmarshal(b, &v) // want `error returned by json\.Unmarshal is not checked`
//line linedirective.go:3
	name := v["name"].(string) // want `unchecked type assertion v\["name"\]\.\(string\)`
	return name, nil
}
