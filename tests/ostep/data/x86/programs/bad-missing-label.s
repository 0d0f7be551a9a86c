.main
test $0, %ax
jne  .elsewhere
halt
