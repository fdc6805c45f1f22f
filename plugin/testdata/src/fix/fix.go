package fix

import (
	"net/http"
)

func fetch() {
	c := &http.Client{}
	c.Get("https://api.example.com") // want `request sent with an http.Client that has no Timeout.* \[no-timeout\]$`
}
