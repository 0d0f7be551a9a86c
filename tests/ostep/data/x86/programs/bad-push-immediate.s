.main
push $5
halt
