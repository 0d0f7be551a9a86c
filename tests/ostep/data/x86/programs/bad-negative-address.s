.main
mov  -4, %ax
halt
