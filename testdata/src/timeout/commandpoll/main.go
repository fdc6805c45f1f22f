// Command commandpoll checks a feed until it is stopped, waiting between
// rounds in a helper: a loop that is not counting and waits is a poll, so
// the program runs long and its request is reported.
package main

import (
	"context"
	"log"
	"net/http"
	"os"
	"os/signal"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	for ctx.Err() == nil {
		check()
		pause()
	}
}

func pause() {
	<-time.After(time.Minute)
}

func check() {
	resp, err := http.Get("http://feeds.internal/latest") // want `http.Get has no timeout`
	if err != nil {
		log.Print(err)
		return
	}
	resp.Body.Close()
}
