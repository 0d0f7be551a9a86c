.var table 2
.main
lea  table, %ex
lea  4(%ex,%bx,4), %dx
halt
