package upstreamfake

func again() {
	probe()
}
