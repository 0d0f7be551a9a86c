.main
mov  counter, %ax
halt
