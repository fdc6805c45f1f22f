package basic // want package:`nullable\(\) checked\(Owner\.Login Repo\.Name Repo\.Owner SocialLinks\.Homepage SocialUser\.Bio SocialUser\.Links SocialUser\.Name\)`

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
)

// ---- sources: readers and bytes of a body ----

func viaReadAll(resp *http.Response) string {
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return ""
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		return ""
	}
	return v["id"].(string) // want `unchecked type assertion v\["id"\]\.\(string\)`
}

func viaWrappedReader(resp *http.Response) float64 {
	r := bufio.NewReader(io.LimitReader(resp.Body, 1<<20))
	dec := json.NewDecoder(r)
	var v []any
	if err := dec.Decode(&v); err != nil {
		return 0
	}
	first := v[0]
	return first.(map[string]any)["n"].(float64) // want `first\.\(map\[string\]any\) on` `first\.\(map\[string\]any\)\["n"\]\.\(float64\)`
}

func viaBuffer(resp *http.Response) bool {
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, resp.Body); err != nil {
		return false
	}
	var v any
	if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
		return false
	}
	return v.(bool) // want `unchecked type assertion v\.\(bool\)`
}

func rangeOver(resp *http.Response) []string {
	var items []any
	if err := json.NewDecoder(resp.Body).Decode(&items); err != nil {
		return nil
	}
	var names []string
	for _, it := range items {
		m := it.(map[string]any)                  // want `unchecked type assertion it\.\(map\[string\]any\)`
		names = append(names, m["name"].(string)) // want `unchecked type assertion m\["name"\]`
	}
	return names
}

// ---- negatives ----

// guardedByEarlierCommaOk asserts the same expression after a comma-ok test.
func guardedByEarlierCommaOk(resp *http.Response) string {
	var v map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return ""
	}
	if _, ok := v["name"].(string); !ok {
		return ""
	}
	return v["name"].(string)
}

// typeSwitchGuard asserts inside a switch over the same expression.
func typeSwitchGuard(resp *http.Response) string {
	var v map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return ""
	}
	switch v["name"].(type) {
	case string:
		return v["name"].(string)
	}
	return ""
}

// typeSwitchVar: the clause variable of a switch over JSON is JSON too.
func typeSwitchVar(resp *http.Response) string {
	var v any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return ""
	}
	switch t := v.(type) {
	case map[string]any:
		return t["name"].(string) // want `unchecked type assertion t\["name"\]`
	}
	return ""
}

// configFile decodes a local file, not a response: out of scope.
func configFile(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	var v map[string]any
	json.NewDecoder(f).Decode(&v)
	return v["name"].(string)
}

// fromLiteral decodes a constant: out of scope.
func fromLiteral() string {
	var v map[string]any
	json.Unmarshal([]byte(`{"a":"b"}`), &v)
	return v["a"].(string)
}

// requestBody: an inbound request's body is not a response.
func requestBody(w http.ResponseWriter, r *http.Request) {
	var v map[string]any
	json.NewDecoder(r.Body).Decode(&v)
	w.Write([]byte(v["a"].(string)))
}

// typedAssertion: asserting a non-interface-typed value is impossible, and
// a non-empty interface never comes from JSON.
type Named interface{ Name() string }

func nonEmptyInterface(resp *http.Response, n Named) string {
	var v struct {
		Kind string `json:"kind"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return ""
	}
	s := n.(interface{ String() string })
	return s.String() + v.Kind
}

// destinationOfOwnType: asserting the Go type of a destination pointer is
// not a question about the JSON.
func destinationOfOwnType(resp *http.Response, dst any) error { // want destinationOfOwnType:`into\(resp->1\)`
	if err := json.NewDecoder(resp.Body).Decode(dst); err != nil {
		return err
	}
	p := dst.(*SocialUser)
	_ = p
	return nil
}

// ---- nil-deref details ----

type Repo struct {
	Name  *string `json:"name"`
	Owner *Owner  `json:"owner"`
	Stars int     `json:"stars"`
	Plain Owner   `json:"plain"`
}

type Owner struct {
	Login *string `json:"login"`
	ID    int     `json:"id"`
}

func (o Owner) String() string { return "owner" }
func (o *Owner) GetLogin() string {
	if o == nil || o.Login == nil {
		return ""
	}
	return *o.Login
}

func (r *Repo) GetOwner() *Owner {
	if r == nil {
		return nil
	}
	return r.Owner
}

func (r *Repo) Validate() error { return nil }

func derefs(resp *http.Response) string {
	var repos []Repo
	if err := json.NewDecoder(resp.Body).Decode(&repos); err != nil {
		return ""
	}
	out := ""
	for _, r := range repos {
		out += *r.Name            // want `\*r\.Name dereferences pointer field r\.Name`
		out += r.Owner.String()   // want `r\.Owner\.String dereferences pointer field r\.Owner`
		out += r.Plain.GetLogin() // accessor with a pointer receiver: not a dereference
		_ = r.Stars
	}
	return out
}

func earlyReturn(resp *http.Response) string {
	var r Repo
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return ""
	}
	if r.Owner == nil || r.Owner.Login == nil {
		return ""
	}
	return *r.Owner.Login
}

func getterChecked(resp *http.Response) int {
	r := new(Repo)
	if err := json.NewDecoder(resp.Body).Decode(r); err != nil {
		return 0
	}
	if r.GetOwner() == nil {
		return 0
	}
	return r.Owner.ID
}

func validated(resp *http.Response) string {
	r := new(Repo)
	if err := json.NewDecoder(resp.Body).Decode(r); err != nil {
		return ""
	}
	if err := r.Validate(); err != nil {
		return ""
	}
	return *r.Name
}

func defaulted(resp *http.Response) string {
	var r Repo
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return ""
	}
	if r.Name == nil {
		empty := ""
		r.Name = &empty
	}
	return *r.Name
}

// selfDecoding types check their own fields in UnmarshalJSON.
type Strict struct {
	Name *string `json:"name"`
}

func (s *Strict) UnmarshalJSON(b []byte) error { return nil }

func selfDecoding(resp *http.Response) string {
	var s Strict
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		return ""
	}
	return *s.Name
}

// passedOn: the struct is handed to another function, which is not followed.
func passedOn(resp *http.Response) string {
	var r Repo
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return ""
	}
	return render(&r)
}

func render(r *Repo) string { return *r.Name }

// ---- ignored-error ----

func ignoredExpr(resp *http.Response) int {
	var r Repo
	json.NewDecoder(resp.Body).Decode(&r) // want `error returned by \(\*json\.Decoder\)\.Decode is not checked: a malformed or truncated response body leaves zero values`
	return r.Stars
}

func ignoredBlank(resp *http.Response) int {
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0
	}
	var r Repo
	_ = json.Unmarshal(b, &r) // want `error returned by json\.Unmarshal is not checked`
	return r.Stars
}

func ignoredUnread(resp *http.Response) int {
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0
	}
	var r Repo
	err = json.Unmarshal(b, &r) // want `error returned by json\.Unmarshal is not checked`
	return r.Stars
}

func ignoredUnused(resp *http.Response) {
	var r Repo
	json.NewDecoder(resp.Body).Decode(&r) // the destination is never used: nothing wrong is trusted
}

func errorReturned(resp *http.Response) (Repo, error) { // want errorReturned:`returns\(resp->0\)`
	var r Repo
	err := json.NewDecoder(resp.Body).Decode(&r)
	return r, err
}

func errorReadLater(resp *http.Response) int {
	var r Repo
	err := json.NewDecoder(resp.Body).Decode(&r)
	if err != nil {
		return -1
	}
	return r.Stars
}

// ---- helpers known by fact in this package ----

// getJSON decodes a response into v: callers' destinations are response data.
func getJSON(c *http.Client, url string, v any) error { // want getJSON:`into\(resp!->2\)`
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

// decodeFrom decodes any reader: what it reads decides.
func decodeFrom(r io.Reader, v any) error { // want decodeFrom:`into\(param0->1\)`
	return json.NewDecoder(r).Decode(v)
}

// readBody returns the raw body.
func readBody(resp *http.Response) ([]byte, error) { // want readBody:`raw\(resp->0\)`
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// fetch is generic and returns decoded data.
func fetch[T any](c *http.Client, url string) (T, error) { // want fetch:`returns\(resp!->0\)`
	var v T
	resp, err := c.Get(url)
	if err != nil {
		return v, err
	}
	defer resp.Body.Close()
	err = json.NewDecoder(resp.Body).Decode(&v)
	return v, err
}

func useHelpers(c *http.Client, resp *http.Response, f *os.File) string {
	var a map[string]any
	if err := getJSON(c, "https://x.example", &a); err != nil {
		return ""
	}
	s := a["a"].(string) // want `unchecked type assertion a\["a"\]`

	var b map[string]any
	if err := decodeFrom(resp.Body, &b); err != nil {
		return ""
	}
	s += b["b"].(string) // want `unchecked type assertion b\["b"\]`

	var fromFile map[string]any
	if err := decodeFrom(f, &fromFile); err != nil {
		return ""
	}
	s += fromFile["c"].(string) // a file: not a response

	raw, err := readBody(resp)
	if err != nil {
		return ""
	}
	var d map[string]any
	if err := json.Unmarshal(raw, &d); err != nil {
		return ""
	}
	s += d["d"].(string) // want `unchecked type assertion d\["d"\]`

	m, err := fetch[map[string]any](c, "https://x.example")
	if err != nil {
		return ""
	}
	s += m["e"].(string) // want `unchecked type assertion m\["e"\]`

	r, err := fetch[Repo](c, "https://x.example")
	if err != nil {
		return ""
	}
	return s + *r.Name // want `\*r\.Name dereferences pointer field r\.Name`
}

// generic destination: a type parameter is not an untyped value.
func genericDest[T any](resp *http.Response) T { // want genericDest:`returns\(resp->0\)`
	var v T
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return v
	}
	return v
}

func genericAssert[T any](resp *http.Response) T { // want genericAssert:`returns\(resp->0\)`
	var v any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		var zero T
		return zero
	}
	return v.(T) // want `unchecked type assertion v\.\(T\)`
}

// optionalExtras decodes bytes already decoded with a checked error: the
// second decode collects optional extras (golang.org/x/oauth2 regression).
func optionalExtras(resp *http.Response) (map[string]any, int) { // want optionalExtras:`returns\(resp->0\)`
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, 0
	}
	var r Repo
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, 0
	}
	raw := make(map[string]any)
	json.Unmarshal(body, &raw) // no error check for optional fields
	return raw, r.Stars
}

// repeated dereferences of one field are reported once per function
// (slack-go regression: prefs.UserPrefs used three times).
type Carrier struct {
	Prefs *Prefs `json:"prefs"`
}

type Prefs struct {
	Muted string `json:"muted"`
}

func repeated(resp *http.Response) string {
	var c Carrier
	if err := json.NewDecoder(resp.Body).Decode(&c); err != nil {
		return ""
	}
	first := c.Prefs.Muted // want `c\.Prefs\.Muted dereferences pointer field c\.Prefs`
	return first + "," + c.Prefs.Muted
}
