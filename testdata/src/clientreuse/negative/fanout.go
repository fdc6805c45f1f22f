package negative

import (
	"net/http"
	"sync"
)

// A Transport built once per call and then used for many requests within
// that call: the pool is reused, by a load run's workers or by a crawl.

// loadRun gives one client to workers started in a loop; each sends many
// requests through it.
func loadRun(target string, workers, perWorker int) {
	tr := &http.Transport{MaxIdleConnsPerHost: workers}
	client := &http.Client{Transport: tr}
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hammer(client, target, perWorker)
		}()
	}
	wg.Wait()
}

func hammer(c *http.Client, target string, n int) {
	for i := 0; i < n; i++ {
		if resp, err := c.Get(target); err == nil {
			resp.Body.Close()
		}
	}
}

// crawl fetches every page through the one client it builds.
func crawl(pages []string) int {
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 4}}
	ok := 0
	for _, p := range pages {
		resp, err := client.Get(p)
		if err != nil {
			continue
		}
		resp.Body.Close()
		ok++
	}
	return ok
}
