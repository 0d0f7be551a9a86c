.main
add  $one, %ax
halt
