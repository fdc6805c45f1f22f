package app

import (
	"net/http"

	"example.com/vetmod/clients"
)

func Fetch() (*http.Response, error) {
	return clients.New().Get("https://api.example.com")
}

func Probe() {
	//httpvet:ignore timeout the probe runs under a watchdog
	closeBody(http.Get("http://localhost/healthz"))
}

func closeBody(resp *http.Response, err error) {
	if err == nil {
		resp.Body.Close()
	}
}
