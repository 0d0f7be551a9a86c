.main
xchg $1, 2000
halt
