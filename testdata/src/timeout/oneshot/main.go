// Command oneshot fetches a page once from main: a person at a terminal
// runs it and interrupts it if it hangs, so its own request is not
// reported. Requests in loops, goroutines and other functions still are.
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	resp, err := http.Get(os.Args[1])
	if err != nil {
		fmt.Println(err)
		return
	}
	io.Copy(os.Stdout, resp.Body)
	resp.Body.Close()

	for _, u := range os.Args[2:] {
		r, err := http.Get(u) // want `http.Get has no timeout`
		if err == nil {
			r.Body.Close()
		}
	}

	done := make(chan struct{})
	go func() {
		defer close(done)
		if r, err := http.Head(os.Args[1]); err == nil { // want `http.Head has no timeout`
			r.Body.Close()
		}
	}()
	<-done
	poll(os.Args[1])
}

func poll(u string) {
	if r, err := http.Get(u); err == nil { // want `http.Get has no timeout`
		r.Body.Close()
	}
}
