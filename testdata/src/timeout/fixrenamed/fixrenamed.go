package fixrenamed

import (
	"net/http"
	stdtime "time"
)

var started = stdtime.Now()

func fetch() {
	c := &http.Client{}
	c.Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`
}

// shadowed has a local named like the time package: the fix must not use it.
func shadowed(time int) {
	tr := &http.Transport{ // want `http.Transport has no dial or TLS handshake timeout`
		MaxIdleConns: time,
	}
	(&http.Client{Transport: tr}).Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`
}
