// Package fixdecode: this file imitates a template compiler's output,
// whose //line directives point at the template: fixes must be placed by
// the file's own offsets, not by the remapped lines.
package fixdecode

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

func rendered(resp *http.Response) (string, error) {
//line views/item.tmpl:105
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", fmt.Errorf("read: %w", err)
	}
	var v map[string]any
	json.Unmarshal(b, &v) // want `error returned by json\.Unmarshal is not checked`
//line views/item.tmpl:3
	name := v["name"].(string) // want `unchecked type assertion v\["name"\]\.\(string\)`
	return name, nil
}
