# The exchange lock as two procedures, called with the lock's address pushed
# on the stack and found through a frame pointer.
.var held
.var hits

.main
.loop
lea  held, %dx
push %dx
call .acquire
pop
mov  hits, %ax
add  $1, %ax
mov  %ax, hits
push held
call .release
pop
sub  $1, %bx
test $0, %bx
jgt  .loop
halt

.acquire
push %bp
mov  %sp, %bp
mov  8(%bp), %dx           # the lock's address
.retry
mov  $1, %cx
xchg %cx, (%dx)
test $0, %cx
jne  .retry
pop  %bp
ret

.release
mov  4(%sp), %dx
mov  $0, (%dx)
ret
