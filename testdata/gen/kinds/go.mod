module kinds

go 1.19
