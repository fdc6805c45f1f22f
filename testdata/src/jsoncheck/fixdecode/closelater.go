package fixdecode

import (
	"encoding/json"
	"net/http"
)

// The body is closed after the decode without a defer: a return inserted
// after the decode would skip the close and keep the connection busy, so
// the finding comes without a fix.
func closedAfter(c *http.Client, url string) (Item, error) { // want closedAfter:`returns`
	resp, err := c.Get(url)
	if err != nil {
		return Item{}, err
	}
	var it Item
	json.NewDecoder(resp.Body).Decode(&it) // want `error returned by \(\*json\.Decoder\)\.Decode is not checked`
	resp.Body.Close()
	return it, nil
}
