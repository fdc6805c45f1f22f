// Command oneshot is an example program: it sends a request or two from
// main and exits. A body left open there holds its connection only until
// the process ends, a moment later, so main's own requests are not
// reported; those of the functions main calls, of loops and of goroutines
// are.
package main

import (
	"fmt"
	"net/http"
	"os"
	"strings"
)

func main() {
	// A notification posted once, the response thrown away.
	http.Post("http://notify.example/alerts", "text/plain", strings.NewReader("deploy done"))

	resp, err := http.Get("http://notify.example/health")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(resp.Status) // never closed: the process exits next

	for _, topic := range os.Args[1:] {
		http.Post("http://notify.example/"+topic, "text/plain", nil) // want `the response from http.Post is discarded`
	}
	publish("done")
	go http.Get("http://notify.example/ping") // want `the response from http.Get is discarded`
}

func publish(msg string) {
	http.Post("http://notify.example/log", "text/plain", strings.NewReader(msg)) // want `the response from http.Post is discarded`
}
