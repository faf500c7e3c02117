module liveserver

go 1.19
