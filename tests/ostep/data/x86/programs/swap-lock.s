# A spin lock built on the atomic exchange: swap 1 into `held` until the old
# value that comes back is 0.
.var held
.var hits

.main
.loop
.spin
mov  $1, %cx
xchg %cx, held
test $0, %cx
jne  .spin

mov  hits, %ax
add  $1, %ax
mov  %ax, hits

mov  $0, held
sub  $1, %bx
test $0, %bx
jgt  .loop
halt
