.var flag
.main
test $0, %ax
jne  flag
halt
