package fixlayout

import "net/http"

// A //line directive renumbers this file's lines: the fix must edit its
// real lines, not the renumbered ones. (Where a directive names another
// file, a template, no fix is offered: see analyzers/suite.)
func templated() {
//line linedirective.go:200
	c := &http.Client{
		Jar: nil,
	}
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}
