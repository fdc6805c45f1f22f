package elsewhere

import (
	"net/http"
	"time"
)

// The package bounds the default client once, for the helpers too.
func init() { http.DefaultClient.Timeout = 15 * time.Second }

func viaHelper() { http.Get(feed) }

func viaDefault(req *http.Request) { http.DefaultClient.Do(req) }
