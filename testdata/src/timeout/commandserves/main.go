// Command commandserves serves a directory and, at start, fetches the
// banner it shows: a server (it calls ListenAndServe), so its request is
// reported although it is package main. No handler function is written
// here: the call alone is the sign.
package main

import (
	"io"
	"net/http"
	"os"
)

func main() {
	fetchBanner()
	http.ListenAndServe(":8080", http.FileServer(http.Dir(".")))
}

func fetchBanner() {
	resp, err := http.Get("http://config.internal/banner") // want `http.Get has no timeout`
	if err != nil {
		return
	}
	defer resp.Body.Close()
	io.Copy(os.Stdout, resp.Body)
}
