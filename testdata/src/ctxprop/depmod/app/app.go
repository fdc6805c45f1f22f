// Package app uses the feeds dependency from handlers. Drops only the
// dependency could fix are not reported; where it offers a context-taking
// variant, the call is reported naming it.
package app

import (
	"net/http"

	"example.com/feeds"
)

type server struct {
	feeds *feeds.Client
	hc    *http.Client
}

func (s *server) handle(w http.ResponseWriter, r *http.Request) {
	s.feeds.Status("a") // the dependency offers no way to pass a context
	feeds.Lookup("b")   // its variant drops the context too
	s.status("c")       // this module's helper, whose drop is the dependency's
	s.statusTwice("d")  // the same, one level further
	s.feeds.Fetch("e")  // want `Fetch sends a request without a context, dropping r.Context\(\): the request runs on after the caller has given up; call FetchWithContext instead`
	feeds.Ping("f")     // want `Ping sends a request without a context, dropping r.Context\(\): the request runs on after the caller has given up; call PingCtx instead`
	s.mixed("g")        // want `mixed sends a request without a context, dropping r.Context\(\): the request runs on after the caller has given up; give mixed a context parameter`
}

// status has no context; the request it makes cannot take one.
func (s *server) status(id string) int {
	code, _ := s.feeds.Status(id)
	return code
}

func (s *server) statusTwice(id string) int { return s.status(id) + s.status(id) }

// mixed also sends a request of its own, which a context would reach.
func (s *server) mixed(id string) int {
	code, _ := s.feeds.Status(id)
	resp, err := s.hc.Get("http://own/" + id)
	if err == nil {
		resp.Body.Close()
	}
	return code
}
