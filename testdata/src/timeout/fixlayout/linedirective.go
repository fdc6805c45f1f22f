package fixlayout

import "net/http"

// Template compilers write //line directives: the fix must edit this
// file's own lines, not the template's.
func templated() {
//line page.tmpl:200
	c := &http.Client{
		Jar: nil,
	}
	c.Get(target) // want `request sent with an http.Client that has no Timeout`
}
