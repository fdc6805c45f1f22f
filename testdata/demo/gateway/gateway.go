// Package gateway forwards a user's request to the accounts service. It
// drops the inbound request's context: when the user gives up, the
// upstream call runs on.
package gateway

import (
	"context"
	"io"
	"net/http"
)

// Accounts is the gateway's handler for /accounts/{id}.
func Accounts(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet,
		"http://accounts.internal/v1/accounts/"+r.PathValue("id"), nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}
