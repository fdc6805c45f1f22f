// Command command downloads the files named on its command line: it does
// its work and exits, and whoever runs it sees a stalled download and
// interrupts it. Nothing in it runs long (no server, ticker or endless
// sleeping loop), so its requests are not reported, in main or in the
// functions, loops and goroutines below it.
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	for _, u := range os.Args[1:] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := download(u); err != nil {
				fmt.Fprintln(os.Stderr, err)
			}
		}()
	}
	wg.Wait()
	for attempt := 0; attempt < 3; attempt++ {
		if resp, err := http.Head(os.Args[1]); err == nil {
			resp.Body.Close()
			break
		}
		time.Sleep(time.Second) // a bounded loop's pause: not a sign of running long
	}
}

func download(u string) error {
	resp, err := http.DefaultClient.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", u, resp.Status)
	}
	_, err = io.Copy(os.Stdout, resp.Body)
	return err
}
