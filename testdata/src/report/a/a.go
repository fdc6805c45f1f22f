package a

import "net/http"

func probe() {}

var _ = http.MethodGet

func cases() {
	probe() // want `probe called`

	//httpvet:ignore reportprobe the line below is silenced
	probe()

	probe() //httpvet:ignore reportprobe silenced on its own line

	//httpvet:ignore timeout,reportprobe a list of analyzers
	probe()

	//httpvet:ignore timeout another analyzer's directive silences nothing here
	probe() // want `probe called`

	//httpvet:ignore reportprobe only the next line

	probe() // want `probe called`

	//httpvet:ignored reportprobe not the directive
	probe() // want `probe called`
}
