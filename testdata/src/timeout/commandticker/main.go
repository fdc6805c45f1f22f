// Command commandticker checks a health endpoint on every tick until it is
// killed: a ticker is a sign of running long, so its request is reported.
package main

import (
	"log"
	"net/http"
	"time"
)

func main() {
	t := time.NewTicker(30 * time.Second)
	for range t.C {
		check()
	}
}

func check() {
	resp, err := http.Get("http://service.internal/healthz") // want `http.Get has no timeout`
	if err != nil {
		log.Print(err)
		return
	}
	resp.Body.Close()
}
