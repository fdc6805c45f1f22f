// Package fixdecode exercises the "Check the decode error" fix.
package fixdecode

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

type Item struct {
	ID   string `json:"id"`
	Size int    `json:"size"`
}

func exprStmt(resp *http.Response) (Item, error) { // want exprStmt:`returns\(resp->0\)`
	var it Item
	json.NewDecoder(resp.Body).Decode(&it) // want `error returned by \(\*json\.Decoder\)\.Decode is not checked`
	return it, nil
}

func blank(resp *http.Response) (*Item, int, error) { // want blank:`returns\(resp->\*0\)`
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, 0, fmt.Errorf("read: %w", err)
	}
	var it Item
	_ = json.Unmarshal(b, &it) // want `error returned by json\.Unmarshal is not checked`
	return &it, len(b), nil
}

func assigned(resp *http.Response) (Item, error) { // want assigned:`returns\(resp->0\)`
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return Item{}, err
	}
	var it Item
	err = json.Unmarshal(b, &it) // want `error returned by json\.Unmarshal is not checked`
	return it, nil
}
