# One thread (%cx = 1) raises the signal word at 2500; the others (%cx = 0)
# spin until they see it.
.main
test $1, %cx
je   .raise
.spin
mov  2500, %dx
test $1, %dx
jne  .spin
halt
.raise
mov  $1, 2500
halt
