package basic

import (
	"fmt"
	"log"
	"net/http"
	"net/url"
)

// subscribe signs an address up to a mailing list; it takes no context.
func subscribe(email string) error {
	resp, err := http.PostForm("http://lists.internal/join", url.Values{"email": {email}})
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Register finishes whatever the sign-up does: its failure is only
// logged, the answer is the same either way, so the dropped context
// changes nothing the client sees.
func Register(w http.ResponseWriter, r *http.Request) {
	if err := subscribe(r.FormValue("email")); err != nil { // error only noted: not reported
		log.Printf("newsletter: %v", err)
	}
	fmt.Fprintln(w, "welcome")
}

// RegisterStrict answers with the sign-up's failure: the client waits on
// it, and its disconnect should end it.
func RegisterStrict(w http.ResponseWriter, r *http.Request) {
	if err := subscribe(r.FormValue("email")); err != nil { // want `subscribe sends a request without a context, dropping r.Context\(\)`
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
	fmt.Fprintln(w, "welcome")
}
