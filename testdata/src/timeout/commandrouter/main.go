// Command commandrouter builds a router (a type with a ServeHTTP method)
// and hands it to a starter of its own: the program serves although no
// ListenAndServe call appears, so its request is reported.
package main

import (
	"net/http"
)

type router struct{ routes map[string]http.HandlerFunc }

func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h, ok := rt.routes[r.URL.Path]; ok {
		h(w, r)
	}
}

func start(h http.Handler) { _ = h }

func main() {
	rt := &router{routes: map[string]http.HandlerFunc{}}
	start(rt)
	refresh()
}

func refresh() {
	resp, err := http.Get("http://config.internal/routes") // want `http.Get has no timeout`
	if err == nil {
		resp.Body.Close()
	}
}
