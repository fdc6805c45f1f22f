// Package fix holds a client without a Timeout; httpvet's quick fix
// adds one.
package fix

import (
	"fmt"
	"io"
	"net/http"
)

var api = &http.Client{
	Transport: http.DefaultTransport,
}

// Users reads the list of users.
func Users() ([]byte, error) {
	resp, err := api.Get("https://api.example.com/users")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("users: %s", resp.Status)
	}
	return io.ReadAll(resp.Body)
}
