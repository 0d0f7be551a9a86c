# Test-and-test-and-set: spin on plain reads of `held`, and only when it
# looks free try the atomic exchange.
.var held
.var hits

.main
.loop
.look
mov  held, %cx
test $0, %cx
jne  .look
mov  $1, %cx
xchg %cx, held
test $0, %cx
jne  .look

mov  hits, %ax
add  $1, %ax
mov  %ax, hits

mov  $0, held
sub  $1, %bx
test $0, %bx
jgt  .loop
halt
