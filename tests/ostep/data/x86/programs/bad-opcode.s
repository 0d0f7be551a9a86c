.main
mov  $1, %ax
store %ax, 2000
halt
