// Package weather serves the current weather for a city by asking an
// upstream weather API: the Go counterpart of the course's weather_api.py.
package weather

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// Report is what the upstream API returns.
type Report struct {
	City        string  `json:"city"`
	Temperature float64 `json:"temperature"`
}

// Handler answers GET /weather?city=London.
func Handler(w http.ResponseWriter, r *http.Request) {
	city := r.URL.Query().Get("city")
	report, err := fetch(city)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	json.NewEncoder(w).Encode(report)
}

// fetch builds a fresh transport, and with it a fresh connection pool, for
// every call: each request pays DNS, TCP and TLS again.
func fetch(city string) (*Report, error) {
	transport := &http.Transport{MaxIdleConns: 10}
	client := &http.Client{Transport: transport}
	resp, err := client.Get("https://weather.example.com/v1/current?city=" + url.QueryEscape(city))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("weather API: %s", resp.Status)
	}
	var report Report
	if err := json.NewDecoder(resp.Body).Decode(&report); err != nil {
		return nil, err
	}
	return &report, nil
}
