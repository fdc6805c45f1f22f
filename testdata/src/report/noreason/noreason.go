package noreason

import "net/http"

var _ = http.MethodGet

func probe() {}

func cases() {
	//httpvet:ignore reportprobe
	probe()
}
