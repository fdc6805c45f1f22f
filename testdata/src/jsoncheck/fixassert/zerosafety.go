package fixassert

import (
	"fmt"
	"net/http"
)

// Phase is an enum whose zero value is a real answer: a fix returning the
// zero value with the error would report "ready".
type Phase int

const (
	PhaseReady Phase = iota
	PhaseBuilding
)

func phase(resp *http.Response) (Phase, error) {
	v, err := decode(resp)
	if err != nil {
		return PhaseBuilding, err
	}
	s := v["phase"].(string) // want `unchecked type assertion v\["phase"\]`
	if s == "building" {
		return PhaseBuilding, nil
	}
	return PhaseReady, nil
}

// partial hands back what it has alongside an error: its callers read the
// results on failure too, so a zero-value return would lose them.
func partial(resp *http.Response, seen []string) ([]string, error) {
	v, err := decode(resp)
	if err != nil {
		return seen, fmt.Errorf("decode: %w", err)
	}
	name := v["name"].(string) // want `unchecked type assertion v\["name"\]`
	return append(seen, name), nil
}
