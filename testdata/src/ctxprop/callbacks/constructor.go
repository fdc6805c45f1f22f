package callbacks

import (
	"context"
	"net/http"
)

// gauge reads its label values when a collector scrapes it, not when it
// is built.
type gauge struct {
	labelValues func() []string
}

type Exporter struct {
	client *http.Client
	gauges []*gauge
}

func clusterName(e *Exporter) string {
	resp, err := e.client.Get("http://search:9200/")
	if err != nil {
		return "unknown"
	}
	defer resp.Body.Close()
	return resp.Header.Get("X-Cluster")
}

// NewExporter builds a callback that sends, and keeps it in a struct that
// the scrape loop calls later: NewExporter itself sends nothing, so its
// callers have no context to give it.
func NewExporter(client *http.Client) *Exporter {
	var self *Exporter
	g := gauge{
		labelValues: func() []string {
			if self == nil {
				return nil
			}
			return []string{clusterName(self)}
		},
	}
	self = &Exporter{client: client, gauges: []*gauge{&g}}
	return self
}

// Register runs inside a request's handling but only builds the exporter.
func Register(w http.ResponseWriter, r *http.Request) {
	e := NewExporter(http.DefaultClient)
	_ = e
	w.WriteHeader(http.StatusNoContent)
}

// probeNow calls its literal at once: the send is the function's own.
func probeNow(client *http.Client) string {
	read := func() string {
		resp, err := client.Get("http://search:9200/_cluster/health")
		if err != nil {
			return ""
		}
		defer resp.Body.Close()
		return resp.Status
	}
	return read()
}

func Health(ctx context.Context, client *http.Client) string {
	return probeNow(client) // want `probeNow sends a request without a context`
}
