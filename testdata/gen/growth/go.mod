module growth

go 1.19
