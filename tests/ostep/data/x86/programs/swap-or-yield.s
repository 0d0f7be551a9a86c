# The exchange lock again, but a thread that finds it taken gives up the CPU
# (yield) instead of spinning out its time slice.
.var held
.var hits

.main
.loop
.try
mov  $1, %cx
xchg %cx, held
test $0, %cx
je   .got_it
yield
j    .try
.got_it

mov  hits, %ax
add  $1, %ax
mov  %ax, hits

mov  $0, held
sub  $1, %bx
test $0, %bx
jgt  .loop
halt
