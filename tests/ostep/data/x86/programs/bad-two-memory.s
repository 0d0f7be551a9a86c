.var a
.var b
.main
mov  a, b
halt
