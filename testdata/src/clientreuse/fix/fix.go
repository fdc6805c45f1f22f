// Package fix holds the weather service of the seed course, in Go.
package fix

import (
	"encoding/json"
	"net/http"
	"time"
)

const baseURL = "https://api.openweathermap.org/data/2.5"

var apiKey = "your-api-key"

// getForecastTransport is taken: the fix must pick another name.
var getForecastTransport = "taken"

// getWeather serves the current weather.
func getWeather(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{ // want `handler getWeather and then discarded`
			MaxIdleConns:    10, // plenty for one upstream
			IdleConnTimeout: 90 * time.Second,
		},
	}
	req, _ := http.NewRequestWithContext(r.Context(), "GET", baseURL+"/weather?appid="+apiKey, nil)
	resp, err := client.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	var v any
	json.NewDecoder(resp.Body).Decode(&v)
}

func getForecast(w http.ResponseWriter, r *http.Request) {
	tr := http.DefaultTransport.(*http.Transport).Clone() // want `handler getForecast`
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	req, _ := http.NewRequestWithContext(r.Context(), "GET", baseURL+"/forecast", nil)
	resp, err := client.Do(req)
	if err != nil {
		return
	}
	resp.Body.Close()
}

// FetchJSON is a helper that closes its connections when done.
func FetchJSON(url string, v any) error {
	tr := &http.Transport{DisableCompression: true} // want `on every call of FetchJSON`
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	c.CloseIdleConnections()
	return json.NewDecoder(resp.Body).Decode(v)
}

// No fix: the transport depends on a parameter.
func getFull(w http.ResponseWriter, r *http.Request) {
	idle := 10 * time.Second
	c := &http.Client{Transport: &http.Transport{IdleConnTimeout: idle}} // want `handler getFull .*\(build it once at start-up and pass it in\)`
	if resp, err := c.Get(baseURL); err == nil {
		resp.Body.Close()
	}
}

// No fix: the transport is changed after it is built.
func getAlerts(w http.ResponseWriter, r *http.Request) {
	tr := &http.Transport{} // want `handler getAlerts .*\(build it once at start-up and pass it in\)`
	tr.MaxIdleConnsPerHost = 2
	c := &http.Client{Transport: tr}
	if resp, err := c.Get(baseURL); err == nil {
		resp.Body.Close()
	}
}
