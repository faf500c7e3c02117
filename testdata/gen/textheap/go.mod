module textheap

go 1.19
