package fixnotime

import "net/http"

func fetch() {
	c := &http.Client{Transport: http.DefaultTransport}
	c.Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`
}
