.main
mov  500000, %ax
halt
