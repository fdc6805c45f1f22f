// Command oneshot fetches a page once from main, then keeps polling: a
// program that runs long (its endless loop sleeps), so its requests are
// reported, except the one main itself sends once before the loop, which a
// person at a terminal sees hang. Requests in loops, goroutines and other
// functions are reported.
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
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
	for {
		poll(os.Args[1])
		time.Sleep(time.Minute)
	}
}

func poll(u string) {
	if r, err := http.Get(u); err == nil { // want `http.Get has no timeout`
		r.Body.Close()
	}
}
