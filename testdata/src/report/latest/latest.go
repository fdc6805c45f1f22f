// Package latest only has a name that ends in "test": it is production
// code, and its findings are reported.
package latest

import "net/http"

func probe() {}

var _ = http.MethodGet

func Check() {
	probe() // want `probe called`
}
