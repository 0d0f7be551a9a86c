.main
mov  %ax
halt
