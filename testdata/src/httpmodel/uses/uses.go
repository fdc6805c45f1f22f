// Package uses checks Model.UseCursors: each variable's uses, counted
// after the declarations holding them have been indexed.
package uses

// settings returns a value of an anonymous struct type declared in its
// signature: the field is used inside settings and in its caller.
func settings(retry bool) (s struct{ Retries int }) { // want `retry: 1 uses` `s: 2 uses` `Retries: 2 uses`
	if retry {
		s.Retries = 3
	}
	return s
}

func caller() int {
	n := settings(true).Retries // want `n: 1 uses`
	return n
}
