.main
lea  %ax, %bx
halt
