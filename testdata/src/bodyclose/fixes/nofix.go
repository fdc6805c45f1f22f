package fixes

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// In a loop, a defer would pile up: no fix.
func neverClosedInLoop(c *http.Client, urls []string) {
	for _, u := range urls {
		resp, err := c.Get(u) // want `is not closed on every path`
		if err != nil {
			continue
		}
		fmt.Println(resp.Status)
	}
}

// No error check to anchor the defer on.
func noErrorCheck(u string) int {
	resp, _ := http.Get(u) // want `is not closed on every path`
	return resp.StatusCode
}

// The early return reads the body: closing before it would break it.
func returnReadsBody(u string) error {
	resp, err := http.Get(u) // want `not closed on every path`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d: %s", resp.StatusCode, firstLine(resp.Body))
	}
	return resp.Body.Close()
}

func firstLine(r io.Reader) string { // want firstLine:"borrows param0"
	line, _ := bufio.NewReader(r).ReadString('\n')
	return line
}

// The return is reached by the error path too (resp is nil there).
func sharedReturn(u string) error {
	resp, err := http.Get(u) // want `not closed on every path`
	if err != nil || resp.StatusCode != http.StatusOK {
		return errors.New("failed")
	}
	return resp.Body.Close()
}

// Discarded with =: binding would need a new declaration.
func discardAssign(u string) error {
	var err error
	_, err = http.Get(u) // want `is discarded`
	return err
}

// Discarded without an error check after it.
func discardNoCheck(c *http.Client, req *http.Request) error {
	_, err := c.Do(req) // want `is discarded`
	return err
}

// Deferred in a loop, but a continue leaves the iteration early.
func loopContinue(c *http.Client, urls []string) {
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close() // want `deferred inside a loop`
		if resp.StatusCode != http.StatusOK {
			continue
		}
		fmt.Println(resp.Status)
	}
}
