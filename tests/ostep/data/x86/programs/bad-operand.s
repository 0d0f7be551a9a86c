.main
mov  @5, %ax
halt
