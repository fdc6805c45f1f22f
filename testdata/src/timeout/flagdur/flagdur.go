package flagdur

import (
	"net/http"
	"time"
)

func fetch() {
	c := &http.Client{}
	c.Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout`
	_ = time.Now
}
