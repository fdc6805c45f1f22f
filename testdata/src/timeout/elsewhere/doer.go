package elsewhere

import "net/http"

// requester is all a caller may do with a client held this way: send.
type requester interface {
	Do(req *http.Request) (*http.Response, error)
}

var feedClient = &http.Client{}

// Holding the client as a requester cannot set its Timeout, so the direct
// send is judged as if the client were in plain view.
func fetchFeed(url string) (*http.Response, error) {
	var r requester = feedClient
	_ = r
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return feedClient.Do(req) // want `request sent with an http.Client that has no Timeout`
}

var archiveClient = &http.Client{}

// registry holds clients for code elsewhere, which may assert them back
// to *http.Client and set their Timeout.
var registry []any

// Held untyped, the client may be configured by whoever takes it out: its
// bounds are decided elsewhere, and nothing is reported.
func fetchArchive(url string) (*http.Response, error) {
	var held any = archiveClient
	registry = append(registry, held)
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return archiveClient.Do(req)
}
