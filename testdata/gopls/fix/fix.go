// Package fix holds a client without a Timeout; httpvet's quick fix
// adds one.
package fix

import "net/http"

var api = &http.Client{
	Transport: http.DefaultTransport,
}

// Users lists the users.
func Users() (*http.Response, error) {
	return api.Get("https://api.example.com/users")
}
