// Command demo wires the demo's handlers into a server.
package main

import (
	"log"
	"net/http"

	"example.com/demo/gateway"
	"example.com/demo/weather"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /weather", weather.Handler)
	mux.HandleFunc("GET /accounts/{id}", gateway.Accounts)
	log.Fatal(http.ListenAndServe("localhost:8080", mux))
}
