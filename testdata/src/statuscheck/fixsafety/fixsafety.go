// Package fixsafety holds findings that are right but whose fixes would
// change what the program does: they are reported without a fix.
package fixsafety

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"statuscheck/restlib"
)

// Stage is a deployment stage; its zero value is a real stage, not "none".
type Stage int

const (
	StageReady Stage = iota
	StageRolling
	StageFailed
)

// A zero Stage returned with the guard's error would read as "ready" to a
// caller that looks at the stage first.
func currentStage(c *http.Client, req *http.Request) (Stage, error) {
	resp, err := c.Do(req)
	if err != nil {
		return StageFailed, fmt.Errorf("stage: %w", err)
	}
	defer resp.Body.Close()
	var st struct{ Stage Stage }
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil { // want `body of the response from \(\*http\.Client\)\.Do is read without checking resp\.StatusCode`
		return StageFailed, err
	}
	return st.Stage, nil
}

func stageNoErrCheck(url string) (Stage, error) {
	resp, _ := http.Get(url) // want `error returned by http.Get is not checked`
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return StageFailed, nil
	}
	return StageRolling, nil
}

// The caller falls back to the cached copy it gets back with the error.
func refresh(c *http.Client, req *http.Request, cached []byte) ([]byte, error) {
	resp, err := c.Do(req)
	if err != nil {
		return cached, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body) // want `body of the response from \(\*http\.Client\)\.Do is read`
}

type Record struct {
	ID string `json:"id"`
}

// serviceError is the error document the service sends with an error status.
type serviceError struct {
	Message string `json:"message"`
}

func (e *serviceError) Error() string { return "service: " + e.Message }

// The function reads error bodies on purpose: a status guard would replace
// the service's own message with a generic one.
func lookup(c *http.Client, req *http.Request) (*Record, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body) // want `body of the response from \(\*http\.Client\)\.Do is read`
	if err != nil {
		return nil, err
	}
	var rec Record
	if err := json.Unmarshal(data, &rec); err != nil {
		var se serviceError
		if json.Unmarshal(data, &se) == nil {
			return nil, &se
		}
		return nil, err
	}
	return &rec, nil
}

// restlib returns the response with an error for a 404; the code expects
// the 404, and returning on the error would abort on it.
func exists(url string) (bool, error) {
	resp, _ := restlib.Fetch(url) // want `error returned by restlib.Fetch is not checked`
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return false, nil
	}
	return true, nil
}
