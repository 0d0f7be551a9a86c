# A ticket lock: fetchadd takes the next ticket; a thread enters when
# `serving` reaches its ticket, and leaves by moving `serving` on.
.var next_ticket
.var serving
.var hits

.main
.loop
mov  $1, %dx
fetchadd %dx, next_ticket   # %dx = my ticket
.until_mine
mov  serving, %cx
test %cx, %dx
jne  .until_mine

mov  hits, %ax
add  $1, %ax
mov  %ax, hits

mov  $1, %cx
fetchadd %cx, serving
sub  $1, %bx
test $0, %bx
jgt  .loop
halt
