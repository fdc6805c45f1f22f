package fixstatus

import (
	"encoding/json"
	"net/http"
)

type Balance struct {
	Cents int64 `json:"cents"`
}

func fetchBalance(c *http.Client, req *http.Request) (*Balance, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var b Balance
	if err := json.NewDecoder(resp.Body).Decode(&b); err != nil { // want `body of the response from \(\*http\.Client\)\.Do is read`
		return nil, err
	}
	return &b, nil
}
