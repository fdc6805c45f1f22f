// Command commandserves serves a page that it builds from an upstream
// fetch: a server, so its request is reported although it is package main.
package main

import (
	"io"
	"net/http"
)

func main() {
	http.ListenAndServe(":8080", http.HandlerFunc(relay))
}

func relay(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("http://upstream.internal/page") // want `http.Get has no timeout`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}
