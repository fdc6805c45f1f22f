package basic

import "net/http"

func suppressed() {
	//httpvet:ignore timeout the health probe runs under the supervisor's own deadline
	http.Get("http://localhost:8080/healthz")

	http.Get("http://localhost:8080/ready") //httpvet:ignore timeout,retry same-host probe with a watchdog

	//httpvet:ignore retry a directive for another analyzer silences nothing here
	http.Get("http://localhost:8080/live") // want `http.Get has no timeout`
}
