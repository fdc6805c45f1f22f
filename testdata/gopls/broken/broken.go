// Package broken does not type-check, like code in the middle of an edit.
// gopls must still report the type error; the httpvet analyzers, which do
// not ask to run on ill-typed code, must not get in the way.
package broken

import "net/http"

func Fetch(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return "failed"
	}
	defer resp.Body.Close()
	return resp.StatusCode
}
