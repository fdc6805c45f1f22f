package clientreuse

import (
	"unicode"
)

// Small helpers.

// lowerInitial lower-cases the leading capitals of an identifier:
// GetWeather → getWeather, HTTPGet → httpGet, URL → url.
func lowerInitial(s string) string {
	if s == "" {
		return "shared"
	}
	r := []rune(s)
	n := 0
	for n < len(r) && unicode.IsUpper(r[n]) {
		n++
	}
	if n > 1 && n < len(r) {
		n-- // keep the capital that starts the next word
	}
	for i := 0; i < n; i++ {
		r[i] = unicode.ToLower(r[i])
	}
	return string(r)
}
