.main
mov  $1, %qx
halt
