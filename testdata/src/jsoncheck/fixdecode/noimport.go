package fixdecode

import (
	"encoding/json"
	"net/http"
)

func noFmt(resp *http.Response) ([]Item, error) { // want noFmt:`returns\(resp->0\)`
	var items []Item
	json.NewDecoder(resp.Body).Decode(&items) // want `error returned by \(\*json\.Decoder\)\.Decode is not checked`
	return items, nil
}
