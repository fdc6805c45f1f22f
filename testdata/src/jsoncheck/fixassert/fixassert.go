// Package fixassert exercises the "Check the type assertion" fix.
package fixassert

import (
	"encoding/json"
	"net/http"
	"time"
)

func decode(resp *http.Response) (map[string]any, error) { // want decode:`returns\(resp->0\)`
	var v map[string]any
	err := json.NewDecoder(resp.Body).Decode(&v)
	return v, err
}

func define(resp *http.Response) (string, time.Duration, error) {
	v, err := decode(resp)
	if err != nil {
		return "", 0, err
	}
	name := v["name"].(string) // want `unchecked type assertion v\["name"\]`
	return name, 0, nil
}

func assignSameScope(resp *http.Response) (float64, error) {
	v, err := decode(resp)
	if err != nil {
		return 0, err
	}
	var n float64
	n = v["n"].(float64) // want `unchecked type assertion v\["n"\]`
	return n, nil
}

func assignOuterScope(resp *http.Response, debug bool) (*float64, error) {
	v, err := decode(resp)
	if err != nil {
		return nil, err
	}
	var n float64
	if debug {
		n = v["n"].(float64) // want `unchecked type assertion v\["n"\]`
	}
	return &n, nil
}

func okTaken(resp *http.Response) ([]any, error) { // want okTaken:`returns\(resp->0\)`
	v, err := decode(resp)
	ok := err == nil
	if !ok {
		return nil, err
	}
	items := v["items"].([]any) // want `unchecked type assertion v\["items"\]`
	return items, nil
}

func chain(resp *http.Response) (string, error) {
	v, err := decode(resp)
	if err != nil {
		return "", err
	}
	home := v["links"].(map[string]any)["homepage"].(string) // want `v\["links"\]\.\(map\[string\]any\)\["homepage"\]\.\(string\)` `unchecked type assertion v\["links"\]\.\(map\[string\]any\) on`
	return home, nil
}

func noErrorResult(resp *http.Response) string {
	v, _ := decode(resp)
	s := v["s"].(string) // want `unchecked type assertion v\["s"\]`
	return s
}
