.main
mov  $1, %ax
mov  %ax, 1002
halt
