// Command commandrouter builds a handler value (an http.Handler holding a
// file server) and hands it to a starter of its own: the program serves
// although no ListenAndServe call and no handler function appear, so its
// request is reported.
package main

import (
	"net/http"
)

func start(h http.Handler) { _ = h }

func main() {
	var h http.Handler = http.FileServer(http.Dir("/srv"))
	start(h)
	refresh()
}

func refresh() {
	resp, err := http.Get("http://config.internal/routes") // want `http.Get has no timeout`
	if err == nil {
		resp.Body.Close()
	}
}
