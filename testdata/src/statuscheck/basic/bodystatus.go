package basic

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
)

// A chat API that answers 200 to everything and says in the body whether
// the call worked: {"ok": false, "error": "channel_not_found"}.
type postReply struct {
	OK      bool   `json:"ok"`
	Error   string `json:"error"`
	Channel string `json:"channel"`
}

type envelope struct {
	Meta struct {
		Code   int    `json:"code"`
		Reason string `json:"reason"`
	} `json:"meta"`
	Items []string `json:"items"`
}

type apiFault struct {
	Message string `json:"message"`
}

type faultReply struct {
	Fault *apiFault `json:"fault"`
	Count int       `json:"count"`
}

// Negatives: a status field of the decoded value is tested, and the
// function leaves on failure, before the data is used.

func okFlag(c *http.Client, req *http.Request) (string, error) {
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var r postReply
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return "", err
	}
	if !r.OK {
		return "", errors.New("chat: " + r.Error)
	}
	return r.Channel, nil
}

func nestedCode(url string) ([]string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var e envelope
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, err
	}
	if e.Meta.Code != 0 {
		return nil, errors.New(e.Meta.Reason)
	}
	return e.Items, nil
}

func faultPointer(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	r := new(faultReply)
	dec := json.NewDecoder(resp.Body)
	if err := dec.Decode(r); err != nil {
		return 0
	}
	if r.Fault != nil {
		panic(r.Fault.Message)
	}
	return r.Count
}

func decodeAndTestTogether(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var r postReply
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || !r.OK {
		return "", errors.New("chat call failed")
	}
	return r.Channel, nil
}

// A health endpoint that names its state in the body: every state the
// switch does not list ends in the default clause's error return.
type health struct {
	State string `json:"state"`
}

func stateSwitch(c *http.Client, req *http.Request) (bool, error) {
	resp, err := c.Do(req)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return false, err
	}
	var h health
	if err := json.Unmarshal(data, &h); err != nil {
		return false, err
	}
	switch h.State {
	case "up":
		return true, nil
	case "starting":
		return false, nil
	default:
		return false, errors.New("unhealthy: " + string(data))
	}
}

// Positives: no status check of the response, and the body's status is
// not examined before the data is used (or not in a way that leaves).

func flagOnlyLogged(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var r postReply
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil { // want `body of the response from http.Get is read without checking resp.StatusCode`
		return "", err
	}
	if !r.OK {
		log.Print(r.Error) // noted, and the data is used anyway
	}
	return r.Channel, nil
}

func dataBeforeFlag(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var r postReply
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil { // want `body of the response from http.Get is read`
		return "", err
	}
	log.Print(r.Channel)
	if !r.OK {
		return "", errors.New(r.Error)
	}
	return r.Channel, nil
}

func onlyItemsCounted(url string) ([]string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var e envelope
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil { // want `body of the response from http.Get is read`
		return nil, err
	}
	if len(e.Items) == 0 { // the data itself, not a status
		return nil, errors.New("no items")
	}
	return e.Items, nil
}

// Bodies copied into a buffer whose data leaves the function.

func bytesThroughVariable(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, resp.Body); err != nil { // want `body of the response from http.Get is read`
		return nil, err
	}
	page := buf.Bytes()
	return page, nil
}

func readFromBuffer(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	buf := new(bytes.Buffer)
	if _, err := buf.ReadFrom(resp.Body); err != nil { // want `body of the response from http.Get is read`
		return "", err
	}
	return buf.String(), nil
}

// Negative: only the size of the copy leaves the function.
func sizeOnly(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, resp.Body); err != nil {
		return 0, err
	}
	n := buf.Len()
	return n, nil
}

// The switch has no default: an unlisted state falls through to the data.
func stateSwitchNoDefault(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var h health
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil { // want `body of the response from http.Get is read`
		return "", err
	}
	switch h.State {
	case "down":
		return "", errors.New("down")
	}
	return h.State, nil
}
