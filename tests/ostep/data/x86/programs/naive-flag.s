# A "lock" made of a plain flag: test it, then set it. Two threads can both
# see 0 before either stores 1, so `hits` can still lose updates.
.var busy
.var hits

.main
.loop
.wait
mov  busy, %cx
test $0, %cx
jne  .wait
mov  $1, busy

mov  hits, %ax       # critical section
add  $1, %ax
mov  %ax, hits

mov  $0, busy        # release
sub  $1, %bx
test $0, %bx
jgt  .loop
halt
