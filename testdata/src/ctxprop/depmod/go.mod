module depmod

go 1.25.0

require example.com/feeds v0.0.0

replace example.com/feeds => ./dep
