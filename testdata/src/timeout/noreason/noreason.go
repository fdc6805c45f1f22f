package noreason

import "net/http"

func probe() {
	//httpvet:ignore timeout
	http.Get("http://localhost:8080/metrics")
}
