.main
ret 4
halt
